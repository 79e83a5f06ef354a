import type { SplitIndices } from '../../split';
import { type LinearFit, coefficientWeights, leastSquares, logisticL2, predictLinear } from './linearFits';

/**
 * Recursive feature elimination as scikit-learn's `RFE` / `RFECV` with a linear model
 * (`LogisticRegression()` for classes, `LinearRegression()` for values): fit on the remaining
 * columns, drop the `step` columns of smallest squared coefficients (summed over classes), repeat.
 */

/** The problem the columns are ranked for: classes (k of them) or values. */
export interface RfeTarget {
  readonly y: ArrayLike<number>;
  /** Number of classes; 0 for regression. */
  readonly classes: number;
}

/** The score against the number of columns kept, for the studio's chart: cross-validated means and spreads. */
export interface RfeCurve {
  /** Numbers of columns, ascending. */
  readonly counts: number[];
  /** Mean score over the folds at each count (accuracy for classes, R² for values). */
  readonly scores: number[];
  /** Population standard deviation of the fold scores at each count. */
  readonly std: number[];
  /** The count chosen: the best mean score, the fewest columns among equals. */
  readonly chosen: number;
  readonly metric: 'accuracy' | 'r2';
}

/** Which columns elimination keeps, and each column's rank (1 = kept, 2 = the last dropped, …), as `RFE.support_` / `ranking_`. */
export interface RfeResult {
  readonly kept: number[];
  readonly ranking: number[];
}

/** Fits the linear model on the listed columns (and rows); `start` warm-starts the logistic fit. */
function fitModel(cols: readonly ArrayLike<number>[], rows: ArrayLike<number> | null, features: readonly number[], target: RfeTarget, start?: LinearFit): { fit: LinearFit; X: Float64Array } {
  const n = rows ? rows.length : target.y.length;
  const d = features.length;
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    y[i] = target.y[r];
    for (let j = 0; j < d; j++) X[i * d + j] = cols[features[j]][r];
  }
  const fit = target.classes > 0 ? logisticL2(X, y, n, d, target.classes, 1, start) : leastSquares(X, y, n, d);
  return { fit, X };
}

/**
 * Eliminates columns down to `keep`, `step` at a time; `onStep` sees each fitted model and its
 * columns (scikit-learn's `step_score`), from all the columns down to `keep`.
 */
export function eliminate(cols: readonly ArrayLike<number>[], target: RfeTarget, keep: number, step: number, rows: ArrayLike<number> | null = null, onStep?: (fit: LinearFit, features: readonly number[]) => void): RfeResult {
  const d = cols.length;
  const support = new Array<boolean>(d).fill(true);
  const ranking = new Array<number>(d).fill(1);
  let remaining = d;
  // Each round's logistic fit starts from the last one's coefficients of the columns still in:
  // the optimum moves little when a weak column goes, so Newton needs a step or two.
  let previous: { fit: LinearFit; features: number[] } | null = null;
  const warm = (features: number[]): LinearFit | undefined => {
    if (!previous) return undefined;
    const k = previous.fit.outputs;
    const coef = new Float64Array(features.length * k);
    const from = new Map(previous.features.map((f, p) => [f, p]));
    features.forEach((f, p) => coef.set(previous!.fit.coef.subarray(from.get(f)! * k, from.get(f)! * k + k), p * k));
    return { coef, intercept: previous.fit.intercept, outputs: k };
  };
  while (remaining > keep) {
    const features = support.flatMap((s, j) => (s ? [j] : []));
    const { fit } = fitModel(cols, rows, features, target, warm(features));
    previous = { fit, features };
    const weights = coefficientWeights(fit, features.length, 2);
    // Ascending by weight; equal weights in column order (numpy's argsort, stable at these sizes).
    const order = features.map((_, p) => p).sort((a, b) => weights[a] - weights[b] || a - b);
    onStep?.(fit, features);
    const drop = Math.min(step, remaining - keep);
    for (let q = 0; q < drop; q++) support[features[order[q]]] = false;
    remaining -= drop;
    for (let j = 0; j < d; j++) if (!support[j]) ranking[j]++;
  }
  if (onStep) {
    const features = support.flatMap((s, j) => (s ? [j] : []));
    onStep(fitModel(cols, rows, features, target, warm(features)).fit, features);
  }
  return { kept: support.flatMap((s, j) => (s ? [j] : [])), ranking };
}

