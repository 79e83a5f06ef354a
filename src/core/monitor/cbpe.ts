// Confidence-based performance estimation (NannyML's CBPE): a classifier's performance on rows
// without labels, estimated from its own probabilities once they are calibrated. With calibrated
// probabilities p_ij (row i is of class j), the expected confusion matrix is E[C_jk] = Σ_{i: ŷ_i = k} p_ij
// and the expected accuracy the mean of p_i,ŷ_i; its standard error is that of a sum of independent
// Bernoulli trials, sqrt(Σ p(1 − p)) / n.
import { descendingOrder } from '../util/sortNumbers';
import { applyCalibration } from './reference';

/** A calibration map per class name (the reference's isotonic maps). */
export type CalibrationMaps = Readonly<Record<string, { readonly x: readonly number[]; readonly y: readonly number[] }>>;

/** An estimate with its standard error and a 95% interval. */
export interface Estimate {
  readonly value: number;
  readonly std_error: number;
  readonly lower: number;
  readonly upper: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Row-major probabilities calibrated class by class through the reference's maps (a class without
 * a map keeps its probability), then renormalised so each row sums to 1 (one-vs-rest maps need not).
 */
export function calibratedProba(proba: ArrayLike<number>, classes: readonly string[], maps: CalibrationMaps | undefined): Float64Array {
  const k = classes.length;
  const rows = proba.length / k;
  const out = new Float64Array(proba.length);
  const perClass = classes.map((c) => (maps && Object.hasOwn(maps, c) ? maps[c] : undefined));
  for (let i = 0; i < rows; i++) {
    let total = 0;
    for (let j = 0; j < k; j++) {
      const p = proba[i * k + j];
      const map = perClass[j];
      const v = map ? applyCalibration(map, p) : p;
      out[i * k + j] = v;
      total += v;
    }
    // A row every map sends to 0 keeps the model's own probabilities.
    for (let j = 0; j < k; j++) out[i * k + j] = total > 0 ? out[i * k + j] / total : proba[i * k + j];
  }
  return out;
}

/** The expected confusion matrix (rows: true class, columns: predicted) of calibrated probabilities and predicted class indices. */
export function expectedConfusion(calibrated: Float64Array, k: number, predicted: Int32Array): number[][] {
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < predicted.length; i++) {
    for (let j = 0; j < k; j++) matrix[j][predicted[i]] += calibrated[i * k + j];
  }
  return matrix;
}

/** CBPE's expected accuracy: the mean probability of the predicted class, with its standard error and 95% interval. */
export function expectedAccuracy(calibrated: Float64Array, k: number, predicted: Int32Array): Estimate {
  const n = predicted.length;
  let sum = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const p = calibrated[i * k + predicted[i]];
    sum += p;
    variance += p * (1 - p);
  }
  const value = n ? sum / n : NaN;
  const se = n ? Math.sqrt(variance) / n : NaN;
  return { value, std_error: se, lower: value - Z95 * se, upper: value + Z95 * se };
}

/**
 * CBPE's expected ROC AUC of a binary classifier: rows ranked by the model's score, each counting
 * p as an expected positive and 1 − p as an expected negative (tied scores share one step).
 */
export function expectedRocAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const order = descendingOrder(scores);
  let totalP = 0;
  for (let i = 0; i < positive.length; i++) totalP += positive[i];
  const totalN = positive.length - totalP;
  if (totalP <= 0 || totalN <= 0) return NaN;
  let tp = 0;
  let area = 0;
  for (let t = 0; t < order.length; ) {
    const score = scores[order[t]];
    let dtp = 0;
    let dfp = 0;
    for (; t < order.length && scores[order[t]] === score; t++) {
      dtp += positive[order[t]];
      dfp += 1 - positive[order[t]];
    }
    // Trapezoid between the previous point and this one (a tie moves diagonally).
    area += (dfp / totalN) * ((tp + dtp / 2) / totalP);
    tp += dtp;
  }
  return area;
}
