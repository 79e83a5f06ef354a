import type { TrainingSet } from '../model';
import type { NaiveBayesState } from './state';
export type { NaiveBayesState } from './state';

/**
 * Naive Bayes estimated in one pass and scored in log space. Gaussian features follow
 * scikit-learn's GaussianNB (per-class mean and population variance, plus `var_smoothing` times the
 * largest feature variance); yes/no features follow its BernoulliNB (per-class frequency of 1 with
 * Laplace smoothing); the one-hot indicators of one categorical column, taken together, follow its
 * CategoricalNB (per-class frequency of each category, smoothed over the k categories). A model
 * mixing them adds their log-likelihoods, which is what naive Bayes means: features are
 * independent given the class.
 */

/** Options of a naive Bayes fit (the model's parameters). */
export interface NaiveBayesOptions {
  readonly distribution: 'gaussian' | 'auto';
  readonly varSmoothing: number;
  readonly alpha: number;
}

/** Estimates naive Bayes for `classes` classes (train.y holds class indices). */
export function fitNaiveBayes(train: TrainingSet, classes: number, options: NaiveBayesOptions): NaiveBayesState {
  const { X, y, n, d } = train;
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const bernoulli = Array.from({ length: d }, (_, j) => options.distribution === 'auto' && isZeroOne(X, n, d, j));
  // Categories in a one-hot group (0 for features outside one).
  const groupSize = options.distribution === 'auto' ? oneHotGroups(train, bernoulli) : new Int32Array(d);
  const sum = new Float64Array(classes * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sum[y[i] * d + j] += X[i * d + j];
  const mean = new Array<number>(classes * d).fill(0);
  const variance = new Array<number>(classes * d).fill(1);
  const logYes = new Array<number>(classes * d).fill(0);
  const logNo = new Array<number>(classes * d).fill(0);
  // Mean first, then squared deviations from it (two passes, as numpy's var): no cancellation.
  for (let c = 0; c < classes; c++) for (let j = 0; j < d; j++) if (counts[c] > 0) mean[c * d + j] = sum[c * d + j] / counts[c];
  const squares = new Float64Array(classes * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const p = y[i] * d + j;
      squares[p] += (X[i * d + j] - mean[p]) ** 2;
    }
  }
  const epsilon = options.varSmoothing * largestVariance(X, n, d, bernoulli);
  for (let c = 0; c < classes; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) {
      const p = c * d + j;
      if (!bernoulli[j]) {
        variance[p] = squares[p] / counts[c] + epsilon;
        continue;
      }
      mean[p] = 0;
      // A 0/1 column's sum is its count of ones. Laplace smoothing adds alpha to both outcomes of a
      // yes/no feature, and to each of the k categories of a categorical one.
      if (groupSize[j] > 0) {
        logYes[p] = Math.log(sum[p] + options.alpha) - Math.log(counts[c] + groupSize[j] * options.alpha);
        continue;
      }
      const denominator = Math.log(counts[c] + 2 * options.alpha);
      logYes[p] = Math.log(sum[p] + options.alpha) - denominator;
      logNo[p] = Math.log(counts[c] - sum[p] + options.alpha) - denominator;
    }
  }
  return { counts, bernoulli, mean, variance, logYes, logNo, categorical: Array.from(groupSize, (k) => k > 0) };
}

/**
 * The one-hot groups among the 0/1 features: two or more features from one input column (by
 * `train.sources`) with at most one 1 per training row. Returns, per feature, its group's size (the
 * column's category count), or 0 outside a group.
 */
function oneHotGroups(train: TrainingSet, zeroOne: readonly boolean[]): Int32Array {
  const { X, n, d, sources } = train;
  const size = new Int32Array(d);
  if (!sources) return size;
  const groups = new Map<string, number[]>();
  for (let j = 0; j < d; j++) if (zeroOne[j]) groups.set(sources[j], [...(groups.get(sources[j]) ?? []), j]);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    let exclusive = true;
    for (let i = 0; i < n && exclusive; i++) {
      let ones = 0;
      for (const j of members) ones += X[i * d + j];
      exclusive = ones <= 1;
    }
    if (exclusive) for (const j of members) size[j] = members.length;
  }
  return size;
}

/** True when every training value of feature j is exactly 0 or 1. */
function isZeroOne(X: Float32Array, n: number, d: number, j: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = X[i * d + j];
    if (v !== 0 && v !== 1) return false;
  }
  return true;
}

/**
 * The largest population variance among the Gaussian features, the scale of `var_smoothing`. When
 * all are constant (one training row, say) scikit-learn's would be 0 and every variance 0, giving
 * NaN; 1 is used instead so the smoothing still keeps variances positive.
 */
function largestVariance(X: Float32Array, n: number, d: number, bernoulli: readonly boolean[]): number {
  let largest = 0;
  for (let j = 0; j < d; j++) {
    if (bernoulli[j]) continue;
    let m = 0;
    for (let i = 0; i < n; i++) m += X[i * d + j];
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (X[i * d + j] - m) ** 2;
    largest = Math.max(largest, s / n);
  }
  return largest > 0 ? largest : 1;
}
