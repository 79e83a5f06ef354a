import { linspace, pairwiseSum, percentiles } from './numpyParity';

/** How bin edges are placed, as scikit-learn's `KBinsDiscretizer(strategy=…)`. */
export type BinStrategy = 'uniform' | 'quantile' | 'kmeans';

/** The strategies, in the order the form lists them. */
export const BIN_STRATEGIES: readonly BinStrategy[] = ['uniform', 'quantile', 'kmeans'];

/**
 * `KBinsDiscretizer.bin_edges_` of one column (scikit-learn 1.2) from its present values in row
 * order (k-means sums in that order): `bins` + 1 edges from the minimum to the maximum, fewer where quantile or k-means
 * edges closer than 1e-8 are merged; `[-Infinity, Infinity]` (one bin) for a constant column.
 */
export function binEdges(values: Float64Array, bins: number, strategy: BinStrategy): Float64Array {
  const sorted = values.slice().sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (!(min < max)) return Float64Array.of(-Infinity, Infinity);
  if (strategy === 'uniform') return linspace(min, max, bins + 1);
  let edges: Float64Array;
  if (strategy === 'quantile') {
    edges = percentiles(sorted, linspace(0, 100, bins + 1));
  } else {
    const centers = kMeans1d(values, Math.min(bins, values.length), min, max).sort();
    edges = new Float64Array(centers.length + 1);
    for (let k = 1; k < centers.length; k++) edges[k] = (centers[k] + centers[k - 1]) * 0.5;
    edges[0] = min;
    edges[centers.length] = max;
  }
  // Bins narrower than 1e-8 are dropped (repeated quantiles of tied values, coinciding centres).
  const kept: number[] = [edges[0]];
  for (let k = 1; k < edges.length; k++) if (edges[k] - edges[k - 1] > 1e-8) kept.push(edges[k]);
  return Float64Array.from(kept);
}

/**
 * One-dimensional k-means as scikit-learn 1.2's `KMeans(n_clusters, init=uniform bin centres,
 * n_init=1)` runs it for `KBinsDiscretizer`: Lloyd iterations on the centred data, the distance
 * compared as ‖c‖² − 2xc (its GEMM form), empty clusters moved to the points farthest from their
 * centres, and a stop when labels repeat or the squared centre shift falls to 1e-4 × the variance.
 * `min` and `max` are the values' extremes. Returns the centres (unsorted).
 */
export function kMeans1d(values: Float64Array, k: number, min: number, max: number, maxIter = 300): Float64Array {
  const n = values.length;
  const mean = pairwiseSum(values) / n;
  const x = new Float64Array(n);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = values[i] - mean;
    sq[i] = x[i] * x[i];
  }
  // _tolerance: the column's variance (np.var, the same centring) times tol = 1e-4.
  const tol = (pairwiseSum(sq) / n) * 1e-4;

  const uniform = linspace(min, max, k + 1);
  let centers: Float64Array<ArrayBuffer> = new Float64Array(k);
  for (let j = 0; j < k; j++) centers[j] = (uniform[j + 1] + uniform[j]) * 0.5 - mean;
  const labels = new Int32Array(n).fill(-1);
  const previous = new Int32Array(n).fill(-1);
  let converged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    const next = lloydStep(x, centers, labels);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      const d = Math.sqrt((next[j] - centers[j]) * (next[j] - centers[j]));
      shift += d * d;
    }
    centers = next;
    if (labels.every((l, i) => l === previous[i])) {
      converged = true;
      break;
    }
    if (shift <= tol) break;
    previous.set(labels);
  }
  if (!converged) assign(x, centers, labels);
  for (let j = 0; j < k; j++) centers[j] += mean;
  return centers;
}

/**
 * Labels every point with its nearest centre by ‖c‖² − 2xc as sklearn's GEMM computes it, the
 * lower index winning a tie. Only the few centres next to x in sorted order can be nearest, so each
 * point compares those (a window wide enough for repeated centres): O(n log k), not O(nk).
 */
function assign(x: Float64Array, centers: Float64Array, labels: Int32Array): void {
  const k = centers.length;
  const order = Array.from(centers.keys()).sort((a, b) => centers[a] - centers[b] || a - b);
  const sorted = order.map((j) => centers[j]);
  const c2 = centers.map((c) => c * c);
  for (let i = 0; i < x.length; i++) {
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x[i]) lo = mid + 1;
      else hi = mid;
    }
    let best = Infinity;
    let label = -1;
    for (let s = Math.max(0, lo - 3); s < Math.min(k, lo + 3); s++) {
      const j = order[s];
      const d = c2[j] - 2 * (x[i] * centers[j]);
      if (d < best || (d === best && j < label)) {
        best = d;
        label = j;
      }
    }
    labels[i] = label;
  }
}

/** One Lloyd iteration: assign, relocate empty clusters, average (sum × (1 / count), as sklearn). */
function lloydStep(x: Float64Array, centers: Float64Array, labels: Int32Array): Float64Array<ArrayBuffer> {
  const k = centers.length;
  assign(x, centers, labels);
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < x.length; i++) {
    sums[labels[i]] += x[i];
    counts[labels[i]]++;
  }
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty.push(j);
  if (empty.length) {
    const distance = Float64Array.from(x, (v, i) => (v - centers[labels[i]]) ** 2);
    // The points farthest from their (old) centres, farthest first; none when every point sits on its centre.
    const far = Array.from(distance.keys()).sort((a, b) => distance[b] - distance[a] || a - b);
    if (distance[far[0]] > 0) {
      empty.forEach((j, e) => {
        const i = far[e];
        sums[labels[i]] -= x[i];
        counts[labels[i]]--;
        sums[j] = x[i];
        counts[j] = 1;
      });
    }
  }
  for (let j = 0; j < k; j++) if (counts[j] > 0) sums[j] *= 1 / counts[j];
  return sums;
}
