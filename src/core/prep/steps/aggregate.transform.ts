import { formatCell, isMissingAt } from '../../table/column';
import { findColumn } from '../../table/DataTable';
import { checkArray, checkDistinctStrings, checkEntries, checkNumbers, checkObject, checkString } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { type StepTransform, outputTable } from '../step';

/** The statistics a group aggregate can make. */
export const AGGREGATE_STATS = ['count', 'mean', 'sum', 'min', 'max'] as const;

/** One of `AGGREGATE_STATS`. */
export type AggregateStat = (typeof AGGREGATE_STATS)[number];

/** One summarised column: per key seen in training, one figure per stat; `fallback` for a key never seen there (or missing). */
export type AggregateFigures = { value: string; groups: Keyed<number[]>; fallback: number[] };

/** Fitted group aggregates of each value column per `key`, figures in `stats` order. */
export type AggregateState = { key: string; stats: AggregateStat[]; values: AggregateFigures[] };

/** The name of the column holding `stat` of `value` per `key`. */
export function aggregateColumnName(value: string, stat: string, key: string): string {
  return `${value}|${stat} by ${key}`;
}

/** Replays group aggregates: each row gets its key's training figures (columns added at the end). */
export const aggregateTransform: StepTransform<AggregateState> = {
  id: 'aggregate',
  checkState(state, path) {
    const s = checkObject(state, path);
    checkString(s.key, `${path}.key`);
    const stats = checkDistinctStrings(s.stats, `${path}.stats`);
    stats.forEach((stat, i) => checkString(stat, `${path}.stats[${i}]`, AGGREGATE_STATS));
    checkArray(s.values, `${path}.values`).forEach((v, i) => {
      const at = `${path}.values[${i}]`;
      const figures = checkObject(v, at);
      checkString(figures.value, `${at}.value`);
      checkNumbers(figures.fallback, `${at}.fallback`, stats.length);
      checkEntries(figures.groups, `${at}.groups`, (g, where) => checkNumbers(g, where, stats.length));
    });
  },
  transform(table, state) {
    // Only the key is read: the figures were fitted on the training rows' values.
    const key = findColumn(table, state.key);
    if (!key) return table;
    const keys = Array.from({ length: table.rowCount }, (_, i) => (isMissingAt(key, i) ? null : formatCell(key, i)));
    const outputs = state.values.flatMap((figures) =>
      state.stats.map((stat, j) => {
        const values = Float64Array.from(keys, (k) => ((k !== null && own(figures.groups, k)) || figures.fallback)[j]);
        return { kind: 'numeric' as const, name: aggregateColumnName(figures.value, stat, state.key), values };
      }),
    );
    return outputTable([...table.columns, ...outputs], 'aggregate');
  },
};
