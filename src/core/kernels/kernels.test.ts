import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { compileKernels, kernelsModule } from '../../../scripts/build-kernels.mjs';
import { teamMemory, HistogramTeam } from '../models/trees/histogramTeam';
import { boostScores, fillGradientHistogram } from '../models/trees/teamTwins';
import { MISSING_BIN, binFeatures } from '../models/trees/binning';
import { partition } from '../models/trees/split';
import { createRng } from '../util/rng';
import { kernelsAvailable } from './kernels';
import { rowPasses } from '../models/unsupervised/distances';

describe('WebAssembly kernels', () => {
  it('are the compiled form of kernels.wat (run `node scripts/build-kernels.mjs` after editing it)', async () => {
    const text = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    expect(readFileSync(new URL('./kernels.wasm.ts', import.meta.url), 'utf8')).toBe(kernelsModule(await compileKernels(text)));
  });

  it('run here, with a plain and a shared memory', () => {
    expect(kernelsAvailable(false)).toBe(true);
    expect(kernelsAvailable(true)).toBe(true);
  });

  it('fill boosting histograms exactly as their JavaScript twin, for all features and for a subset', () => {
    const rng = createRng(9);
    const n = 5000;
    const d = 7;
    const X = Float32Array.from({ length: n * d }, (_, i) => (i % 5 === 0 ? NaN : Math.round(rng.normal() * 20) / 4));
    const data = binFeatures(X, n, d);
    const memory = teamMemory(data, false, 2);
    expect(memory.wasm).not.toBeNull();
    expect(memory.pool).toHaveLength(2);
    for (let i = 0; i < n; i++) {
      memory.order[i] = n - 1 - i;
      memory.gh[i * 2] = rng.normal();
      memory.gh[i * 2 + 1] = rng.next();
    }
    const team = new HistogramTeam(memory, false);
    for (const features of [Int32Array.from({ length: d }, (_, f) => f), Int32Array.of(1, 4, 6)]) {
      team.useFeatures(features);
      // Odd and even row counts: the kernel takes rows two at a time, then an odd last one.
      for (const [start, end] of [[0, n], [100, 900], [7, 1234]]) {
        const viaKernel = new Float64Array(d * 256 * 3);
        team.fill(viaKernel, start, end);
        // The twin in one piece: whoever fills which features, every bin sums the same rows in order.
        const expected = new Float64Array(d * 256 * 3);
        fillGradientHistogram(expected, memory.rowBins, d, features, memory.order, start, end, memory.gh);
        // Filled in place in a pooled histogram too.
        const pooled = memory.pool[0];
        team.fill(pooled, start, end);
        for (const f of features) {
          expect(Array.from(viaKernel.subarray(f * 768, (f + 1) * 768))).toEqual(Array.from(expected.subarray(f * 768, (f + 1) * 768)));
          expect(Array.from(pooled.subarray(f * 768, (f + 1) * 768))).toEqual(Array.from(expected.subarray(f * 768, (f + 1) * 768)));
        }
        // Filled and taken from a parent by the kernel, in the pool and outside it.
        const parent = memory.pool[1];
        for (const into of [pooled, new Float64Array(d * 256 * 3)]) {
          parent.set(expected.map((v, i) => v * (i % 3) + 1));
          const plainParent = parent.slice();
          const difference = parent.map((v, i) => v - expected[i]);
          team.fill(into, start, end, into === pooled ? parent : plainParent);
          for (const f of features) {
            const range = [f * 768, (f + 1) * 768] as const;
            expect(Array.from((into === pooled ? parent : plainParent).subarray(...range))).toEqual(Array.from(difference.subarray(...range)));
          }
        }
      }
    }
  });

  it('add leaf values to scores and write the next gradients as their JavaScript twin does', () => {
    const rng = createRng(5);
    const n = 3000;
    const data = binFeatures(new Float32Array(n), n, 1);
    const memory = teamMemory(data, false);
    expect(memory.wasm).not.toBeNull();
    const team = new HistogramTeam(memory, false);
    const scores = Float64Array.from({ length: n }, (_, i) => (i % 100 === 0 ? (i % 200 === 0 ? 800 : -800) : rng.normal() * 4));
    const y = Float32Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const order = Int32Array.from({ length: n }, (_, i) => (i * 7) % n);
    for (const link of [0, 1, 2] as const) {
      memory.scores.set(scores);
      memory.y.set(y);
      memory.order.set(order);
      memory.gh.fill(-7);
      const twin = { scores: scores.slice(), gh: new Float32Array(2 * n).fill(-7) };
      team.boost(200, 2900, 0.125, link);
      boostScores(twin.scores, y, order, 200, 2900, 0.125, twin.gh, link);
      expect(Array.from(memory.scores)).toEqual(Array.from(twin.scores));
      // e^x in the kernel is within a few ulps of Math.exp: after rounding to float32, equal but for the odd last bit.
      for (let i = 0; i < 2 * n; i++) expect(Math.abs(memory.gh[i] - twin.gh[i])).toBeLessThanOrEqual(Math.abs(twin.gh[i]) * 2 ** -22);
      if (link === 2) expect(memory.gh[2 * order[250] + 1]).toBeGreaterThan(0);
    }
    // By hand: a score of 0 + ln 3 is q = 0.75: g = 0.75 − y, h = 0.1875.
    memory.scores[0] = 0;
    memory.y[0] = 1;
    memory.order[0] = 0;
    team.boost(0, 1, Math.log(3), 2);
    expect(memory.gh[0]).toBeCloseTo(-0.25, 7);
    expect(memory.gh[1]).toBeCloseTo(0.1875, 7);
  });

  it('make the k-means passes of their JavaScript twin (float32 distances, float64 sums)', () => {
    const rng = createRng(4);
    const n = 3000;
    const d = 7; // not a multiple of 4: the padding lanes must stay out of the sums
    const X = Float32Array.from({ length: n * d }, (_, i) => (i % 3) * 5 + rng.normal());
    const points = Float64Array.from({ length: 3 * d }, (_, i) => Math.floor(i / d) * 5 + 0.1 * rng.normal());
    const [fast, twin] = [rowPasses(X, n, d, 4, true), rowPasses(X, n, d, 4, false)];
    const labels = [new Int32Array(n), new Int32Array(n)];
    const dists = [new Float64Array(n), new Float64Array(n)];
    fast.nearest(points, 3, labels[0], dists[0]);
    twin.nearest(points, 3, labels[1], dists[1]);
    expect(Array.from(labels[0])).toEqual(Array.from(labels[1]));
    dists[0].forEach((v, i) => expect(v).toBeCloseTo(dists[1][i], 3));
    for (const p of [fast, twin]) {
      p.resetClosest(points.subarray(0, d));
      p.updateClosest(points.subarray(d, 2 * d));
    }
    Array.from(fast.closest()).forEach((v, i) => expect(v).toBeCloseTo(twin.closest()[i], 3));
    const sums = [fast.trialSums(points, 3), twin.trialSums(points, 3)];
    sums[0].forEach((v, c) => expect(v / sums[1][c]).toBeCloseTo(1, 5));
    const centre = [new Float64Array(3 * d), new Float64Array(3 * d)];
    const counts = [new Float64Array(3), new Float64Array(3)];
    fast.centroidSums(labels[1], 3, centre[0], counts[0]);
    twin.centroidSums(labels[1], 3, centre[1], counts[1]);
    expect(Array.from(counts[0])).toEqual(Array.from(counts[1]));
    centre[0].forEach((v, i) => expect(v).toBeCloseTo(centre[1][i], 6));
  });

  it('partition a boosting node’s rows as the JavaScript partition does (stable, missing values to the chosen side)', () => {
    const rng = createRng(12);
    const n = 3000;
    const d = 3;
    const X = Float32Array.from({ length: n * d }, (_, i) => (i % 7 === 0 ? NaN : Math.round(rng.normal() * 30)));
    const data = binFeatures(X, n, d);
    for (const missingLeft of [false, true]) {
      const memory = teamMemory(data, false);
      const team = new HistogramTeam(memory, false);
      const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);
      memory.order.set(rows);
      const split = { feature: 1, bin: 20, gain: 1, missingLeft, left: new Float64Array(3) };
      const expected = rows.slice();
      const expectedMid = partition(data, expected, 100, 1500, split);
      const mid = team.partition(data, 100, 1500, split);
      expect(mid).toBe(expectedMid);
      expect(Array.from(memory.order.subarray(0, rows.length))).toEqual(Array.from(expected));
      // And the split is what it says: bins ≤ 20 (and missing, when it goes left) before mid.
      for (let i = 100; i < 1500; i++) {
        const b = data.bins[n + memory.order[i]];
        expect(i < mid).toBe(b === MISSING_BIN ? missingLeft : b <= 20);
      }
    }
  });
});

