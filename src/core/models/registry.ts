import { SaplingError } from '../util/errors';
import { naiveBayesModel } from './bayes/naiveBayes.model';
import { ensembleModel } from './ensemble/ensemble.model';
import { linearInfo, logisticInfo } from './linear/info';
import { mlpInfo } from './mlp/info';
import type { ModelInfo } from './modelInfo';
import type { ModelDefinition } from './definition';
import { networkPredictor } from './networkForward';
import { knnModel } from './neighbors/knn.model';
import { svmModel } from './svm/svm.model';
import { forestModel } from './trees/forest.model';
import { gbdtModel } from './trees/gbdt.model';
import { treeModel } from './trees/tree.model';
import { dbscanModel } from './unsupervised/dbscan.model';
import { kmeansModel } from './unsupervised/kmeans.model';
import { pcaModel } from './unsupervised/pca.model';

/**
 * A TF.js network family, whose fitting code loads on first use so that training or predicting with
 * a tree or a clustering model never loads TF.js (a third of a second in Node). Predicting runs the
 * hand-written forward pass over the saved weights (networkForward.ts): it never loads TF.js either.
 */
function lazy(info: ModelInfo, implementation: () => Promise<ModelDefinition>): ModelDefinition {
  return {
    ...info,
    fit: async (...args) => (await implementation()).fit(...args),
    load: async (fitted) => networkPredictor(fitted),
  };
}

/** Every model family, by id. The studio lists them in this order. */
export const MODEL_REGISTRY: readonly ModelDefinition[] = [
  lazy(logisticInfo, async () => (await import('./linear/logistic')).logisticModel as unknown as ModelDefinition),
  lazy(linearInfo, async () => (await import('./linear/linear')).linearModel as unknown as ModelDefinition),
  lazy(mlpInfo, async () => (await import('./mlp/mlp')).mlpModel as unknown as ModelDefinition),
  treeModel as unknown as ModelDefinition,
  forestModel as unknown as ModelDefinition,
  gbdtModel as unknown as ModelDefinition,
  knnModel as unknown as ModelDefinition,
  naiveBayesModel as unknown as ModelDefinition,
  svmModel as unknown as ModelDefinition,
  kmeansModel as unknown as ModelDefinition,
  dbscanModel as unknown as ModelDefinition,
  pcaModel as unknown as ModelDefinition,
  // Made of the families above, found through getModel when it fits or loads.
  ensembleModel((id) => getModel(id)) as unknown as ModelDefinition,
];

/** The model registered under `id`; an error listing the known ids otherwise. */
export function getModel(id: string): ModelDefinition {
  const model = MODEL_REGISTRY.find((m) => m.id === id);
  if (!model) throw new SaplingError('unknown-model', `unknown model "${id}" (known: ${MODEL_REGISTRY.map((m) => m.id).join(', ')})`);
  return model;
}
