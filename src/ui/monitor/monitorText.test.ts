import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../core/testing/monitorFixture';
import { fmtP, overlaidShares, performanceValue, summaryParts, timelinePoints } from './monitorText';

describe('overlaidShares', () => {
  it('spreads quantile bins evenly over equal-width display bins, values outside in bins of their own', () => {
    // Reference: 2 rows in [0, 8] and 6 in (8, 16]; current: the same edges, 4 rows each side, 2 above.
    const reference = { kind: 'numeric', count: 8, missing: 0, min: 0, max: 16, mean: 0, std: 1, edges: [0, 8, 16], counts: [2, 6] } as const;
    const current = { ...reference, counts: [4, 4], above: 2 };
    const points = overlaidShares(reference, current);
    expect(points).toHaveLength(17);
    // 16 display bins of width 1: each of the first 8 holds 2/8 ÷ 8 of the reference.
    expect(points[0]).toEqual({ bin: '0–1', reference: 2 / 8 / 8, current: 4 / 10 / 8 });
    expect(points[15].reference).toBeCloseTo(6 / 8 / 8, 12);
    expect(points[16]).toEqual({ bin: 'above 16', reference: 0, current: 2 / 10 });
    expect(points.reduce((a, p) => a + p.reference, 0)).toBeCloseTo(1, 12);
    expect(points.reduce((a, p) => a + p.current, 0)).toBeCloseTo(1, 12);
  });

  it('puts categories side by side, new ones after the reference’s, and folded rows as other', () => {
    const reference = { kind: 'categorical', count: 10, missing: 0, categories: { a: 6, b: 4 }, other: 0 } as const;
    const current = { kind: 'categorical', count: 10, missing: 0, categories: { a: 2, c: 6 }, other: 2 } as const;
    expect(overlaidShares(reference, current)).toEqual([
      { bin: 'a', reference: 0.6, current: 0.2 },
      { bin: 'b', reference: 0.4, current: 0 },
      { bin: 'c', reference: 0, current: 0.6 },
      { bin: 'other', reference: 0, current: 0.2 },
    ]);
  });
});

describe('report words', () => {
  it('reads p-values, the summary’s quoted column names, and performance realised before estimated', () => {
    expect(fmtP(1e-12)).toBe('< 0.0001');
    expect(fmtP(0.04321)).toBe('0.0432');
    expect(summaryParts('3 of 12 columns moved; `income` the most')).toEqual([
      { text: '3 of 12 columns moved; ', code: false },
      { text: 'income', code: true },
      { text: ' the most', code: false },
    ]);
    const estimated = { metric: 'accuracy', reference: 0.9, estimated: { value: 0.8, std_error: 0.01, lower: 0.78, upper: 0.82 }, alert: false };
    expect(performanceValue(estimated)).toEqual({ value: 0.8, kind: 'estimated' });
    expect(performanceValue({ ...estimated, realised: { accuracy: 0.7 } })).toEqual({ value: 0.7, kind: 'realised' });
    expect(performanceValue(null)).toBeNull();
  });

  it('turns chunks into timeline points with their bands and alerts', () => {
    const points = timelinePoints(fixtureReport(['a', 'b'], ['a'], 4).chunks);
    expect(points.map((p) => [p.key, p.driftShare, p.performance, p.alert])).toEqual([
      ['1', 0, 0.9, false],
      ['2', 0, 0.9, false],
      ['3', 0.5, 0.71, true],
      ['4', 0.5, 0.71, true],
    ]);
    expect(points[0].band).toEqual([0.8, 1]);
  });
});
