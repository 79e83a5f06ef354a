import type { Neighbors } from './search';

/** How neighbours count: all alike, or by the inverse of their distance. */
export type Weighting = 'uniform' | 'distance';

/**
 * Model outputs from each query's neighbours, as scikit-learn's KNeighborsClassifier /
 * KNeighborsRegressor compute them: per-class (weighted) vote shares, row-major with one column per
 * class, when `classes > 0`; otherwise the (weighted) mean of the neighbours' targets. With
 * distance weights, a query that coincides with training rows (distance 0) takes its answer from
 * those rows alone, each weighing 1, rather than dividing by zero.
 */
export function voteOutputs(neighbors: Neighbors, m: number, y: Float32Array, classes: number, weighting: Weighting): Float32Array {
  const { k, index, distance } = neighbors;
  const width = classes > 0 ? classes : 1;
  const out = new Float32Array(m * width);
  const acc = new Float64Array(width);
  const w = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    neighborWeights(distance, i * k, k, weighting, w);
    acc.fill(0);
    let total = 0;
    for (let r = 0; r < k; r++) {
      const target = y[index[i * k + r]];
      if (classes > 0) acc[target] += w[r];
      else acc[0] += w[r] * target;
      total += w[r];
    }
    for (let c = 0; c < width; c++) out[i * width + c] = acc[c] / total;
  }
  return out;
}

/** Weights of one query's k neighbours (distances from `at`) into `w`. */
function neighborWeights(distance: Float64Array, at: number, k: number, weighting: Weighting, w: Float64Array): void {
  if (weighting === 'uniform') {
    w.fill(1);
    return;
  }
  let exact = false;
  for (let r = 0; r < k; r++) if (distance[at + r] === 0) exact = true;
  for (let r = 0; r < k; r++) {
    const dist = distance[at + r];
    w[r] = exact ? (dist === 0 ? 1 : 0) : 1 / dist;
  }
}
