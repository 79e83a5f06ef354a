import type { RawParams } from '../src/core/params';
import type { Task } from '../src/core/problem';

/**
 * Sapling's parameters in scikit-learn's terms, per family: what each Sapling default would be called
 * and worth in the scikit-learn estimator the accuracy benchmark compares it with. A family missing
 * here is still benchmarked; its note says its defaults were not compared.
 */
type ToSklearn = (p: RawParams, task: Task, nTrain: number) => Record<string, unknown>;

const depth = (d: unknown) => (d === 0 ? null : d);
const onlyIf = (cond: boolean, entry: Record<string, unknown>) => (cond ? entry : {});

/** Sapling's `maxFeatures` choice as scikit-learn's `max_features` (1.0 = all features). */
function maxFeatures(choice: unknown, task: Task): unknown {
  if (choice === 'all') return 1.0;
  if (choice === 'auto') return task === 'regression' ? 1.0 : 'sqrt';
  return choice;
}

export const SKLEARN_NAMES: Readonly<Record<string, ToSklearn>> = {
  logistic: (p) => ({ C: p.C, max_iter: p.maxIterations, tol: p.tolerance }),
  // LinearRegression has no penalty: a ridge alpha shows up as a parameter scikit-learn lacks.
  linear: (p) => onlyIf(p.alpha !== 0, { alpha: p.alpha }),
  mlp: (p, _task, n) => ({
    hidden_layer_sizes: Array.from({ length: Number(p.layers) }, () => p.units),
    activation: p.activation,
    alpha: p.l2,
    learning_rate_init: p.learningRate,
    max_iter: p.epochs,
    batch_size: Math.min(Number(p.batchSize), n),
    early_stopping: p.earlyStopping,
    ...onlyIf(p.earlyStopping === true, { validation_fraction: p.validationFraction }),
    n_iter_no_change: p.patience,
    ...onlyIf(p.dropout !== 0, { dropout: p.dropout }),
  }),
  tree: (p, task) => ({
    ...onlyIf(task !== 'regression', { criterion: p.criterion }),
    max_depth: depth(p.maxDepth),
    min_samples_split: p.minSamplesSplit,
    min_samples_leaf: p.minSamplesLeaf,
    max_features: p.maxFeatures === 'all' ? null : p.maxFeatures,
  }),
  forest: (p, task) => ({
    n_estimators: p.trees,
    max_features: maxFeatures(p.maxFeatures, task),
    max_depth: depth(p.maxDepth),
    min_samples_split: p.minSamplesSplit,
    min_samples_leaf: p.minSamplesLeaf,
    bootstrap: p.bootstrap,
    ...onlyIf(task !== 'regression', { criterion: p.criterion }),
  }),
  gbdt: (p) => ({
    max_iter: p.rounds,
    learning_rate: p.learningRate,
    max_leaf_nodes: p.leaves,
    max_depth: depth(p.maxDepth),
    min_samples_leaf: p.minSamplesLeaf,
    l2_regularization: p.l2,
    max_bins: p.bins,
    early_stopping: p.earlyStopping,
    ...onlyIf(p.earlyStopping === true, { validation_fraction: p.validationFraction, n_iter_no_change: p.patience }),
    // scikit-learn 1.2's HistGradientBoosting has no row or column subsampling.
    ...onlyIf(p.rowSubsample !== 1, { subsample: p.rowSubsample }),
    ...onlyIf(p.colSubsample !== 1, { colsample: p.colSubsample }),
  }),
  knn: (p) => ({ n_neighbors: p.k, weights: p.weights, metric: p.metric }),
  'naive-bayes': (p) => ({ var_smoothing: p.varSmoothing, ...onlyIf(p.distribution !== 'gaussian', { distribution: p.distribution }) }),
  svm: (p) => ({ C: p.C, loss: p.loss, max_iter: p.maxIterations, tol: p.tolerance }),
};

/**
 * The Sapling defaults that differ from scikit-learn's, as `name Sapling/scikit-learn` items
 * (`—` where scikit-learn has no such parameter); null when the family has no map above.
 */
export function defaultDifferences(family: string, params: RawParams, task: Task, nTrain: number, sklearn: Record<string, unknown>): string[] | null {
  const toSklearn = SKLEARN_NAMES[family];
  if (!toSklearn) return null;
  const out: string[] = [];
  for (const [name, ours] of Object.entries(toSklearn(params, task, nTrain))) {
    const theirs = name in sklearn ? sklearn[name] : undefined;
    if (theirs !== undefined && same(ours, theirs)) continue;
    out.push(`${name} ${show(ours)}/${theirs === undefined ? '—' : show(theirs)}`);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.join('×');
  if (v === true) return 'on';
  if (v === false) return 'off';
  if (v === null) return 'none';
  return String(v);
}
