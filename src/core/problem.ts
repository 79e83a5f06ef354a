import { type DataTable, getColumn } from './table/DataTable';
import { type Column, booleanLabels } from './table/column';
import { SaplingError } from './util/errors';

/** What is being predicted: one of two classes, one of several, or a number. */
export type Task = 'binary' | 'multiclass' | 'regression';

/** Learning without a target: finding groups of similar rows, or fewer axes that keep the variation. */
export type UnsupervisedTask = 'clustering' | 'projection';

/** Any task a model family can do. */
export type ModelTask = Task | UnsupervisedTask;

/** True for the tasks that have no target column. */
export function isUnsupervised(task: ModelTask): task is UnsupervisedTask {
  return task === 'clustering' || task === 'projection';
}

/** The problem definition: which column to predict and how. */
export interface ProblemSpec {
  readonly target: string;
  readonly task: Task;
}

/** True for the classification tasks. */
export function isClassification(task: ModelTask): task is 'binary' | 'multiclass' {
  return task === 'binary' || task === 'multiclass';
}

/** The most classes a classification target may have; more usually means an identifier or a number. */
export const MAX_CLASSES = 100;

/** Numeric targets with at most this many distinct integer values are read as classes. */
const MAX_INTEGER_CLASSES = 10;

/**
 * The task a person would expect for a target column: categories and booleans are classification
 * (binary for two classes); numbers are regression unless they are a handful of integers (0/1 labels,
 * 1–5 ratings).
 */
export function inferTask(column: Column): Task {
  if (column.kind === 'numeric') {
    const distinct = new Set<number>();
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) return 'regression';
      distinct.add(v);
      if (distinct.size > MAX_INTEGER_CLASSES) return 'regression';
    }
    // Many rows of few integers are classes; three rows of 1, 2, 3 are just numbers.
    if (distinct.size > 2 && distinct.size * 3 > column.values.length) return 'regression';
    return distinct.size <= 2 ? 'binary' : 'multiclass';
  }
  return classTarget(column).classes.length <= 2 ? 'binary' : 'multiclass';
}

/** A classification target as class indices (−1 = missing) into sorted class labels. */
export interface ClassTarget {
  readonly classes: string[];
  readonly y: Int32Array;
}

/**
 * Encodes a column as class labels. Labels are sorted (numerically for numbers) so the class order,
 * and with it every per-class output, does not depend on row order.
 */
export function classTarget(column: Column): ClassTarget {
  const n = column.kind === 'categorical' || column.kind === 'text' ? column.codes.length : column.values.length;
  const y = new Int32Array(n).fill(-1);
  switch (column.kind) {
    case 'boolean': {
      for (let i = 0; i < n; i++) y[i] = column.values[i];
      return { classes: [...booleanLabels(column)], y };
    }
    case 'numeric': {
      const distinct = Array.from(new Set(Array.from(column.values).filter((v) => !Number.isNaN(v)))).sort((a, b) => a - b);
      const index = new Map(distinct.map((v, k) => [v, k]));
      for (let i = 0; i < n; i++) y[i] = index.get(column.values[i]) ?? -1;
      return { classes: distinct.map(String), y };
    }
    case 'categorical':
    case 'text': {
      const used = new Set<number>();
      for (const code of column.codes) if (code >= 0) used.add(code);
      const order = Array.from(used).sort((a, b) => compareLabels(column.categories[a], column.categories[b]));
      const remap = new Int32Array(column.categories.length).fill(-1);
      order.forEach((code, k) => (remap[code] = k));
      for (let i = 0; i < n; i++) y[i] = column.codes[i] >= 0 ? remap[column.codes[i]] : -1;
      return { classes: order.map((code) => column.categories[code]), y };
    }
    case 'datetime':
      throw new SaplingError('bad-target', `column "${column.name}" holds dates; a date cannot be a classification target`);
  }
}

function compareLabels(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A regression target as numbers (NaN = missing); only numeric columns qualify. */
export function regressionTarget(column: Column): Float64Array {
  if (column.kind !== 'numeric') {
    throw new SaplingError(
      'bad-target',
      `column "${column.name}" is ${column.kind}, not numeric; regression needs a numeric target (choose classification instead)`,
    );
  }
  return column.values;
}

/**
 * Checks that the problem can be trained on this table, with an error that says what is wrong:
 * a target that is not a column, a regression target that is not numeric, a classification target
 * with a single class, a target with no values.
 */
export function validateProblem(table: DataTable, problem: ProblemSpec): void {
  const column = getColumn(table, problem.target);
  if (table.columns.length < 2) {
    throw new SaplingError('no-features', `the data has only the target column "${problem.target}"; there is nothing to learn from`);
  }
  if (problem.task === 'regression') {
    const y = regressionTarget(column);
    if (!y.some((v) => !Number.isNaN(v))) {
      throw new SaplingError('empty-target', `target "${problem.target}" has no values`);
    }
    return;
  }
  const { classes, y } = classTarget(column);
  const present = new Set<number>();
  for (const v of y) if (v >= 0) present.add(v);
  if (present.size === 0) throw new SaplingError('empty-target', `target "${problem.target}" has no values`);
  if (present.size === 1) {
    throw new SaplingError(
      'single-class-target',
      `target "${problem.target}" has a single class ("${classes[[...present][0]]}") in all ${table.rowCount} rows; ` +
        'classification needs at least two',
    );
  }
  if (present.size > MAX_CLASSES) {
    throw new SaplingError(
      'too-many-classes',
      `target "${problem.target}" has ${present.size} classes; Sapling classifies up to ${MAX_CLASSES} ` +
        '(is it an identifier, or a number to predict with regression?)',
    );
  }
  if (problem.task === 'binary' && present.size > 2) {
    throw new SaplingError(
      'bad-task',
      `target "${problem.target}" has ${present.size} classes, so the task is multiclass, not binary`,
    );
  }
}

/**
 * The problem for a target: the given task, or the inferred one. `classification` picks binary or
 * multiclass by the number of classes.
 */
export function resolveProblem(table: DataTable, target: string, task?: Task | 'classification'): ProblemSpec {
  const column = getColumn(table, target);
  let resolved: Task;
  if (task === undefined) resolved = inferTask(column);
  else if (task === 'classification') resolved = classTarget(column).classes.length <= 2 ? 'binary' : 'multiclass';
  else resolved = task;
  const problem = { target, task: resolved };
  validateProblem(table, problem);
  return problem;
}
