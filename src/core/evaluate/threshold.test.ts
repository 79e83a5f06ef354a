import { describe, expect, it } from 'vitest';
import { calibrationBins, precisionRecallCurve, scoresAt, thresholdTable } from './threshold';

// Reference: scikit-learn 1.2.1 on these 12 rows (precision_recall_curve, average_precision_score,
// calibration_curve(n_bins=5, strategy="uniform"), confusion_matrix of p >= t).
const y = Uint8Array.of(0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1);
const p = Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.65, 0.2, 0.4, 0.55, 0.7, 0.05);

describe('threshold material', () => {
  it('counts the confusion at each threshold, a row positive when its probability reaches it', () => {
    const table = thresholdTable(y, p);
    expect(table).toHaveLength(101);
    const at = (t: number) => table[Math.round(t * 100)];
    expect(at(0)).toEqual({ threshold: 0, tp: 7, fp: 5, tn: 0, fn: 0 });
    expect(at(0.4)).toEqual({ threshold: 0.4, tp: 5, fp: 3, tn: 2, fn: 2 });
    expect(at(0.41)).toMatchObject({ tp: 4, fp: 1, tn: 4, fn: 3 });
    expect(at(0.7)).toMatchObject({ tp: 3, fp: 0, tn: 5, fn: 4 });
    expect(at(1)).toMatchObject({ tp: 0, fp: 0, tn: 5, fn: 7 });
    expect(scoresAt(at(0.41))).toEqual({ accuracy: 8 / 12, precision: 4 / 5, recall: 4 / 7, f1: (2 * (4 / 5) * (4 / 7)) / (4 / 5 + 4 / 7) });
    expect(scoresAt(at(1))).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('draws the precision–recall curve and average precision as scikit-learn does', () => {
    const { recall, precision, averagePrecision } = precisionRecallCurve(y, p);
    expect(averagePrecision).toBeCloseTo(0.8392857142857142, 12);
    // scikit-learn lists them from the lowest threshold; here from the highest.
    expect(recall.map((v) => Number(v.toFixed(6)))).toEqual([1.0, 0.857143, 0.857143, 0.857143, 0.714286, 0.571429, 0.571429, 0.428571, 0.285714, 0.142857, 0.0].reverse());
    expect(precision.map((v) => Number(v.toFixed(6)))).toEqual([0.583333, 0.545455, 0.6, 0.666667, 0.625, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0].reverse());
  });

  it('bins predictions for a calibration plot as calibration_curve does', () => {
    const bins = calibrationBins(y, p, 5);
    expect(bins.map((b) => Number(b.observed.toFixed(6)))).toEqual([0.333333, 0.5, 0.0, 1.0, 1.0]);
    expect(bins.map((b) => Number(b.predicted.toFixed(6)))).toEqual([0.116667, 0.3875, 0.55, 0.716667, 0.9]);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(12);
  });
});
