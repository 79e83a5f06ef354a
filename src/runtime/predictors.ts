import { loadNaiveBayes } from '../core/models/bayes/predict';
import { loadEnsemble } from '../core/models/ensemble/predict';
import type { FittedModel, Predictor } from '../core/models/model';
import { loadKnn } from '../core/models/neighbors/predict';
import { networkPredictor } from '../core/models/networkForward';
import { loadSvm } from '../core/models/svm/predict';
import { loadBoosting, loadTreeEnsemble } from '../core/models/trees/predict';
import { loadDbscan, loadKMeans, loadPca } from '../core/models/unsupervised/predict';
import { SaplingError } from '../core/util/errors';

/** Makes a family's predictor from its fitted model (the model file's `model`, already validated). */
export type PredictorLoader = (fitted: FittedModel) => Predictor | Promise<Predictor>;

/**
 * Every family's prediction, by family id: the runtime's counterpart of the core registry, holding
 * only each family's `predict.ts` (no fitting code, no TF.js, no WebAssembly kernels), so that the
 * built runtime stays one small module. Each entry is what the family's `load` runs in the studio
 * and the CLI (k nearest neighbours there also use the WebAssembly kernels, which give the same
 * neighbours), so predictions agree everywhere.
 */
export const PREDICTORS: Readonly<Record<string, PredictorLoader>> = {
  logistic: networkPredictor,
  linear: networkPredictor,
  mlp: networkPredictor,
  tree: loadTreeEnsemble,
  forest: loadTreeEnsemble,
  gbdt: loadBoosting,
  knn: (fitted) => loadKnn(fitted),
  'naive-bayes': loadNaiveBayes,
  svm: loadSvm,
  kmeans: loadKMeans,
  dbscan: loadDbscan,
  pca: loadPca,
  ensemble: (fitted) => loadEnsemble(fitted, async (member) => loadPredictor(member)),
};

/** The predictor of a fitted model of any family; an error listing the known ids otherwise. */
export async function loadPredictor(fitted: FittedModel): Promise<Predictor> {
  const load = Object.hasOwn(PREDICTORS, fitted.model) ? PREDICTORS[fitted.model] : undefined;
  if (!load) throw new SaplingError('unknown-model', `unknown model "${fitted.model}" (known: ${Object.keys(PREDICTORS).join(', ')})`);
  return load(fitted);
}
