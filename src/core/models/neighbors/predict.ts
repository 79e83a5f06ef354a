import { isClassification } from '../../problem';
import { base64ToFloat32 } from '../../util/base64';
import { knnInfo } from './info';
import { rejectMissing } from '../missing';
import type { FittedModel, Predictor } from '../model';
import { type Metric, type NeighborIndex, buildIndex, kNearest } from './search';
import type { KnnState } from './state';
import { type Weighting, voteOutputs } from './vote';

/** Query rows searched at a time. */
const CHUNK = 4096;

/** Lays out the remembered training rows for search (`buildIndex`, or one with the WebAssembly kernels). */
export type IndexBuilder = (X: Float32Array, n: number, d: number, metric: Metric) => NeighborIndex;

/**
 * k nearest neighbours' predictor from the fitted state (the remembered rows and targets): each
 * query's k nearest rows vote (classification) or are averaged (regression). NaN features are refused.
 */
export function loadKnn(fitted: FittedModel, build: IndexBuilder = buildIndex): Predictor {
  const state = fitted.state as KnnState;
  const d = fitted.nFeatures;
  const params = fitted.params as { k: number; weights: Weighting; metric: Metric };
  const X = base64ToFloat32(state.X, state.rows * d);
  const y = base64ToFloat32(state.y, state.rows);
  const index = build(X, state.rows, d, params.metric);
  const k = Math.min(params.k, state.rows);
  const classes = isClassification(fitted.task) ? fitted.classes.length : 0;
  return {
    outputs(Q, m) {
      rejectMissing(Q, m, d, knnInfo.label, 'prediction');
      const width = Math.max(classes, 1);
      const out = new Float32Array(m * width);
      // Chunks bound the neighbour lists (12 bytes × k per query) when k is large.
      for (let start = 0; start < m; start += CHUNK) {
        const rows = Math.min(CHUNK, m - start);
        const found = kNearest(index, Q.subarray(start * d, (start + rows) * d), rows, k);
        out.set(voteOutputs(found, rows, y, classes, params.weights), start * width);
      }
      return out;
    },
    dispose() {},
  };
}
