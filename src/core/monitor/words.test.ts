import { describe, expect, it } from 'vitest';
import type { MonitorReport } from './types';
import { summaryOf } from './words';

/** A report with no columns, steady predictions and the given realised accuracy against the reference's. */
function withAccuracy(now: number, then: number): Omit<MonitorReport, 'summary' | 'alerts'> {
  return {
    columns: [],
    dataset_drift: false,
    prediction: { drifted: false },
    performance: { metric: 'accuracy', reference: then, realised: { accuracy: now }, alert: false },
    chunks: [],
  } as unknown as Omit<MonitorReport, 'summary' | 'alerts'>;
}

describe('summaryOf', () => {
  it('compares performance as printed: the same two decimals read "as in training", not "down from" the same figure', () => {
    expect(summaryOf(withAccuracy(0.996, 1))).toBe('0 of 0 columns moved; predictions steady; accuracy 1.00, as in training');
    expect(summaryOf(withAccuracy(0.81, 0.88))).toBe('0 of 0 columns moved; predictions steady; accuracy 0.81, down from 0.88');
    expect(summaryOf(withAccuracy(0.93, 0.88))).toBe('0 of 0 columns moved; predictions steady; accuracy 0.93, up from 0.88');
  });
});
