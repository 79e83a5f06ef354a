import { base64ToFloat32 } from '../../util/base64';
import type { FittedModel, Predictor } from '../model';
import { buildKdTree, nearestWithinRadius } from './kdtree';
import type { DbscanState, KMeansState, PcaFit } from './state';

/**
 * Prediction of the unsupervised families (k-means, DBSCAN, PCA) from their fitted state, shared by
 * the studio, the CLI and the runtime; it imports none of their fitting code (nor ml-matrix).
 */

/** Squared Euclidean distance from row `i` of X to centre `c` of C, by differences. */
export function dist2(X: Float32Array, i: number, C: Float64Array, c: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = X[i * d + j] - C[c * d + j];
    s += t * t;
  }
  return s;
}

/**
 * Labels each row with its nearest centre (lowest index on ties, float64 differences); returns the
 * inertia. Prediction uses this, so a model file gives the same clusters on every platform.
 */
export function assign(X: Float32Array, n: number, d: number, C: Float64Array, k: number, labels: Int32Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = dist2(X, i, C, 0, d);
    for (let c = 1; c < k; c++) {
      const v = dist2(X, i, C, c, d);
      if (v < bestDist) {
        bestDist = v;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDist;
  }
  return inertia;
}

/** Projects rows onto the fitted components: (x − mean) · axes, n × nComponents row-major. */
export function projectPca(fit: PcaFit, X: Float32Array, n: number, d: number): Float32Array {
  const k = fit.nComponents;
  const out = new Float32Array(n * k);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = X[i * d + j] - fit.mean[j];
    for (let c = 0; c < k; c++) {
      let s = 0;
      const o = c * d;
      for (let j = 0; j < d; j++) s += centred[j] * fit.components[o + j];
      out[i * k + c] = s;
    }
  }
  return out;
}

/** k-means' predictor: each row's nearest centre's index. */
export function loadKMeans(fitted: FittedModel): Predictor {
  const { k, centroids } = fitted.state as KMeansState;
  const C = Float64Array.from(centroids);
  return {
    outputs(X, n) {
      const labels = new Int32Array(n);
      assign(X, n, fitted.nFeatures, C, k, labels);
      return Float32Array.from(labels);
    },
    dispose() {},
  };
}

/**
 * DBSCAN's predictor: the cluster of a row's nearest core point within eps, or −1 (noise) when no
 * core point is that close.
 */
export function loadDbscan(fitted: FittedModel): Predictor {
  const state = fitted.state as DbscanState;
  const d = fitted.nFeatures;
  const points = base64ToFloat32(state.core, state.coreLabels.length * d);
  const tree = buildKdTree(points, state.coreLabels.length, d);
  return {
    outputs(X, n) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const nearest = nearestWithinRadius(tree, X, i * d, state.eps);
        out[i] = nearest < 0 ? -1 : state.coreLabels[nearest];
      }
      return out;
    },
    dispose() {},
  };
}

/** PCA's predictor: each row's coordinates on the kept components. */
export function loadPca(fitted: FittedModel): Predictor {
  return {
    outputs: (X, n) => projectPca(fitted.state as PcaFit, X, n, fitted.nFeatures),
    dispose() {},
  };
}
