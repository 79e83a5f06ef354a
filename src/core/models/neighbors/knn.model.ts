import { SaplingError } from '../../util/errors';
import { knnInfo } from './info';
import { rejectMissing } from '../missing';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { float32ToBase64 } from '../../util/base64';
import { buildKernelIndex } from './kernelSearch';
import { loadKnn } from './predict';
import type { KnnState } from './state';
export type { KnnState } from './state';

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
  load: async (fitted) => loadKnn(fitted, buildKernelIndex),
};
