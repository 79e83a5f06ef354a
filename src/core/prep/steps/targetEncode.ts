import type { DataTable } from '../../table/DataTable';
import type { CodedColumn } from '../../table/column';
import { SaplingError } from '../../util/errors';
import { keyed, own } from '../../util/keyed';
import { columnsParam, selectColumns } from '../step';
import type { FitContext, NewStepDefinition, StepTarget } from './contract';
import { type TargetEncodeState, type TargetEncoding, targetColumnName, targetEncodeTransform } from './targetEncode.transform';
import { type Smoothing, crossFitEncode, crossFitFolds, fitEncoding } from './targetEncoding';

const schema = {
  smooth: {
    type: 'choice',
    label: 'Smoothing',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Automatic (empirical Bayes)' },
      { value: 'fixed', label: 'A fixed weight' },
    ],
    help: "How far a category's figure is pulled towards the overall mean: automatically, more for small or noisy categories (as scikit-learn's smooth='auto'), or by a fixed weight.",
  },
  smoothing: {
    type: 'number',
    label: 'Smoothing weight',
    default: 10,
    min: 0,
    max: 1_000_000,
    help: "The overall mean counts as this many extra rows of each category; 0 uses the category's own mean.",
    shownWhen: { param: 'smooth', values: ['fixed'] },
  },
  cv: {
    type: 'number',
    label: 'Folds',
    default: 5,
    min: 2,
    max: 20,
    integer: true,
    help: 'Each training row is encoded from the other folds only (cross-fitting), so a row never sees its own target. Prediction rows use all training rows.',
  },
  shuffle: {
    type: 'boolean',
    label: 'Shuffle folds',
    default: true,
    help: 'Deal rows into folds at random (with the recipe seed) rather than in blocks of rows in file order.',
  },
  columns: columnsParam('categorical'),
} as const;

/** The target as the encodings see it: one number per row for each output (the value, or 0/1 per class). */
function targetOutputs(target: StepTarget): { outputs: string[]; ys: Float64Array[] } {
  if (target.task === 'regression') return { outputs: [''], ys: [target.y] };
  // Two classes: the share of the second (scikit-learn's LabelEncoder order, as the target's classes are).
  if (target.task === 'binary') return { outputs: [''], ys: [target.y] };
  return { outputs: [...target.classes], ys: target.classes.map((_, c) => target.y.map((k) => (k === c ? 1 : 0))) };
}

/** The column's codes over the fitted categories (then a gap's own index, when `missing`). */
function fittedCodes(column: CodedColumn, spec: Pick<TargetEncoding, 'categories' | 'missing'>): Int32Array {
  const index = new Map(spec.categories.map((label, k) => [label, k]));
  const map = column.categories.map((label) => index.get(label) ?? -1);
  const gap = spec.missing ? spec.categories.length : -1;
  return column.codes.map((c) => (c < 0 ? gap : map[c]));
}

function needTarget(context: FitContext): StepTarget {
  if (!context.target) throw new SaplingError('needs-target', 'the target-encode step needs a target column to encode categories by, and this problem has none (clustering or projection)');
  return context.target;
}

function smoothing(params: { smooth: string; smoothing: number }): Smoothing {
  return params.smooth === 'auto' ? 'auto' : params.smoothing;
}

function encodedColumns(table: DataTable, names: readonly string[]): CodedColumn[] {
  return selectColumns(table, names, ['categorical']) as CodedColumn[];
}

/**
 * Target encoding with cross-fitting, as scikit-learn's TargetEncoder: each category becomes the
 * training target's mean among its rows, shrunk towards the overall mean; a gap is a category of
 * its own (as there); a category never seen in training gets the overall mean.
 */
export const targetEncodeStep: NewStepDefinition<typeof schema, TargetEncodeState> = {
  id: 'target-encode',
  label: 'Target encode',
  help: "Replaces each category by the target's average among its training rows (the share of each class for classification), shrunk towards the overall average. The training rows are encoded with cross-fitting, so a model cannot learn from a row's own target. One column for a number or two classes (island|target), one per class otherwise (island|target=Adelie).",
  schema,
  checkState: targetEncodeTransform.checkState,
  fit(table, params, context) {
    const target = needTarget(context);
    const { outputs, ys } = targetOutputs(target);
    const columns = keyed<TargetEncoding>();
    for (const column of encodedColumns(table, params.columns)) {
      const seen = new Uint8Array(column.categories.length);
      let missing = false;
      for (const c of column.codes) {
        if (c < 0) missing = true;
        else seen[c] = 1;
      }
      // Only categories with training rows, in label order: the state does not depend on the dictionary.
      const categories = column.categories.filter((_, k) => seen[k]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const codes = fittedCodes(column, { categories, missing });
      const size = categories.length + (missing ? 1 : 0);
      columns[column.name] = { categories, missing, encodings: ys.map((y) => Array.from(fitEncoding(codes, y, size, smoothing(params)).encoding)) };
    }
    const means = ys.map((y) => y.reduce((s, v) => s + v, 0) / y.length);
    return { outputs, means, columns };
  },
  transform: (table, _params, state) => targetEncodeTransform.transform(table, state),
  fitTransform(table, params, state, context) {
    const target = needTarget(context);
    const { ys } = targetOutputs(target);
    const fold = crossFitFolds(table.rowCount, params.cv, target.task === 'regression' ? null : Int32Array.from(target.y), params.shuffle, context.seed);
    const outOfFold = new Map<string, Float64Array>();
    for (const column of encodedColumns(table, Object.keys(state.columns))) {
      const spec = own(state.columns, column.name);
      if (!spec) continue;
      const codes = fittedCodes(column, spec);
      const size = spec.categories.length + (spec.missing ? 1 : 0);
      state.outputs.forEach((suffix, j) => outOfFold.set(targetColumnName(column.name, suffix), crossFitEncode(codes, ys[j], size, smoothing(params), fold, state.means[j])));
    }
    const replayed = targetEncodeTransform.transform(table, state);
    return { rowCount: replayed.rowCount, columns: replayed.columns.map((c) => (c.kind === 'numeric' && outOfFold.has(c.name) ? { ...c, values: outOfFold.get(c.name)! } : c)) };
  },
  lineage: (state) => Object.keys(state.columns).flatMap((name) => state.outputs.map((suffix) => [targetColumnName(name, suffix), [name]] as const)),
};
