import type { ParamsOf } from '../../params';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { pcaInfo } from './info';
import { type PcaFit, fitPca } from './pca';
import { loadPca } from './predict';
import type { PcaSummary } from './summary';

type PcaParams = ParamsOf<typeof pcaInfo.schema>;

/** Principal component analysis; predicting gives each row's coordinates on the kept components. */
export const pcaModel: ModelDefinition<typeof pcaInfo.schema> = {
  ...pcaInfo,
  async fit(train, target, params: PcaParams): Promise<FittedModel<PcaFit>> {
    const fit = fitPca(train.X, train.n, train.d, params.components);
    const kept = fit.explainedVarianceRatio.slice(0, fit.nComponents).reduce((a, b) => a + b, 0);
    return {
      model: 'pca',
      params,
      task: target.task,
      classes: [],
      nFeatures: train.d,
      state: fit,
      history: [],
      stopReason: `kept ${fit.nComponents} of ${train.d} components, explaining ${(kept * 100).toFixed(1)}% of the variance`,
    };
  },
  load: async (fitted) => loadPca(fitted),
  async summarise(fitted): Promise<PcaSummary> {
    const fit = fitted.state as PcaFit;
    let sum = 0;
    return {
      kind: 'pca',
      components: fit.nComponents,
      explained_variance_ratio: fit.explainedVarianceRatio,
      cumulative_variance_ratio: fit.explainedVarianceRatio.map((r) => (sum += r)),
      loadings: fit.components,
    };
  },
};
