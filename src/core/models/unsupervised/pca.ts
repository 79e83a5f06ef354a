import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { SaplingError } from '../../util/errors';
import type { PcaFit } from './state';
import { projectPca } from './predict';

// Prediction's half (the projection) lives in predict.ts, which the runtime reads without ml-matrix.
export { projectPca };
export type { PcaFit } from './state';

/**
 * PCA by eigendecomposition of the covariance matrix. With n ≫ d (the tabular case) this is one
 * pass over the rows plus a d × d problem, instead of an SVD of the whole n × d matrix; the
 * symmetric solver is ml-matrix's (JAMA's tridiagonal QL). `keep` is a component count (≥ 1) or a
 * share of variance to reach (0 < keep < 1), as scikit-learn's `n_components`.
 */
export function fitPca(X: Float32Array, n: number, d: number, keep: number): PcaFit {
  if (n < 2) throw new SaplingError('too-few-rows', `PCA needs at least 2 rows, got ${n}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = covariance(X, n, d, mean);
  const evd = new EigenvalueDecomposition(new Matrix(cov), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
  const variance = order.map((c) => Math.max(0, values[c]));
  const total = variance.reduce((a, b) => a + b, 0);
  const ratio = variance.map((v) => (total > 0 ? v / total : 0));
  const count = componentsToKeep(keep, ratio, d);
  const components: number[] = [];
  for (let c = 0; c < count; c++) {
    const axis = Array.from({ length: d }, (_, j) => vectors.get(j, order[c]));
    // Eigenvectors have no sign; fixing the largest loading positive makes results repeatable.
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(axis[j]) > Math.abs(axis[big])) big = j;
    const sign = axis[big] < 0 ? -1 : 1;
    for (const v of axis) components.push(sign * v);
  }
  return { mean: Array.from(mean), components, nComponents: count, explainedVariance: variance.slice(0, count), explainedVarianceRatio: ratio };
}

/** Number of components for `keep`: a count (capped at d) or the fewest reaching a variance share. */
function componentsToKeep(keep: number, ratio: number[], d: number): number {
  if (keep >= 1) return Math.min(d, Math.floor(keep));
  let sum = 0;
  for (let c = 0; c < ratio.length; c++) {
    sum += ratio[c];
    if (sum >= keep - 1e-12) return c + 1;
  }
  return d;
}

/** The sample covariance matrix (n − 1 denominator), accumulated in float64 over centred rows. */
function covariance(X: Float32Array, n: number, d: number, mean: Float64Array): number[][] {
  const acc = new Float64Array(d * d);
  // Four centred rows at a time: each cell of the upper triangle is read and written once per
  // four rows instead of once per row (the loop is bound by those memory round trips).
  const rows = new Float64Array(4 * d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    for (let k = 0; k < 4; k++) {
      const o = (i + k) * d;
      for (let j = 0; j < d; j++) rows[k * d + j] = X[o + j] - mean[j];
    }
    for (let a = 0; a < d; a++) {
      const r0 = rows[a];
      const r1 = rows[d + a];
      const r2 = rows[2 * d + a];
      const r3 = rows[3 * d + a];
      const base = a * d;
      for (let b = a; b < d; b++) acc[base + b] += r0 * rows[b] + r1 * rows[d + b] + r2 * rows[2 * d + b] + r3 * rows[3 * d + b];
    }
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) rows[j] = X[o + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = rows[a];
      const base = a * d;
      for (let b = a; b < d; b++) acc[base + b] += ra * rows[b];
    }
  }
  const out: number[][] = [];
  for (let a = 0; a < d; a++) {
    out.push(new Array<number>(d));
    for (let b = 0; b < d; b++) out[a][b] = (a <= b ? acc[a * d + b] : acc[b * d + a]) / (n - 1);
  }
  return out;
}
