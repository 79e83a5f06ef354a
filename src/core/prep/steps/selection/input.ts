import type { DataTable } from '../../../table/DataTable';
import type { Column, ColumnKind } from '../../../table/column';
import { SaplingError } from '../../../util/errors';
import { type FitContext, needsTarget, selectColumns } from '../../step';
import type { SelectionTarget } from './fromModel';

/** The kinds a selection step judges: numbers and 0/1 columns (what a model matrix is made of). */
export const SELECTION_KINDS: readonly ColumnKind[] = ['numeric', 'boolean'];

/** A judged column's values as float64 (booleans 0/1, a gap NaN). */
function valuesOf(column: Column): Float64Array {
  if (column.kind === 'boolean') return Float64Array.from(column.values, (v) => (v < 0 ? NaN : v));
  if (column.kind === 'numeric') return column.values;
  throw new SaplingError('wrong-kind', `column "${column.name}" is ${column.kind}; selection steps judge numeric and 0/1 columns`);
}

/**
 * The columns a selection step judges (its `columns`, or every numeric and 0/1 column) as float64
 * arrays; with `complete`, a gap is an error naming the column and row (the scores need every value).
 */
export function judgedColumns(table: DataTable, names: readonly string[], kinds: readonly ColumnKind[], label: string, complete: boolean): { names: string[]; cols: Float64Array[] } {
  // A named column that is absent is selectColumns' clear error.
  const columns = selectColumns(table, names, SELECTION_KINDS, kinds);
  const cols = columns.map(valuesOf);
  if (complete) {
    cols.forEach((values, j) => {
      const i = values.findIndex((v) => Number.isNaN(v));
      if (i >= 0) throw new SaplingError('missing-values', `${label} cannot use column "${columns[j].name}": it has missing values (first at data row ${i + 1}); add a "Fill missing values" step before it`);
    });
  }
  return { names: columns.map((c) => c.name), cols };
}

/** The training target as the selectors take it (class count 0 for values); the foundation's `needs-target` error when there is none. */
export function selectionTarget(context: FitContext, id: string): SelectionTarget {
  const target = needsTarget(context, id);
  return { y: target.y, classes: target.task === 'regression' ? 0 : target.classes.length };
}

/** Scores as JSON can hold them: a score that is not a finite number becomes null. */
export function jsonScores(scores: readonly number[]): (number | null)[] {
  return scores.map((s) => (Number.isFinite(s) ? s : null));
}

/** The named subset, in order. */
export function namesAt(names: readonly string[], indices: readonly number[]): string[] {
  return indices.map((j) => names[j]);
}
