import { type Column, formatCell, isMissingAt } from '../../table/column';
import { keyed } from '../../util/keyed';
import { type AggregateStat, type AggregateState, aggregateColumnName, aggregateTransform } from './aggregate.transform';

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

export { aggregateColumnName, aggregateTransform };
