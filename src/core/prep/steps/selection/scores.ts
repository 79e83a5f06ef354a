/**
 * Univariate column scores as scikit-learn's `feature_selection` computes them, on columns stored
 * column-major (one Float64Array per column, no gaps) and a target `y` that holds class indices
 * 0..k−1 for classification or values for regression.
 */

/** Population variance (ddof 0) of the values that are not NaN, as `np.nanvar`; NaN when none is left. */
export function nanVariance(values: ArrayLike<number>): number {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    sum += values[i];
    count++;
  }
  if (count === 0) return NaN;
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) ss += (values[i] - mean) ** 2;
  return ss / count;
}

/**
 * What `VarianceThreshold` compares with its threshold: the variance, and at threshold 0 the
 * smaller of it and the range (`np.ptp`), so a constant column whose variance comes out at 1e-18
 * from rounding still counts as constant.
 */
export function thresholdVariance(values: ArrayLike<number>, threshold: number): number {
  const variance = nanVariance(values);
  if (threshold !== 0 || Number.isNaN(variance)) return variance;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  return Math.min(variance, max - min);
}

/** Pearson's r of two complete columns; NaN when either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * ANOVA F of each column against the classes (`f_classif`): between-class over within-class mean
 * squares. NaN for a constant column (0/0), +Infinity when the classes split it without spread.
 */
export function fClassif(cols: readonly ArrayLike<number>[], y: ArrayLike<number>, k: number): number[] {
  const n = y.length;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const present = counts.filter((c) => c > 0).length;
  return cols.map((x) => {
    const sums = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < n; i++) {
      sums[y[i]] += x[i];
      total += x[i];
    }
    const mean = total / n;
    let between = 0;
    for (let c = 0; c < k; c++) if (counts[c] > 0) between += counts[c] * (sums[c] / counts[c] - mean) ** 2;
    let within = 0;
    for (let i = 0; i < n; i++) within += (x[i] - sums[y[i]] / counts[y[i]]) ** 2;
    return between / (present - 1) / (within / (n - present));
  });
}

/**
 * F of the one-column linear regression of y on each column (`f_regression`, centred): r²/(1−r²)·(n−2),
 * with scikit-learn's `force_finite`: a constant column (or target) scores 0, a perfect one the
 * largest double.
 */
export function fRegression(cols: readonly ArrayLike<number>[], y: ArrayLike<number>): number[] {
  return cols.map((x) => {
    const r = pearson(x, y);
    if (Number.isNaN(r)) return 0;
    const f = ((r * r) / (1 - r * r)) * (y.length - 2);
    return Number.isFinite(f) ? f : Number.MAX_VALUE;
  });
}

/**
 * Chi-square of each non-negative column against the classes (`chi2`): the column's total per
 * class against its total shared out by the classes' shares. NaN for a column of zeros.
 */
export function chi2(cols: readonly ArrayLike<number>[], y: ArrayLike<number>, k: number): number[] {
  const n = y.length;
  const share = new Float64Array(k);
  for (let i = 0; i < n; i++) share[y[i]] += 1 / n;
  // LabelBinarizer makes two columns for two classes, one per class otherwise: the same sum.
  return cols.map((x) => {
    const observed = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < n; i++) {
      observed[y[i]] += x[i];
      total += x[i];
    }
    let chi = 0;
    for (let c = 0; c < k; c++) {
      if (share[c] === 0) continue; // a class absent from these rows has no column in scikit-learn's binarised y
      const expected = share[c] * total;
      chi += (observed[c] - expected) ** 2 / expected;
    }
    return chi;
  });
}

/**
 * The k best columns by score, as `SelectKBest`: NaN scores count as the lowest, and the order is
 * a stable ascending sort taken from the top, so of tied columns the LATER ones are kept (what
 * scikit-learn's `argsort(kind="mergesort")[-k:]` does). Returns the kept indices in column order.
 */
export function kBest(scores: readonly number[], k: number): number[] {
  const clean = scores.map((s) => (Number.isNaN(s) ? -Number.MAX_VALUE : s));
  const order = clean.map((_, j) => j).sort((a, b) => clean[a] - clean[b] || a - b);
  return order.slice(Math.max(0, order.length - k)).sort((a, b) => a - b);
}
