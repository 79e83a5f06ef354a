import { describe, expect, it } from 'vitest';
import { type PerformanceBasis, performanceBand, performanceOf } from './performance';

const basis = (metric: 'accuracy' | 'rmse', values: number[]): PerformanceBasis => ({ task: metric === 'accuracy' ? 'binary' : 'regression', classes: [], metric, reference: values[0], chunks: { chunkRows: 20, values } });

describe('performanceBand', () => {
  it('is mean ± 3σ of the reference chunks, σ scaled by sqrt(chunk rows / rows + 1 / K)', () => {
    // Values 0.7 and 1 five times each: mean 0.85, σ 0.15 (above the binomial 0.08 of 20 rows); scale sqrt(20/100 + 1/10).
    const band = performanceBand(basis('accuracy', [0.7, 1, 0.7, 1, 0.7, 1, 0.7, 1, 0.7, 1]), 100)!;
    const half = 3 * 0.15 * Math.sqrt(0.3);
    expect(band.lower).toBeCloseTo(0.85 - half, 12);
    expect(band.upper).toBeCloseTo(0.85 + half, 12);
  });

  it('widens a band narrower than the binomial spread of a chunk to it', () => {
    // Values 0.8 and 0.9: σ 0.05, below sqrt(p(1 − p) / 20) with p = (0.85 · 20 + 1) / 22.
    const band = performanceBand(basis('accuracy', [0.8, 0.9, 0.8, 0.9, 0.8, 0.9, 0.8, 0.9, 0.8, 0.9]), 100)!;
    const p = 18 / 22;
    expect(band.upper - 0.85).toBeCloseTo(3 * Math.sqrt((p * (1 - p)) / 20) * Math.sqrt(0.3), 12);
  });

  it('gives a perfect classifier a band as wide as the binomial spread, not [1, 1]', () => {
    // Smoothed share (20 + 1) / 22; σ of a 20-row chunk sqrt(p(1 − p) / 20) = 0.046577; × 3 × sqrt(0.3).
    const band = performanceBand(basis('accuracy', Array(10).fill(1)), 100)!;
    expect(band.upper).toBeCloseTo(1.07653, 4);
    expect(band.lower).toBeCloseTo(0.92347, 4);
    expect(0.97).toBeGreaterThan(band.lower); // one wrong row in 33 does not page
    expect(0.9).toBeLessThan(band.lower); // one in ten does
  });

  it('leaves regression bands to the chunks alone', () => {
    const band = performanceBand(basis('rmse', Array(10).fill(2)), 100)!;
    expect(band).toEqual({ lower: 2, upper: 2 });
  });
});

describe('CBPE through performanceOf', () => {
  it("widens the current rows' standard error by the calibration's own (an accuracy over the test rows), in quadrature", () => {
    // 100 rows predicted b at 0.8: expected accuracy 0.8, SE sqrt(100 · 0.16) / 100 = 0.04;
    // reference accuracy 0.9 on 50 test rows adds 0.9 · 0.1 / 50 = 0.0018 to the variance.
    const n = 100;
    const proba = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) proba.set([0.2, 0.8], i * 2);
    const predictions = { rows: n, labels: Array(n).fill('b'), proba, classes: ['a', 'b'] };
    const base: PerformanceBasis = { task: 'binary', classes: ['a', 'b'], metric: 'accuracy', reference: 0.9 };
    const alone = performanceOf(base, predictions, null, null)!.estimated!;
    expect(alone.value).toBeCloseTo(0.8, 6);
    expect(alone.std_error).toBeCloseTo(0.04, 6);
    const widened = performanceOf({ ...base, testRows: 50 }, predictions, null, null)!.estimated!;
    expect(widened.value).toBeCloseTo(0.8, 6);
    expect(widened.std_error).toBeCloseTo(Math.sqrt(0.0016 + 0.0018), 6);
    expect(widened.upper - widened.lower).toBeCloseTo(2 * 1.959964 * Math.sqrt(0.0034), 5);
  });
});
