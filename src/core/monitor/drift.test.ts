import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { columnDrift, cramersV, psiBand, rawReferenceColumn, sketchReferenceColumn } from './drift';
import { numericSketch } from './sketch';
import { chiSquare, chiSquareTwoSample, jensenShannon, ks2samp, wasserstein } from './stats';

const normals = (n: number, seed: number, shift = 0) => {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal() + shift);
};
const numeric = (values: Float64Array) => ({ kind: 'numeric' as const, values });
const labels = (values: (string | null)[]) => ({ kind: 'categorical' as const, values });
const populationStd = (v: Float64Array) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
};

describe('columnDrift: the test Evidently would choose, with the stats functions’ values', () => {
  it('numbers against up to 1000 reference values: KS, as ks2samp', () => {
    const ref = normals(1000, 1);
    const cur = normals(400, 2, 0.2);
    const d = columnDrift(rawReferenceColumn('x', numeric(ref)), numeric(cur));
    const ks = ks2samp(ref, cur);
    expect(d).toMatchObject({ test: 'ks', statistic: ks.statistic, p_value: ks.pValue, threshold: 0.05, drifted: ks.pValue < 0.05 });
  });

  it('numbers against more: the Wasserstein distance over the reference’s population std (drift from 0.1)', () => {
    const ref = normals(1001, 3);
    const cur = normals(500, 4, 0.5);
    const d = columnDrift(rawReferenceColumn('x', numeric(ref)), numeric(cur));
    expect(d.test).toBe('wasserstein');
    expect(d.statistic).toBeCloseTo(wasserstein(ref, cur) / populationStd(ref), 12);
    expect(d.p_value).toBeNull();
    expect(d.threshold).toBe(0.1);
    expect(d.drifted).toBe(true);
    expect(d.effect_size).toBeCloseTo(Math.abs(cur.reduce((a, b) => a + b, 0) / 500 - ref.reduce((a, b) => a + b, 0) / 1001) / populationStd(ref), 9);
  });

  it('numbers of at most 5 distinct values (over both sides) are counted: chi-square small, Jensen–Shannon large', () => {
    const ref = Float64Array.from({ length: 300 }, (_, i) => i % 3);
    const cur = Float64Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0 : (i % 3) + 0));
    const d = columnDrift(rawReferenceColumn('x', numeric(ref)), numeric(cur));
    const count = (v: Float64Array, k: number) => v.filter((x) => x === k).length;
    const counts = [0, 1, 2].map((k) => count(cur, k));
    const expected = chiSquare(counts, [0, 1, 2].map((k) => (count(ref, k) / 300) * 200));
    const twoSample = chiSquareTwoSample([100, 100, 100], counts);
    expect(d).toMatchObject({ test: 'chi2', statistic: expected.statistic, p_value: twoSample.pValue });
    const big = Float64Array.from({ length: 3000 }, (_, i) => i % 5);
    const large = columnDrift(rawReferenceColumn('x', numeric(big)), numeric(cur));
    expect(large.test).toBe('jensen-shannon');
    expect(large.statistic).toBeCloseTo(jensenShannon([600, 600, 600, 600, 600], [0, 1, 2, 3, 4].map((k) => count(cur, k))), 12);
    // A sixth value in the current rows makes it a continuous column again (Evidently counts both sides).
    const six = columnDrift(rawReferenceColumn('x', numeric(Float64Array.from({ length: 300 }, (_, i) => i % 5))), numeric(Float64Array.from([0, 1, 2, 3, 4, 5])));
    expect(six.test).toBe('ks');
  });

  it('categories: chi-square of the current counts against the reference shares × n (p-value of the 2 × k table), Jensen–Shannon above 1000 rows; missing values apart', () => {
    const ref = Array.from({ length: 400 }, (_, i) => ['a', 'b', 'c', 'd'][i % 4]);
    const cur = [...Array.from({ length: 90 }, (_, i) => ['a', 'a', 'b', 'c', 'd'][i % 5]), null, null, null, null, null, null, null, null, null, null];
    const d = columnDrift(rawReferenceColumn('c', labels([...ref, null])), labels(cur));
    const counts = ['a', 'b', 'c', 'd'].map((k) => cur.filter((x) => x === k).length);
    const expected = chiSquare(counts, [0.25, 0.25, 0.25, 0.25].map((s) => s * 90));
    expect(d).toMatchObject({ kind: 'categorical', test: 'chi2', statistic: expected.statistic, p_value: chiSquareTwoSample([100, 100, 100, 100], counts).pValue });
    // 36 a in 90 against a quarter: chisquare alone says p ≈ 0.013; counting the reference's own noise, ≈ 0.04.
    expect(expected.pValue).toBeLessThan(d.p_value! / 3);
    expect(d.missing_share).toEqual({ reference: 1 / 401, current: 0.1 });
    const refLarge = Array.from({ length: 2000 }, (_, i) => ['a', 'b', 'c', 'd'][i % 4]);
    const large = columnDrift(rawReferenceColumn('c', labels(refLarge)), labels(cur));
    expect(large.test).toBe('jensen-shannon');
    expect(large.statistic).toBeCloseTo(jensenShannon([500, 500, 500, 500], counts), 12);
    expect(large.drifted).toBe(large.statistic >= 0.1);
  });

  it('a category the reference never had makes the statistic infinite (as SciPy), and drift is decided on the 2 × k table', () => {
    const ab = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : 'b'));
    const d = columnDrift(rawReferenceColumn('c', labels(ab(40))), labels([...ab(30), ...Array<string>(10).fill('z')]));
    expect(d.statistic).toBe(Infinity);
    expect(d.p_value).toBeCloseTo(chiSquareTwoSample([20, 20, 0], [15, 15, 10]).pValue, 15);
    expect(d.p_value).toBeLessThan(0.01);
    expect(d.drifted).toBe(true);
    // One new row among 40 is not drift.
    const one = columnDrift(rawReferenceColumn('c', labels(ab(40))), labels([...ab(39), 'z']));
    expect(one).toMatchObject({ statistic: Infinity, drifted: false });
  });

  it('against a sketch: the test chosen by the sketch’s count, KS close to the raw one', () => {
    const ref = normals(800, 5);
    const cur = normals(300, 6, 0.3);
    const d = columnDrift(sketchReferenceColumn('x', numericSketch(ref)), numeric(cur));
    expect(d.test).toBe('ks');
    expect(Math.abs(d.statistic - ks2samp(ref, cur).statistic)).toBeLessThan(0.02);
    expect(d.drifted).toBe(true);
  });

  it('a column with no current values has gone missing: drifted', () => {
    const d = columnDrift(rawReferenceColumn('x', numeric(normals(50, 7))), numeric(Float64Array.from([NaN, NaN])));
    expect(d.drifted).toBe(true);
    expect(d.missing_share.current).toBe(1);
  });
});

describe("Cramér's V and PSI bands", () => {
  it('is 0 for the same mix, 1 for disjoint ones, and as worked by hand between', () => {
    expect(cramersV([50, 50], [100, 100])).toBe(0);
    expect(cramersV([100, 0], [0, 100])).toBeCloseTo(1, 12);
    // 2×2 table [[30, 10], [10, 30]]: chi2 = 20 over n = 80, V = sqrt(20 / 80) = 0.5.
    expect(cramersV([30, 10], [10, 30])).toBeCloseTo(0.5, 12);
  });

  it('bands PSI at 0.1 and 0.25', () => {
    expect([0, 0.099, 0.1, 0.25, 0.2501].map(psiBand)).toEqual(['none', 'none', 'moderate', 'moderate', 'major']);
  });
});