/** Accuracy or R² of a fit on the listed rows. */
function scoreOn(fit: LinearFit, cols: readonly ArrayLike<number>[], features: readonly number[], target: RfeTarget, rows: ArrayLike<number>): number {
  const n = rows.length;
  const d = features.length;
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = cols[features[j]][rows[i]];
  const predicted = predictLinear(fit, X, n, d, target.classes > 0);
  if (target.classes > 0) {
    let hits = 0;
    for (let i = 0; i < n; i++) if (predicted[i] === target.y[rows[i]]) hits++;
    return hits / n;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += target.y[rows[i]];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (target.y[rows[i]] - predicted[i]) ** 2;
    ssTot += (target.y[rows[i]] - mean) ** 2;
  }
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}

/**
 * `RFECV`: elimination inside each fold down to `fewest` columns, scoring the held-out rows at
 * each count; the count with the best mean score wins (the fewest columns among equal means, as
 * scikit-learn's reversed argmax), then elimination on all rows down to it.
 */
export function eliminateWithCv(cols: readonly ArrayLike<number>[], target: RfeTarget, fewest: number, step: number, folds: readonly SplitIndices[]): RfeResult & { curve: RfeCurve } {
  const d = cols.length;
  const perFold = folds.map((fold) => {
    const scores: number[] = [];
    eliminate(cols, target, fewest, step, fold.train, (fit, features) => scores.push(scoreOn(fit, cols, features, target, fold.test)));
    return scores;
  });
  // perFold[f][s]: s = 0 is all the columns; counts fall by `step` down to `fewest`.
  const steps = perFold[0].length;
  const counts = Array.from({ length: steps }, (_, s) => Math.max(d - s * step, fewest));
  const sums = Array.from({ length: steps }, (_, s) => perFold.reduce((a, f) => a + f[s], 0));
  let best = 0;
  for (let s = 1; s < steps; s++) if (sums[s] >= sums[best]) best = s;
  const chosen = Math.max(d - best * step, fewest);
  const result = eliminate(cols, target, chosen, step);
  const k = folds.length;
  const mean = sums.map((s) => s / k);
  const std = mean.map((m, s) => Math.sqrt(perFold.reduce((a, f) => a + (f[s] - m) ** 2, 0) / k));
  // Ascending counts, as the chart reads them (scikit-learn's `cv_results_` order).
  return { ...result, curve: { counts: [...counts].reverse(), scores: [...mean].reverse(), std: [...std].reverse(), chosen, metric: target.classes > 0 ? 'accuracy' : 'r2' } };
}

/**
 * scikit-learn's unshuffled folds for `cv=k`: `StratifiedKFold(k)` for classes (each class's rows,
 * in order, dealt to the folds in blocks sized by the sorted-label round robin), `KFold(k)` for
 * values (contiguous blocks, the first n mod k one row larger). The parity tests use them; the
 * step itself deals seeded, shuffled folds, since a table's rows may be sorted.
 */
export function sklearnFolds(target: RfeTarget, k: number): SplitIndices[] {
  const n = target.y.length;
  const fold = new Int32Array(n);
  if (target.classes > 0) {
    // Classes numbered by first appearance, as StratifiedKFold encodes them.
    const firstSeen = new Map<number, number>();
    for (let i = 0; i < n; i++) if (!firstSeen.has(target.y[i])) firstSeen.set(target.y[i], firstSeen.size);
    const encoded = Int32Array.from({ length: n }, (_, i) => firstSeen.get(target.y[i])!);
    const sorted = Int32Array.from(encoded).sort();
    const c = firstSeen.size;
    const allocation = Array.from({ length: k }, (_, f) => {
      const counts = new Array<number>(c).fill(0);
      for (let i = f; i < n; i += k) counts[sorted[i]]++;
      return counts;
    });
    for (let cls = 0; cls < c; cls++) {
      const folds: number[] = [];
      for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f][cls]; r++) folds.push(f);
      let p = 0;
      for (let i = 0; i < n; i++) if (encoded[i] === cls) fold[i] = folds[p++];
    }
  } else {
    let start = 0;
    for (let f = 0; f < k; f++) {
      const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
      fold.fill(f, start, start + size);
      start += size;
    }
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}
