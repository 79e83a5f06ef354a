import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { binFeatures } from './binning';
import { HistogramTeam, TEAM_MIN_ROWS, teamMemory } from './histogramTeam';
import { type Split, bestBoostingSplit } from './split';

const limits = { minSamplesLeaf: 20, minHessian: 1e-3, minGain: 1e-12 };
const lambda = 0.5;

/** A team over n × d binned rows with missing values, a constant feature, and random (g, h). */
function setUp(n: number, d: number, shared: boolean, helped: boolean) {
  const rng = createRng(21);
  // Feature 2 is constant (one bin: never split); feature 0 takes few values (many empty bins in a node).
  const X = Float32Array.from({ length: n * d }, (_, i) => (i % 11 === 0 ? NaN : i % d === 2 ? 1 : i % d === 0 ? Math.round(rng.normal() * 3) : rng.normal()));
  const data = binFeatures(X, n, d);
  const memory = teamMemory(data, shared, 3);
  expect(memory.wasm).not.toBeNull();
  for (let i = 0; i < n; i++) {
    memory.order[i] = i;
    // g leans on feature 1, so splits have something to find.
    memory.gh[i * 2] = (X[i * d + 1] > 0.3 ? -0.6 : 0.4) + 0.3 * rng.normal();
    memory.gh[i * 2 + 1] = 0.05 + 0.2 * rng.next();
  }
  const team = new HistogramTeam(memory, helped);
  team.useLimits(lambda, limits);
  return { data, memory, team };
}

/** (n, G, H) of rows order[start, end). */
function totals(memory: ReturnType<typeof teamMemory>, start: number, end: number): Float64Array {
  const t = Float64Array.of(end - start, 0, 0);
  for (let j = start; j < end; j++) {
    t[1] += memory.gh[memory.order[j] * 2];
    t[2] += memory.gh[memory.order[j] * 2 + 1];
  }
  return t;
}

describe('HistogramTeam', () => {
  it('finds by the bestSplit kernel the split the JavaScript search finds, for all features and for a subset', () => {
    const n = 6000;
    const d = 7;
    const { memory, team } = setUp(n, d, false, false);
    for (const features of [Int32Array.from({ length: d }, (_, f) => f), Int32Array.of(0, 2, 3, 5)]) {
      team.useFeatures(features);
      for (const [start, end] of [[0, n], [1000, 1700], [0, 50]]) {
        const pooled = memory.pool[0];
        team.fill(pooled, start, end);
        const total = totals(memory, start, end);
        const byKernel = team.search(pooled, total);
        // Outside the team's memory the search runs in JavaScript; one scan over every feature agrees too.
        const byTwin = team.search(pooled.slice(), total);
        const oneScan = bestBoostingSplit(pooled, total, memory, features, lambda, limits);
        expect(byKernel).toEqual(byTwin);
        expect(byKernel).toEqual(oneScan);
        // Feature 1 drives g; without it some other feature splits, never the constant one (2).
        if (end - start >= 1000 && features.length === d) expect(byKernel!.feature).toBe(1);
        if (end - start >= 1000 && features.length < d) expect([0, 3, 5]).toContain(byKernel!.feature);
        if (end - start < 2 * limits.minSamplesLeaf) expect(byKernel).toBeNull();
      }
    }
  });

  it('fills the smaller child, takes it from the parent, and finds both children’s splits as the parts done apart do', () => {
    const n = 6000;
    const d = 5;
    const { data, memory, team } = setUp(n, d, false, false);
    team.useFeatures(Int32Array.from({ length: d }, (_, f) => f));
    const [parent, small] = memory.pool;
    team.fill(parent, 0, n);
    const parentTotal = totals(memory, 0, n);
    const split = team.search(parent, parentTotal)!;
    const mid = team.partition(data, 0, n, split);
    const plainParent = parent.slice();
    const smallTotal = totals(memory, 0, mid);
    const largeTotal = Float64Array.from(parentTotal, (v, c) => v - smallTotal[c]);
    const [a, b] = team.grow(small, 0, mid, parent, smallTotal, largeTotal);
    // The same through plain arrays: the JavaScript subtraction and search.
    const plainSmall = new Float64Array(small.length);
    const [c, e] = team.grow(plainSmall, 0, mid, plainParent, smallTotal, largeTotal);
    expect(Array.from(small)).toEqual(Array.from(plainSmall));
    expect(Array.from(parent)).toEqual(Array.from(plainParent));
    expect(a).toEqual(c);
    expect(b).toEqual(e);
    expect([a, b].every((s) => s !== null)).toBe(true);
    // A child that cannot split is not searched.
    expect(team.grow(small, 0, mid, parent.slice(), null, largeTotal)[0]).toBeNull();
  });

  it('does both parts itself when the helper does not come, with the same histograms and splits', () => {
    const n = 2 * TEAM_MIN_ROWS;
    const d = 6;
    // A shared memory and a team told it has a helper, but no helper thread serves it: the caller
    // claims both parts of each node's work instead of waiting for one that never comes.
    const alone = setUp(n, d, true, false);
    const helped = setUp(n, d, true, true);
    helped.team.setHelping(true);
    const results: { hist: number[]; splits: (Split | null)[] }[] = [];
    for (const { memory, team } of [alone, helped]) {
      team.useFeatures(Int32Array.from({ length: d }, (_, f) => f));
      const [parent, small] = memory.pool;
      team.fill(parent, 0, n);
      const total = totals(memory, 0, n);
      const smallTotal = totals(memory, 0, TEAM_MIN_ROWS);
      const splits = team.grow(small, 0, TEAM_MIN_ROWS, parent, smallTotal, Float64Array.from(total, (v, c) => v - smallTotal[c]));
      results.push({ hist: [...Array.from(parent), ...Array.from(small)], splits });
    }
    expect(results[1].hist).toEqual(results[0].hist);
    expect(results[1].splits).toEqual(results[0].splits);
  });

  it('boosts a whole tree row by row (boostRows) to the same scores and gradients as leaf by leaf', () => {
    const n = 3003; // four rows a step, then a pair, then the odd last row alone
    const rng = createRng(8);
    const data = binFeatures(new Float32Array(n), n, 1);
    const y = Float32Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const scores = Float64Array.from({ length: n }, (_, i) => (i % 100 === 0 ? 700 : rng.normal() * 3));
    // A permutation of the rows (10 and 3003 are coprime) cut into 5 leaves (as a tree's partitions leave them).
    const order = Int32Array.from({ length: n }, (_, i) => (i * 10) % n);
    const cuts = [0, 400, 1000, 1001, 2500, n];
    const leaves = cuts.slice(1).map((end, l) => ({ start: cuts[l], end, node: 10 - l }));
    const values = Array.from({ length: 11 }, (_, k) => (k - 5) * 0.0625);
    for (const link of [0, 1, 2] as const) {
      const results = [true, false].map((allRows) => {
        const memory = teamMemory(data, false);
        memory.scores.set(scores);
        memory.y.set(y);
        memory.order.set(order);
        memory.gh.fill(-7);
        new HistogramTeam(memory, false).boostTree(leaves, values, allRows, link);
        return { scores: Array.from(memory.scores), gh: Array.from(memory.gh) };
      });
      expect(results[0]).toEqual(results[1]);
      // By hand: row 0 (order[0]) is in the first leaf (node 10).
      expect(results[0].scores[0]).toBe(scores[0] + values[10]);
      if (link === 0) expect(results[0].gh[0]).toBe(-7);
    }
  });
});
