import { describe, expect, it } from 'vitest';
import { MISSING_BIN, binFeatures, binInJavaScript, binOf } from './binning';

/** A seeded stream of uniforms in [0, 1). */
function uniforms(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

describe('binFeatures', () => {
  it('puts each value in the first bin whose upper edge it does not exceed, NaN in the missing bin', () => {
    const n = 5000;
    const d = 4;
    const u = uniforms(7);
    const X = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      X[i * d] = (u() - 0.5) * 1e6; // continuous, negative and positive: quantile bins
      X[i * d + 1] = Math.round(u() * 20) - 10; // 21 distinct integers: one bin each
      X[i * d + 2] = i % 3 === 0 ? NaN : u() < 0.5 ? -0 : 0; // ±0 are one value; a third missing
      X[i * d + 3] = -Math.exp(u() * 10); // all negative
    }
    const binned = binFeatures(X, n, d, 255);
    expect(Array.from(binned.nBins)).toEqual([255, 21, 1, 255]);
    expect(Array.from(binned.values[1]!)).toEqual(Array.from({ length: 21 }, (_, k) => k - 10));
    for (let f = 0; f < d; f++) {
      for (let i = 0; i < n; i++) {
        const v = X[i * d + f];
        const expected = Number.isNaN(v) ? MISSING_BIN : binOf(binned.edges[f], v);
        expect(binned.bins[f * n + i]).toBe(expected);
        expect(binned.rowBins[i * d + f]).toBe(expected);
      }
      // Edges ascend strictly, and quantile bins hold roughly equal shares of the rows.
      const e = binned.edges[f];
      for (let k = 1; k < e.length; k++) expect(e[k]).toBeGreaterThan(e[k - 1]);
    }
    // The JavaScript path (where WebAssembly is missing) bins exactly as the kernels do.
    const plain = binInJavaScript(X, n, d, 255);
    expect(plain.bins).toEqual(binned.bins);
    expect(plain.rowBins).toEqual(binned.rowBins);
    expect(plain.edges).toEqual(binned.edges);
    expect(plain.values).toEqual(binned.values);
    const counts = new Int32Array(255);
    for (let i = 0; i < n; i++) counts[binned.bins[i]]++;
    expect(Math.max(...counts)).toBeLessThanOrEqual(Math.ceil(n / 255) + 1);
  });

  it('cuts quantile edges between runs of equal values, as the reference walk over the distinct values does', () => {
    const n = 20000;
    const u = uniforms(3);
    // 600 distinct values with heavy ties (a few values hold a tenth of the rows each), and a
    // column whose last value is a long run (no edge may follow the last distinct value).
    const X = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const r = u();
      X[i * 2] = r < 0.3 ? [1, 2, 3][i % 3] : Math.floor(u() * 600) / 7;
      X[i * 2 + 1] = r < 0.5 ? 1000 : Math.floor(u() * 400);
    }
    const binned = binFeatures(X, n, 2, 64);
    for (let f = 0; f < 2; f++) {
      const sorted = Float32Array.from({ length: n }, (_, i) => X[i * 2 + f]).sort();
      // The reference: distinct values and their counts, then a cut after each 1/limit of the rows.
      const distinct: number[] = [];
      const counts: number[] = [];
      sorted.forEach((v, i) => (i > 0 && v === sorted[i - 1] ? counts[counts.length - 1]++ : (distinct.push(v), counts.push(1))));
      const edges: number[] = [];
      let seen = 0;
      let next = n / 64;
      for (let k = 0; k < distinct.length - 1 && edges.length < 63; k++) {
        seen += counts[k];
        if (seen >= next) {
          edges.push((distinct[k] + distinct[k + 1]) / 2);
          while (next <= seen) next += n / 64;
        }
      }
      expect(Array.from(binned.edges[f])).toEqual(edges);
      expect(binned.values[f]).toBeNull();
    }
  });
});
