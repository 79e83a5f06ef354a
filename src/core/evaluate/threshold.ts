/**
 * Material for choosing a binary classifier's decision threshold: the confusion counts at every
 * threshold of a grid, the precision–recall curve, and a calibration table. A row is predicted
 * positive when its positive-class probability is at least the threshold.
 */
import { descendingOrder } from '../util/sortNumbers';

/** Confusion counts at one threshold. */
export interface ThresholdRow {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** Thresholds 0, 0.01, …, 1 (what the studio's slider offers). */
export const THRESHOLD_STEPS = 100;

/** Confusion counts at thresholds 0, 1/steps, …, 1. */
export function thresholdTable(positive: Uint8Array, scores: ArrayLike<number>, steps = THRESHOLD_STEPS): ThresholdRow[] {
  const n = positive.length;
  const pos = Float64Array.from({ length: n }, (_, i) => scores[i]).filter((_, i) => positive[i] === 1).sort();
  const neg = Float64Array.from({ length: n }, (_, i) => scores[i]).filter((_, i) => positive[i] !== 1).sort();
  return Array.from({ length: steps + 1 }, (_, j) => {
    const threshold = j / steps;
    const tp = pos.length - firstAtLeast(pos, threshold);
    const fp = neg.length - firstAtLeast(neg, threshold);
    return { threshold, tp, fp, tn: neg.length - fp, fn: pos.length - tp };
  });
}

/** Index of the first sorted value ≥ t (binary search). */
function firstAtLeast(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Accuracy, precision, recall and F1 of the positive class from confusion counts (0 where undefined, as scikit-learn's zero_division=0). */
export function scoresAt(row: ThresholdRow): { accuracy: number; precision: number; recall: number; f1: number } {
  const { tp, fp, tn, fn } = row;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { accuracy: (tp + tn) / Math.max(1, tp + fp + tn + fn), precision, recall, f1 };
}

/** The precision–recall curve (one point per distinct score, highest first) and average precision, as scikit-learn computes them. */
export function precisionRecallCurve(positive: Uint8Array, scores: ArrayLike<number>): { recall: number[]; precision: number[]; averagePrecision: number } {
  const n = positive.length;
  const order = descendingOrder(scores);
  let totalPos = 0;
  for (let i = 0; i < n; i++) totalPos += positive[i];
  const recall = [0];
  const precision = [1];
  let tp = 0;
  let fp = 0;
  let ap = 0;
  for (let i = 0; i < n; i++) {
    if (positive[order[i]] === 1) tp++;
    else fp++;
    // A point after the last row of each run of equal scores.
    if (i + 1 < n && scores[order[i + 1]] === scores[order[i]]) continue;
    const r = totalPos ? tp / totalPos : 0;
    const p = tp / (tp + fp);
    ap += (r - recall[recall.length - 1]) * p;
    recall.push(r);
    precision.push(p);
  }
  return { recall, precision, averagePrecision: ap };
}

/** One bin of a calibration plot: rows whose predicted probability fell in (lo, hi]. */
export interface CalibrationBin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Mean predicted probability in the bin. */
  readonly predicted: number;
  /** Share of the bin's rows that are positive. */
  readonly observed: number;
}

/** Equal-width calibration bins over [0, 1] (scikit-learn's calibration_curve, strategy "uniform"); empty bins are left out. */
export function calibrationBins(positive: Uint8Array, scores: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < positive.length; i++) {
    // Right-closed bins (lo, hi], the first including 0: a probability on an edge joins the lower bin, as in scikit-learn.
    let b = 0;
    while (b < bins - 1 && (b + 1) / bins < scores[i]) b++;
    sum[b] += scores[i];
    hits[b] += positive[i];
    count[b]++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) if (count[b] > 0) out.push({ lo: b / bins, hi: (b + 1) / bins, count: count[b], predicted: sum[b] / count[b], observed: hits[b] / count[b] });
  return out;
}
