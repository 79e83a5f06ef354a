import { createRng, shuffleInPlace } from '../../util/rng';

/**
 * The maths of target encoding, as scikit-learn's `TargetEncoder` (1.3+, Micci-Barreca 2001): each
 * category is replaced by a shrunk estimate of the target's mean among its rows, mixed with the
 * overall mean. Pure functions over category codes and target values, so the reference tests
 * (scripts/encode-sklearn-reference.py) check them directly.
 */

/** The shrinkage: scikit-learn's empirical-Bayes 'auto', or a fixed weight of the overall mean (in rows). */
export type Smoothing = 'auto' | number;

/**
 * One encoding: the value of each category code 0..categoryCount-1 given targets `y` (one number per
 * row: the value, or 0/1 for one class) over the rows in `rows` (all rows when absent). Codes −1 are
 * not counted. A category without rows gets the mean of `y` over `rows`, as scikit-learn's.
 */
export function fitEncoding(codes: Int32Array, y: ArrayLike<number>, categoryCount: number, smooth: Smoothing, rows?: ArrayLike<number>): { encoding: Float64Array; mean: number } {
  const n = rows ? rows.length : codes.length;
  const at = (i: number) => (rows ? rows[i] : i);
  let total = 0;
  for (let i = 0; i < n; i++) total += y[at(i)];
  const mean = total / n;
  const counts = new Float64Array(categoryCount);
  const sums = new Float64Array(categoryCount);
  for (let i = 0; i < n; i++) {
    const code = codes[at(i)];
    if (code < 0) continue;
    counts[code]++;
    sums[code] += y[at(i)];
  }
  const encoding = new Float64Array(categoryCount);
  if (smooth !== 'auto') {
    // _fit_encoding_fast: (sum + smooth·mean) / (count + smooth).
    for (let c = 0; c < categoryCount; c++) {
      const count = counts[c] + smooth;
      encoding[c] = count === 0 ? mean : (sums[c] + smooth * mean) / count;
    }
    return { encoding, mean };
  }
  // _fit_encoding_fast_auto_smooth: λ = σ²·n_c / (σ²·n_c + s²_c / n_c), with σ² the variance of y
  // and s²_c the sum of squared deviations within the category (Micci-Barreca's eq. 5 and 6).
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (y[at(i)] - mean) ** 2;
  variance /= n;
  const categoryMeans = sums.map((s, c) => s / counts[c]);
  const squares = new Float64Array(categoryCount);
  for (let i = 0; i < n; i++) {
    const code = codes[at(i)];
    if (code >= 0) squares[code] += (y[at(i)] - categoryMeans[code]) ** 2;
  }
  for (let c = 0; c < categoryCount; c++) {
    const lambda = (variance * counts[c]) / (variance * counts[c] + squares[c] / counts[c]);
    // NaN when the category has no rows, or neither the target nor the category varies.
    encoding[c] = Number.isNaN(lambda) ? mean : lambda * categoryMeans[c] + (1 - lambda) * mean;
  }
  return { encoding, mean };
}

/**
 * The cross-fitting fold of each row, as scikit-learn's splitters: for classes (`classes` = class
 * index per row) StratifiedKFold's rule (each class's rows, in row order, are dealt into folds in
 * blocks sized by a round robin over the sorted labels), for a number KFold's (consecutive blocks,
 * the first n mod k one row longer). With `shuffle`, the seeded generator shuffles the block
 * assignment within each class (StratifiedKFold) or the rows (KFold), as scikit-learn does with its
 * own generator. Folds beyond the row count are dropped, so every fold has a row.
 */
export function crossFitFolds(rowCount: number, folds: number, classes: Int32Array | null, shuffle: boolean, seed: number): Int32Array {
  const k = Math.max(1, Math.min(folds, rowCount));
  const fold = new Int32Array(rowCount);
  const rng = createRng(seed);
  if (!classes) {
    const order = Int32Array.from({ length: rowCount }, (_, i) => i);
    if (shuffle) shuffleInPlace(order, rng);
    const base = Math.floor(rowCount / k);
    const longer = rowCount % k;
    let next = 0;
    for (let f = 0; f < k; f++) for (let j = 0; j < base + (f < longer ? 1 : 0); j++) fold[order[next++]] = f;
    return fold;
  }
  // Classes numbered by first appearance, as StratifiedKFold numbers them.
  const byAppearance = new Map<number, number>();
  const encoded = Int32Array.from(classes, (c) => {
    let e = byAppearance.get(c);
    if (e === undefined) byAppearance.set(c, (e = byAppearance.size));
    return e;
  });
  const sorted = Int32Array.from(encoded).sort();
  // allocation[f][c]: rows of class c in fold f, from a round robin over the sorted labels.
  const allocation = Array.from({ length: k }, () => new Int32Array(byAppearance.size));
  for (let i = 0; i < rowCount; i++) allocation[i % k][sorted[i]]++;
  for (let c = 0; c < byAppearance.size; c++) {
    const blocks: number[] = [];
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f][c]; j++) blocks.push(f);
    const assigned = Int32Array.from(blocks);
    if (shuffle) shuffleInPlace(assigned, rng);
    let next = 0;
    for (let i = 0; i < rowCount; i++) if (encoded[i] === c) fold[i] = assigned[next++];
  }
  return fold;
}

/**
 * The out-of-fold encoding of every row: each fold's rows encoded with `fitEncoding` fitted on the
 * other folds' rows (a category absent from those gets their mean). Codes −1 are unseen categories
 * there, encoded with the whole data's mean `fullMean` (scikit-learn encodes unknowns with the
 * full-data target mean in `fit_transform` as well).
 */
export function crossFitEncode(codes: Int32Array, y: ArrayLike<number>, categoryCount: number, smooth: Smoothing, fold: Int32Array, fullMean: number): Float64Array {
  const out = new Float64Array(codes.length);
  const k = fold.reduce((m, f) => Math.max(m, f + 1), 0);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
    if (test.length === 0) continue;
    // One fold alone has nothing to fit on: its rows get the full-data figures instead.
    const { encoding } = train.length ? fitEncoding(codes, y, categoryCount, smooth, train) : fitEncoding(codes, y, categoryCount, smooth);
    for (const i of test) out[i] = codes[i] < 0 ? fullMean : encoding[codes[i]];
  }
  return out;
}
