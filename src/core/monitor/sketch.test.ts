import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { categoricalCountsOn, categoricalSketch, distinctValuesOf, ks2sampSketch, nextDown, numericSketch, numericSketchOn, psiCounts, sketchCdf, wassersteinSketch } from './sketch';
import { chiSquare, ks2samp, psi, wasserstein } from './stats';
import type { NumericSketch } from './types';

/** Column shapes the sketch must summarise well (the README's accuracy figures come from these). */
type Shape = 'normal' | 'lognormal' | 'ints' | 'few' | 'zeros';

/** `n` values of a shape, moved by `shift` (in the shape's own terms), from a seed. */
function column(shape: Shape, n: number, seed: number, shift = 0): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (shape === 'normal') out[i] = rng.normal() + shift;
    else if (shape === 'lognormal') out[i] = Math.exp(rng.normal() + shift);
    // Integers with heavy ties at the small end and a long tail (counts, ages, amounts in units).
    else if (shape === 'ints') out[i] = Math.floor(Math.exp(rng.normal() * 1.5 + 2 + shift));
    else if (shape === 'few') {
      const u = rng.next() - shift * 0.2;
      out[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 5;
    } else out[i] = rng.next() < 0.4 - shift * 0.2 ? 0 : Math.exp(rng.normal() + shift) * 1000; // 40% zeros
  }
  return out;
}

/** The empirical CDF of raw values at x (share of values ≤ x). */
function ecdf(values: ArrayLike<number>, x: number): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] <= x) k++;
  return k / values.length;
}

describe('numericSketch', () => {
  it('keeps counts that add up, ascending edges, and a CDF exact at every edge', () => {
    for (const shape of ['normal', 'ints', 'zeros'] as const) {
      const values = column(shape, 5000, 1);
      const s = numericSketch(values);
      expect(s.counts.length).toBe(s.edges.length - 1);
      expect(s.counts.reduce((a, b) => a + b, 0)).toBe(5000);
      for (let i = 1; i < s.edges.length; i++) expect(s.edges[i]).toBeGreaterThanOrEqual(s.edges[i - 1]);
      expect(s.edges[0]).toBe(s.min);
      expect(s.edges[s.edges.length - 1]).toBe(s.max);
      const cdf = sketchCdf(s);
      for (const e of s.edges) expect(cdf(e)).toBeCloseTo(ecdf(values, e), 12);
    }
  });

  it('counts NaN as missing and keeps the population moments', () => {
    const s = numericSketch([1, 2, Number.NaN, 3, 4]);
    expect([s.count, s.missing, s.min, s.max, s.mean]).toEqual([4, 1, 1, 4, 2.5]);
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 14);
  });

  it('gives a column of few values one bin per value, one float wide, so the sketch is exact', () => {
    const s = numericSketch([0, 0, 0, 1.5, 1.5, 4]);
    expect(s.edges).toEqual([0, 0, nextDown(1.5), 1.5, nextDown(4), 4]);
    expect(s.counts).toEqual([3, 0, 2, 0, 1]);
    const cdf = sketchCdf(s);
    expect([cdf(-1), cdf(0), cdf(1), cdf(1.5), cdf(3.9), cdf(4)]).toEqual([0, 0.5, 0.5, 5 / 6, 5 / 6, 1]);
  });

  it('says which values a sketch holds exactly, and null when its bins span ranges', () => {
    expect(distinctValuesOf(numericSketch([0, 0, 0, 1.5, 1.5, 4, -2]))).toEqual([-2, 0, 1.5, 4]);
    expect(distinctValuesOf(numericSketch([7]))).toEqual([7]);
    expect(distinctValuesOf(numericSketch(column('normal', 1000, 19)))).toBe(null);
  });

  it('gives a value that fills a quantile bin by itself a bin of its own among many distinct values', () => {
    const values = Array.from(column('normal', 2000, 2));
    for (let i = 0; i < 300; i++) values.push(0.25);
    const s = numericSketch(values);
    const at = s.edges.indexOf(0.25);
    expect(s.edges[at - 1]).toBe(nextDown(0.25));
    expect(s.counts[at - 1]).toBe(300);
  });

  it('survives JSON with the same answers', () => {
    const s = numericSketch(column('zeros', 3000, 3));
    const back = JSON.parse(JSON.stringify(s)) as NumericSketch;
    const current = column('zeros', 500, 4, 0.1);
    expect(ks2sampSketch(back, current)).toEqual(ks2sampSketch(s, current));
    expect(wassersteinSketch(back, current)).toBe(wassersteinSketch(s, current));
  });

  it('handles a column without values and a column of one value', () => {
    expect(numericSketch([Number.NaN, Number.NaN])).toMatchObject({ count: 0, missing: 2, edges: [], counts: [] });
    const one = numericSketch([7, 7, 7]);
    expect([one.edges, one.counts]).toEqual([[7, 7], [3]]);
    expect(ks2sampSketch(one, [7, 7]).statistic).toBe(0);
    expect(wassersteinSketch(one, [8])).toBe(1);
  });
});

