import { formatCell, isMissingAt } from '../../table/column';
import { findColumn } from '../../table/DataTable';
import { checkArray, checkDistinctStrings, checkEntries, checkNumbers, checkObject, checkString } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { type StepTransform, outputTable } from '../step';

/** The statistics a group aggregate can make. */
export const AGGREGATE_STATS = ['count', 'mean', 'sum', 'min', 'max'] as const;

/** One of `AGGREGATE_STATS`. */
export type AggregateStat = (typeof AGGREGATE_STATS)[number];

/**
 * Fitted group aggregates of `value` per `key`: per key seen in training, one figure per stat (in
 * `stats` order); `fallback` is what a key never seen in training (or a missing key) gets.
 */
export type AggregateState = { key: string; value: string; stats: AggregateStat[]; groups: Keyed<number[]>; fallback: number[] };

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
    checkString(s.value, `${path}.value`);
    const stats = checkDistinctStrings(s.stats, `${path}.stats`);
    checkArray(stats, `${path}.stats`).forEach((stat, i) => checkString(stat, `${path}.stats[${i}]`, AGGREGATE_STATS));
    checkNumbers(s.fallback, `${path}.fallback`, stats.length);
    checkEntries(s.groups, `${path}.groups`, (v, at) => checkNumbers(v, at, stats.length));
  },
  transform(table, state) {
    // Only the key is read: the figures were fitted on the training rows' values.
    const key = findColumn(table, state.key);
    if (!key) return table;
    const outputs = state.stats.map((stat) => ({ kind: 'numeric' as const, name: aggregateColumnName(state.value, stat, state.key), values: new Float64Array(table.rowCount) }));
    for (let i = 0; i < table.rowCount; i++) {
      const figures = (!isMissingAt(key, i) && own(state.groups, formatCell(key, i))) || state.fallback;
      for (let j = 0; j < outputs.length; j++) outputs[j].values[i] = figures[j];
    }
    return outputTable([...table.columns, ...outputs], 'aggregate');
  },
};
