import type { DataTable } from '../../table/DataTable';
import { columnsParam, selectColumns } from '../step';
import type { NewStepDefinition } from './contract';
import { type DropDuplicatesState, dropDuplicatesTransform } from './dropDuplicates.transform';
import { COLUMN_KINDS } from '../../table/column';

const schema = {
  columns: { ...columnsParam(''), help: 'Columns compared to find duplicates; leave empty to compare every column (and the target).' },
} as const;

/**
 * The training rows to keep: the first of each set of exact duplicates (as pandas'
 * drop_duplicates(keep='first')), comparing the chosen columns and, when there is one, the target
 * (two rows alike but for the target are two observations). Null when nothing is dropped.
 */
export function firstOccurrences(table: DataTable, names: readonly string[], target?: Float64Array): Int32Array | null {
  const columns = selectColumns(table, names, COLUMN_KINDS);
  const seen = new Set<string>();
  const keep: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    // Codes and numbers, exact (NaN equals NaN here, as pandas' duplicated treats gaps).
    let key = target && names.length === 0 ? `${target[i]}\u0001` : '';
    for (const c of columns) key += `${c.kind === 'categorical' || c.kind === 'text' ? c.codes[i] : c.values[i]}\u0001`;
    if (seen.has(key)) continue;
    seen.add(key);
    keep.push(i);
  }
  return keep.length === table.rowCount ? null : Int32Array.from(keep);
}

/**
 * Removes exact duplicate training rows (after the split, from the training rows only: rows to
 * predict are never dropped). Unlike the recipe's "drop duplicate rows" cleaning, which runs on the
 * whole file before the split, a copy of a test row can stay in training, and the step can run after
 * others in the list and compare only some columns.
 */
export const dropDuplicatesStep: NewStepDefinition<typeof schema, DropDuplicatesState> = {
  id: 'drop-duplicates',
  label: 'Drop duplicate training rows',
  help: 'Removes repeated training rows (keeping the first), so a row copied many times does not weigh more in training. It acts on the training rows only, after the split; rows to predict are never dropped. The recipe\'s "Drop duplicate rows" option instead cleans the whole file before the split.',
  schema,
  checkState: dropDuplicatesTransform.checkState,
  keepRows: (table, params, context) => firstOccurrences(table, params.columns, context.target?.y),
  fit: () => ({}),
  transform: (table) => table,
};