describe('numericSketchOn', () => {
  it('places current values on the reference bins by the contract rule, with below and above', () => {
    const reference: NumericSketch = { kind: 'numeric', count: 6, missing: 0, min: 0, max: 3, mean: 1.5, std: 1, edges: [0, 1, 2, 3], counts: [2, 2, 2] };
    const s = numericSketchOn(reference, [-1, 0, 0.5, 1, 1.5, 3, 4, Number.NaN]);
    expect(s.counts).toEqual([3, 1, 1]);
    expect([s.below, s.above, s.count, s.missing, s.min, s.max]).toEqual([1, 1, 7, 1, -1, 4]);
    expect(s.edges).toBe(reference.edges);
  });

  it('puts the reference values themselves back in the reference counts (atoms included)', () => {
    const values = Array.from(column('zeros', 4000, 5));
    const s = numericSketch(values);
    const again = numericSketchOn(s, values);
    expect(again.counts).toEqual(s.counts);
    expect([again.below, again.above]).toEqual([0, 0]);
  });
});

describe('sketch tests against raw current values', () => {
  it('are hand-worked on a uniform reference bin', () => {
    // Reference uniform on [0, 2]; current one value at 1: the CDFs differ by x/2 before it, 1 − x/2 after.
    const reference: NumericSketch = { kind: 'numeric', count: 10, missing: 0, min: 0, max: 2, mean: 1, std: 0.5, edges: [0, 2], counts: [10] };
    expect(wassersteinSketch(reference, [1])).toBeCloseTo(0.5, 14);
    expect(ks2sampSketch(reference, [1]).statistic).toBeCloseTo(0.5, 14);
    // Current values beyond the reference: the whole gap counts.
    expect(wassersteinSketch(reference, [5])).toBeCloseTo(4, 14);
  });

  it('are exact for a column of few values, p-value included', () => {
    const reference = column('few', 3000, 6);
    const s = numericSketch(reference);
    for (const shift of [0, 0.1]) {
      const current = column('few', 800, 7, shift);
      const exact = ks2samp(reference, current);
      const sketched = ks2sampSketch(s, current);
      expect(sketched.statistic).toBeCloseTo(exact.statistic, 12);
      expect(sketched.pValue).toBeCloseTo(exact.pValue, 10);
      expect(wassersteinSketch(s, current)).toBeCloseTo(wasserstein(reference, current), 12);
    }
  });

  // Worst gaps measured over current sizes 200, 1,000 and 10,000, shifts 0, 0.1 and 0.5 and three
  // seeds each, with the default 100 bins (the README's table); the bounds leave a little room.
  const BOUNDS: Record<Shape, { nref: number; ks: number; w: number }[]> = {
    normal: [{ nref: 1000, ks: 0.005, w: 0.005 }, { nref: 10_000, ks: 0.001, w: 0.001 }],
    lognormal: [{ nref: 1000, ks: 0.005, w: 0.007 }, { nref: 10_000, ks: 0.001, w: 0.004 }],
    ints: [{ nref: 1000, ks: 0.001, w: 0.012 }, { nref: 10_000, ks: 0.003, w: 0.005 }],
    few: [{ nref: 1000, ks: 1e-12, w: 1e-12 }, { nref: 10_000, ks: 1e-12, w: 1e-12 }],
    zeros: [{ nref: 1000, ks: 0.003, w: 0.007 }, { nref: 10_000, ks: 0.0015, w: 0.002 }],
  };
  for (const [shape, bounds] of Object.entries(BOUNDS) as [Shape, (typeof BOUNDS)[Shape]][]) {
    for (const { nref, ks, w } of bounds) {
      it(`come within ${ks} (KS) and ${w} (normed Wasserstein) of the raw-row figures: ${shape}, ${nref} reference rows`, () => {
        const reference = column(shape, nref, 100);
        const s = numericSketch(reference);
        for (const ncur of [200, 1000]) {
          for (const shift of [0, 0.1, 0.5]) {
            const current = column(shape, ncur, 200 + ncur, shift);
            expect(Math.abs(ks2sampSketch(s, current).statistic - ks2samp(reference, current).statistic)).toBeLessThanOrEqual(ks);
            expect(Math.abs(wassersteinSketch(s, current) - wasserstein(reference, current)) / s.std).toBeLessThanOrEqual(w);
          }
        }
      });
    }
  }

  it('see a shift of half a standard deviation as clearly as the raw rows do', () => {
    const reference = column('normal', 5000, 8);
    const current = column('normal', 1000, 9, 0.5);
    const s = numericSketch(reference);
    expect(ks2sampSketch(s, current).pValue).toBeLessThan(1e-20);
    expect(wassersteinSketch(s, current) / s.std).toBeGreaterThan(0.4);
  });

  it('take 100k current values against a sketch in well under a second', () => {
    const s = numericSketch(column('lognormal', 100_000, 10));
    const current = column('lognormal', 100_000, 11, 0.05);
    const t0 = performance.now();
    ks2sampSketch(s, current);
    wassersteinSketch(s, current);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('categoricalSketch', () => {
  it('counts categories most frequent first, folds the rarest into other, and counts null as missing', () => {
    const s = categoricalSketch(['b', 'a', 'b', null, 'c', 'b', 'a', 'd', undefined], 2);
    expect(s).toMatchObject({ count: 7, missing: 2, other: 2 });
    expect({ ...s.categories }).toEqual({ b: 3, a: 2 });
    expect(Object.getPrototypeOf(s.categories)).toBe(null);
  });

  it('keeps names a plain object would mistake for its own (__proto__, constructor)', () => {
    const s = categoricalSketch(['__proto__', 'constructor', '__proto__']);
    expect(Object.keys(s.categories).sort()).toEqual(['__proto__', 'constructor']);
    expect(s.categories['__proto__']).toBe(2);
  });

  it('breaks ties by name so the same rows keep the same categories', () => {
    expect(Object.keys(categoricalSketch(['z', 'y', 'x'], 2).categories)).toEqual(['x', 'y']);
  });
});

describe('categoricalCountsOn', () => {
  it('aligns counts on the reference categories, with categories the reference never saw at 0', () => {
    const reference = categoricalSketch(['a', 'a', 'a', 'b', 'b', 'c']);
    const counts = categoricalCountsOn(reference, ['b', 'new', 'a', 'new', null, 'other']);
    expect(counts).toEqual({ categories: ['a', 'b', 'c', 'new', 'other'], reference: [3, 2, 1, 0, 0], current: [1, 1, 0, 2, 1] });
  });

  it('sends names the reference does not hold to (other) when it folded some away', () => {
    const reference = categoricalSketch(['a', 'a', 'a', 'b', 'b', 'c', 'd'], 2);
    const counts = categoricalCountsOn(reference, ['c', 'zzz', 'a']);
    expect(counts).toEqual({ categories: ['a', 'b', '(other)'], reference: [3, 2, 2], current: [1, 0, 2] });
  });

  it('reads the reference in count order even for integer-like names, after JSON', () => {
    const reference = JSON.parse(JSON.stringify(categoricalSketch(['10', '10', '10', '2', '2', '1']))) as ReturnType<typeof categoricalSketch>;
    expect(categoricalCountsOn(reference, ['1']).categories).toEqual(['10', '2', '1']);
  });

  it('feeds chi-square as Evidently does (current counts against reference shares × n)', () => {
    const reference = categoricalSketch([...'aaaaabbbcc']);
    const { reference: ref, current } = categoricalCountsOn(reference, [...'aabbbbcccc']);
    const n = current.reduce((a, b) => a + b, 0);
    const r = chiSquare(current, ref.map((c) => (c / reference.count) * n));
    // (2 − 5)²/5 + (4 − 3)²/3 + (4 − 2)²/2 = 1.8 + 1/3 + 2
    expect(r.statistic).toBeCloseTo(1.8 + 1 / 3 + 2, 12);
  });
});

describe('psiCounts', () => {
  it('merges the fine bins into about ten quantile bins, open at both ends', () => {
    const reference = numericSketch(column('normal', 10_000, 12));
    const current = numericSketchOn(reference, [...column('normal', 2000, 13), -100, 100, 100]);
    const { reference: ref, current: cur } = psiCounts(reference, current);
    expect(ref.length).toBe(10);
    for (const c of ref) expect(c).toBe(1000);
    expect(cur.reduce((a, b) => a + b, 0)).toBe(2003);
    expect(cur[0]).toBeGreaterThan(150);
  });

  it('gives a PSI near 0 without drift and past the 0.1 band with half a standard deviation of it', () => {
    const reference = numericSketch(column('normal', 10_000, 14));
    const same = psiCounts(reference, numericSketchOn(reference, column('normal', 2000, 15)));
    const moved = psiCounts(reference, numericSketchOn(reference, column('normal', 2000, 16, 0.5)));
    expect(psi(same.reference, same.current)).toBeLessThan(0.02);
    expect(psi(moved.reference, moved.current)).toBeGreaterThan(0.1);
  });

  it('keeps a frequent value in one bin and never leaves a reference bin empty', () => {
    const reference = numericSketch(column('zeros', 5000, 17));
    const { reference: ref } = psiCounts(reference, numericSketchOn(reference, column('zeros', 500, 18)));
    expect(ref[0]).toBeGreaterThan(1900);
    for (const c of ref) expect(c).toBeGreaterThan(0);
    expect(ref.reduce((a, b) => a + b, 0)).toBe(5000);
  });
});
