import { getColumn } from '../../table/DataTable';
import { type Column, formatCell, isMissingAt } from '../../table/column';
import { SaplingError } from '../../util/errors';
import { keyed } from '../../util/keyed';
import { AGGREGATE_STATS, type AggregateStat, type AggregateState, aggregateColumnName, aggregateTransform } from './aggregate.transform';
import type { NewStepDefinition } from './contract';

/**
 * Per key of `key`, the statistics of `value`'s present values over the training rows, as pandas'
 * groupby(key)[value].agg(stats) (a missing key is no group; count counts present values). A figure
 * without values (the mean, min or max of a key whose values are all missing) takes the
 * training-wide one; an unseen key gets count 0, sum 0 and the training-wide mean, min and max.
 */
export function fitAggregate(key: Column, value: Float64Array, stats: readonly AggregateStat[]): Pick<AggregateState, 'groups' | 'fallback'> {
  const empty = () => ({ count: 0, sum: 0, min: Infinity, max: -Infinity });
  const sums = new Map<string, ReturnType<typeof empty>>();
  const all = empty();
  for (let i = 0; i < value.length; i++) {
    // A key whose values are all missing is still a group (count 0).
    let group: ReturnType<typeof empty> | undefined;
    if (!isMissingAt(key, i)) {
      const k = formatCell(key, i);
      group = sums.get(k);
      if (!group) sums.set(k, (group = empty()));
    }
    const v = value[i];
    if (v !== v) continue;
    for (const s of group ? [all, group] : [all]) {
      s.count++;
      s.sum += v;
      if (v < s.min) s.min = v;
      if (v > s.max) s.max = v;
    }
  }
  const overallMean = all.count ? all.sum / all.count : 0;
  const overall = { count: 0, sum: 0, mean: overallMean, min: all.count ? all.min : 0, max: all.count ? all.max : 0 };
  const figure = (s: ReturnType<typeof empty>, stat: AggregateStat): number => {
    if (stat === 'count') return s.count;
    if (stat === 'sum') return s.sum;
    if (s.count === 0) return overall[stat];
    return stat === 'mean' ? s.sum / s.count : s[stat];
  };
  const groups = keyed<number[]>();
  for (const [k, s] of sums) groups[k] = stats.map((stat) => figure(s, stat));
  return { groups, fallback: stats.map((stat) => overall[stat]) };
}


const statParam = (label: string, help: string, on = false) => ({ type: 'boolean' as const, label, default: on, help });

const schema = {
  key: { type: 'columns', label: 'Group by (key)', default: [] as readonly string[], help: 'The column whose values form the groups, such as a customer id: one column.' },
  value: { type: 'columns', label: 'Value', default: [] as readonly string[], help: 'The numeric column summarised per group, such as an order amount: one column.' },
  count: statParam('Count', "The number of the key's training rows with a value (0 for a key new at prediction).", true),
  mean: statParam('Mean', "The average value over the key's training rows.", true),
  sum: statParam('Sum', "The total over the key's training rows (0 for a new key)."),
  min: statParam('Minimum', "The smallest value among the key's training rows."),
  max: statParam('Maximum', "The largest value among the key's training rows."),
} as const;

/** The one column a single-column parameter names, or a clear error. */
function oneColumn(names: readonly string[], param: string): string {
  if (names.length !== 1) throw new SaplingError('bad-param', `the aggregate step's ${param} must name exactly one column, got ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'none'}`);
  return names[0];
}

/**
 * Group aggregates, as featuretools' aggregation primitives or pandas' groupby: per key, the count,
 * mean, sum, minimum or maximum of a numeric column over the training rows (`amount|mean by
 * customer`); a key new at prediction time gets count 0, sum 0 and the training-wide mean, min, max.
 */
export const aggregateStep: NewStepDefinition<typeof schema, AggregateState> = {
  id: 'aggregate',
  label: 'Group aggregates',
  help: "Adds, for each row, a summary of a numeric column over the training rows that share its key: a customer's number of orders, average or total amount (amount|mean by customer). Learned from the training rows only; a key never seen there gets count 0 and the overall figures.",
  schema,
  checkState: aggregateTransform.checkState,
  fit(table, params) {
    const key = getColumn(table, oneColumn(params.key, 'key'));
    const value = getColumn(table, oneColumn(params.value, 'value'));
    if (value.kind !== 'numeric') throw new SaplingError('wrong-kind', `the aggregate step summarises a numeric column, and "${value.name}" is ${value.kind}`);
    if (key.name === value.name) throw new SaplingError('bad-param', `the aggregate step's key and value are both "${key.name}"`);
    const stats = AGGREGATE_STATS.filter((s) => params[s]);
    if (stats.length === 0) throw new SaplingError('bad-param', 'the aggregate step needs at least one statistic (count, mean, sum, min or max)');
    return { key: key.name, value: value.name, stats, ...fitAggregate(key, value.values, stats) };
  },
  transform: (table, _params, state) => aggregateTransform.transform(table, state),
  lineage: (state) => state.stats.map((stat) => [aggregateColumnName(state.value, stat, state.key), [state.value, state.key]] as const),
};
