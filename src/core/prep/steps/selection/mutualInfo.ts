import { numpyRandomState } from './numpyRandom';

/**
 * Mutual information between each column and the target by k-nearest neighbours, as scikit-learn's
 * `mutual_info_classif` / `mutual_info_regression` (dense columns, all continuous, n_neighbors 3):
 * Kraskov, Stögbauer & Grassberger (Phys. Rev. E 69, 2004) for a continuous target, Ross (PLoS ONE
 * 9(2), 2014) for classes. Like scikit-learn, each column is divided by its standard deviation and
 * gets noise of 1e-10 × max(1, mean |x|) standard normals (and so does a continuous target, after
 * the columns), drawn from NumPy's `RandomState(seed)` in the same order, so with the same seed the
 * scores are scikit-learn's to rounding; the noise breaks ties between repeated values.
 */
export function mutualInfo(cols: readonly ArrayLike<number>[], y: ArrayLike<number>, discreteTarget: boolean, seed: number, neighbours = 3): number[] {
  const n = y.length;
  const d = cols.length;
  const scaled = cols.map((x) => divideByStd(Float64Array.from(x)));
  const rng = numpyRandomState(seed);
  const amplitude = scaled.map((x) => 1e-10 * Math.max(1, meanAbs(x)));
  // The noise matrix is drawn row-major (n × d), as `rng.standard_normal(size=(n, d))`.
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scaled[j][i] += amplitude[j] * rng.standardNormal();
  if (discreteTarget) {
    const labels = Int32Array.from(y);
    return scaled.map((x) => miContinuousDiscrete(x, labels, neighbours));
  }
  const target = divideByStd(Float64Array.from(y));
  const yAmplitude = 1e-10 * Math.max(1, meanAbs(target));
  for (let i = 0; i < n; i++) target[i] += yAmplitude * rng.standardNormal();
  return scaled.map((x) => miContinuousContinuous(x, target, neighbours));
}

/** x / std(x) in place (`scale(with_mean=False)`: a zero spread divides by 1). */
function divideByStd(x: Float64Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  const std = Math.sqrt(ss / x.length);
  if (std !== 0) for (let i = 0; i < x.length; i++) x[i] /= std;
  return x;
}

function meanAbs(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s / x.length;
}

/** ψ(m) for whole m ≥ 1: −γ + H(m − 1), exact to rounding (every count the estimators take is whole). */
function digammaTable(max: number): Float64Array {
  const out = new Float64Array(max + 1);
  out[0] = NaN;
  out[1] = -0.5772156649015329;
  for (let m = 2; m <= max; m++) out[m] = out[m - 1] + 1 / (m - 1);
  return out;
}

/**
 * How many of the sorted values lie within `radius` of `v` (|u − v| ≤ radius, counting v itself),
 * by two binary searches on the exact predicate, as a KD-tree's radius query counts them.
 */
function countWithin(sorted: Float64Array, v: number, radius: number): number {
  let lo = 0;
  let hi = sorted.length;
  // First index with v − u ≤ radius (the predicate grows with u).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v - sorted[mid] <= radius) hi = mid;
    else lo = mid + 1;
  }
  const first = lo;
  hi = sorted.length;
  // First index past the values with u − v ≤ radius.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] - v <= radius) lo = mid + 1;
    else hi = mid;
  }
  return lo - first;
}

/** The largest double below `r` (`np.nextafter(r, 0)` for r > 0): "strictly closer than r". */
function below(r: number): number {
  if (r <= 0) return r === 0 ? 0 : r;
  const buffer = new Float64Array([r]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] -= 1n;
  return buffer[0];
}

/**
 * Distance to the k-th nearest other point of each point in 1-D (or, with `y`, in the max-norm of
 * (x, y)): points ordered by x, each searched outwards until the x gap alone exceeds the k-th best.
 */
function kthNeighbourDistance(x: Float64Array, y: Float64Array | null, k: number, rows: Int32Array): Float64Array {
  const order = Int32Array.from(rows).sort((a, b) => x[a] - x[b] || a - b);
  const m = order.length;
  const out = new Float64Array(m);
  const best = new Float64Array(k);
  for (let p = 0; p < m; p++) {
    const i = order[p];
    best.fill(Infinity);
    let left = p - 1;
    let right = p + 1;
    for (;;) {
      const dl = left >= 0 ? x[i] - x[order[left]] : Infinity;
      const dr = right < m ? x[order[right]] - x[i] : Infinity;
      const gap = Math.min(dl, dr);
      if (!(gap < best[k - 1])) break;
      const j = dl <= dr ? order[left--] : order[right++];
      const dist = y ? Math.max(Math.abs(x[i] - x[j]), Math.abs(y[i] - y[j])) : Math.abs(x[i] - x[j]);
      if (dist < best[k - 1]) {
        let q = k - 1;
        for (; q > 0 && best[q - 1] > dist; q--) best[q] = best[q - 1];
        best[q] = dist;
      }
    }
    out[p] = best[k - 1];
  }
  // Back to the order of `rows`.
  const byRow = new Map<number, number>();
  order.forEach((row, p) => byRow.set(row, out[p]));
  return Float64Array.from(rows, (row) => byRow.get(row)!);
}

/** Kraskov's estimator I(x; y) for two continuous variables (`_compute_mi_cc`), floored at 0. */
export function miContinuousContinuous(x: Float64Array, y: Float64Array, k: number): number {
  const n = x.length;
  const rows = Int32Array.from(x.keys());
  const radius = kthNeighbourDistance(x, y, k, rows);
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();
  const psi = digammaTable(n + 1);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const r = below(radius[i]);
    // nx + 1 = the count within r including the point itself.
    sx += psi[countWithin(xs, x[i], r)];
    sy += psi[countWithin(ys, y[i], r)];
  }
  return Math.max(0, psi[n] + psi[k] - sx / n - sy / n);
}

/** Ross's estimator I(c; d) for a continuous variable and classes (`_compute_mi_cd`), floored at 0. */
export function miContinuousDiscrete(c: Float64Array, labels: Int32Array, neighbours: number): number {
  const n = c.length;
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byLabel.get(labels[i]);
    if (list) list.push(i);
    else byLabel.set(labels[i], [i]);
  }
  const radius = new Float64Array(n);
  const kOf = new Int32Array(n);
  const countOf = new Int32Array(n);
  for (const members of byLabel.values()) {
    const count = members.length;
    for (const i of members) countOf[i] = count;
    // A class of one row has no neighbour: scikit-learn leaves such rows out.
    if (count <= 1) continue;
    const k = Math.min(neighbours, count - 1);
    const rows = Int32Array.from(members);
    const r = kthNeighbourDistance(c, null, k, rows);
    rows.forEach((row, p) => {
      radius[row] = below(r[p]);
      kOf[row] = k;
    });
  }
  const kept = Int32Array.from(c.keys()).filter((i) => countOf[i] > 1);
  const m = kept.length;
  const sorted = Float64Array.from(kept, (i) => c[i]).sort();
  const psi = digammaTable(n + 1);
  let sk = 0;
  let sLabel = 0;
  let sm = 0;
  for (const i of kept) {
    sk += psi[kOf[i]];
    sLabel += psi[countOf[i]];
    sm += psi[countWithin(sorted, c[i], radius[i])];
  }
  return Math.max(0, psi[m] + sk / m - sLabel / m - sm / m);
}
