import { type Column, isMissingAt } from '../../table/column';
import { checkDistinctStrings, checkObject } from '../../util/check';
import { type StepTransform, outputTable } from '../step';

/** The columns that get an indicator, `age|missing` (those with gaps in training, or all chosen ones). */
export type MissingIndicatorState = { columns: string[] };

/** The name of a column's missing-value indicator. */
export function missingColumnName(column: string): string {
  return `${column}|missing`;
}

/** Replays missing indicators: after each indicated column, a 0/1 column that is 1 where it has a gap. */
export const missingIndicatorTransform: StepTransform<MissingIndicatorState> = {
  id: 'missing-indicator',
  checkState(state, path) {
    checkDistinctStrings(checkObject(state, path).columns, `${path}.columns`);
  },
  transform(table, state) {
    const indicated = new Set(state.columns);
    const out: Column[] = [];
    for (const column of table.columns) {
      out.push(column);
      if (!indicated.has(column.name)) continue;
      const values = new Float64Array(table.rowCount);
      for (let i = 0; i < values.length; i++) values[i] = isMissingAt(column, i) ? 1 : 0;
      out.push({ kind: 'numeric', name: missingColumnName(column.name), values });
    }
    return outputTable(out, 'missing-indicator');
  },
};
