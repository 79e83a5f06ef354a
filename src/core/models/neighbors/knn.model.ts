import { isClassification } from '../../problem';
import { SaplingError } from '../../util/errors';
import { knnInfo } from '../info';
import { rejectMissing } from '../missing';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { base64ToFloat32, float32ToBase64 } from '../../util/base64';
import { type Metric, buildIndex, kNearest } from './search';
import { type Weighting, voteOutputs } from './vote';
import type { KnnState } from './state';
export type { KnnState } from './state';

/** Query rows searched at a time. */
const CHUNK = 4096;

/**
 * k nearest neighbours for classification and regression (scikit-learn's KNeighborsClassifier /
 * KNeighborsRegressor with the brute algorithm). Fitting stores the rows; prediction searches them
 * exactly (see search.ts). A k above the training row count uses every row, so even one training
 * row predicts (its own class or value). NaN features are refused at fit and at predict.
 */
export const knnModel: ModelDefinition<typeof knnInfo.schema> = {
  ...knnInfo,
  async fit(train, target, params): Promise<FittedModel<KnnState>> {
    const { X, y, n, d } = train;
    if (n === 0) throw new SaplingError('too-few-rows', 'no rows to fit k nearest neighbours on');
    rejectMissing(X, n, d, knnInfo.label, 'training');
    return {
      model: 'knn',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: d,
      state: { rows: n, X: float32ToBase64(X.subarray(0, n * d)), y: float32ToBase64(y.subarray(0, n)) },
      history: [],
      stopReason: `remembered ${n} training rows`,
    };
  },
  async load(fitted) {
    const state = fitted.state as KnnState;
    const d = fitted.nFeatures;
    const params = fitted.params as { k: number; weights: Weighting; metric: Metric };
    const X = base64ToFloat32(state.X, state.rows * d);
    const y = base64ToFloat32(state.y, state.rows);
    const index = buildIndex(X, state.rows, d, params.metric);
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
  },
};
