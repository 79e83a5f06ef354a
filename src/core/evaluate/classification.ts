/**
 * Classification metrics on class indices and probability matrices. Conventions follow
 * scikit-learn (zero division gives 0, ROC AUC from ranks with ties averaged, log loss clipped at
 * 1e-15) so figures can be checked against it.
 */
import { ascendingOrder, descendingOrder } from '../util/sortNumbers';

/** Class index per row with the highest probability (the first on a tie). */
export function argmaxRows(proba: Float32Array | Float64Array, k: number): Int32Array {
  const n = proba.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (proba[i * k + j] > proba[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Counts `[true class][predicted class]`. */
export function confusionMatrix(yTrue: Int32Array, yPred: Int32Array, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

/** Share of rows predicted correctly. */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++;
  return yTrue.length ? hit / yTrue.length : NaN;
}

/** Precision, recall, F1 and support of one class. */
export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** Per-class precision / recall / F1 from a confusion matrix; 0 where a ratio's denominator is 0. */
export function perClassScores(confusion: number[][]): ClassScores[] {
  const k = confusion.length;
  return confusion.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += confusion[r][c];
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support };
  });
}

/** Unweighted mean over classes that occur in the true labels or the predictions (as scikit-learn's macro average). */
export function macroAverage(scores: readonly ClassScores[], confusion: number[][], key: 'precision' | 'recall' | 'f1'): number {
  const used = scores.filter((s, c) => s.support > 0 || confusion.some((row) => row[c] > 0));
  return used.length ? used.reduce((a, s) => a + s[key], 0) / used.length : NaN;
}

/** Points of a ROC curve, from the strictest threshold to the loosest. */
export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  readonly thresholds: number[];
}

/**
 * The ROC curve of scores against a binary truth (1 = positive), one point per distinct score plus
 * the origin, as scikit-learn's `roc_curve(drop_intermediate=False)`.
 */
export function rocCurve(positive: Uint8Array, scores: ArrayLike<number>): RocCurve {
  const n = positive.length;
  const order = descendingOrder(scores);
  let totalPos = 0;
  for (let i = 0; i < n; i++) totalPos += positive[i];
  const totalNeg = n - totalPos;
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (positive[i]) tp++;
    else fp++;
    if (r === n - 1 || scores[order[r + 1]] !== scores[i]) {
      fpr.push(totalNeg ? fp / totalNeg : NaN);
      tpr.push(totalPos ? tp / totalPos : NaN);
      thresholds.push(scores[i]);
    }
  }
  return { fpr, tpr, thresholds };
}

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney) statistic, ties counted half: equal to the
 * trapezoidal area under `rocCurve`. NaN when only one class is present.
 */
export function rocAuc(positive: Uint8Array, scores: ArrayLike<number>): number {
  const n = positive.length;
  const order = ascendingOrder(scores);
  let nPos = 0;
  let rankSumPos = 0;
  for (let r = 0; r < n; ) {
    let e = r;
    while (e + 1 < n && scores[order[e + 1]] === scores[order[r]]) e++;
    const avgRank = (r + e) / 2 + 1;
    for (let t = r; t <= e; t++) {
      if (positive[order[t]]) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    r = e + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** The one-vs-rest truth for class `c`. */
export function oneVsRest(yTrue: Int32Array, c: number): Uint8Array {
  return yTrue.map((y) => (y === c ? 1 : 0)) as unknown as Uint8Array;
}

/** Column `c` of a row-major probability matrix with `k` columns. */
export function probaColumn(proba: Float32Array | Float64Array, k: number, c: number): Float64Array {
  const n = proba.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = proba[i * k + c];
  return out;
}

/**
 * ROC AUC: for two classes, of the positive (second) class's probability; for more, the macro
 * average of one-vs-rest AUCs over classes present in the truth (scikit-learn's `multi_class='ovr'`).
 */
export function rocAucFromProba(yTrue: Int32Array, proba: Float32Array | Float64Array, k: number): number {
  if (k === 2) return rocAuc(Uint8Array.from(yTrue, (y) => (y === 1 ? 1 : 0)), probaColumn(proba, 2, 1));
  const aucs: number[] = [];
  for (let c = 0; c < k; c++) {
    const auc = rocAuc(Uint8Array.from(yTrue, (y) => (y === c ? 1 : 0)), probaColumn(proba, k, c));
    if (!Number.isNaN(auc)) aucs.push(auc);
  }
  return aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : NaN;
}

/** Mean negative log-likelihood of the true class, probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(yTrue: Int32Array, proba: Float32Array | Float64Array, k: number): number {
  const eps = 1e-15;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    // Renormalise the row as scikit-learn does, so float32 rounding in probabilities does not show.
    let total = 0;
    for (let j = 0; j < k; j++) total += Math.min(Math.max(proba[i * k + j], eps), 1 - eps);
    const p = Math.min(Math.max(proba[i * k + yTrue[i]], eps), 1 - eps) / total;
    sum -= Math.log(p);
  }
  return yTrue.length ? sum / yTrue.length : NaN;
}
