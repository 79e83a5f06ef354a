import { type ParamSchema, type RawParams, appliesTo } from '../params';
import type { ModelTask } from '../problem';
import { SaplingError } from '../util/errors';
import { naiveBayesInfo } from './bayes/info';
import { ensembleForm, ensembleInfoOf } from './ensemble/info';
import { linearInfo, logisticInfo } from './linear/info';
import { mlpInfo } from './mlp/info';
import type { ModelInfo } from './modelInfo';
import { knnInfo } from './neighbors/info';
import { svmInfo } from './svm/info';
import { forestInfo, gbdtInfo, treeInfo } from './trees/info';
import { dbscanInfo, kmeansInfo, pcaInfo } from './unsupervised/info';

/** The families an ensemble can average: every model with a target. */
export const ENSEMBLE_MEMBERS: readonly ModelInfo[] = [logisticInfo, linearInfo, mlpInfo, treeInfo, forestInfo, gbdtInfo, knnInfo, naiveBayesInfo, svmInfo];

/** The soft-voting ensemble (see `ensemble/`): its schema holds its members' parameters. */
export const ensembleInfo = ensembleInfoOf(ENSEMBLE_MEMBERS);

/** Every model family, in the order the studio lists them. The registry holds their implementations. */
export const MODEL_CATALOG: readonly ModelInfo[] = [...ENSEMBLE_MEMBERS, kmeansInfo, dbscanInfo, pcaInfo, ensembleInfo];

/** Catalog entries of models that can do `task` (with a target, or clustering / projection). */
export function modelsForTask(task: ModelTask): ModelInfo[] {
  return MODEL_CATALOG.filter((m) => m.tasks.includes(task));
}

/**
 * The parameters a settings form shows for these values: the family's whole schema; for the
 * ensemble, the switches of the families that can do `task` and the settings of those switched on.
 */
export function formSchema(info: ModelInfo, values: RawParams, task: ModelTask): ParamSchema {
  return info.composite ? ensembleForm(info.schema, ENSEMBLE_MEMBERS, values, task) : schemaForTask(info.schema, task);
}

/** The parameters of a schema that act on `task` (a regression tree has no split criterion to choose). */
export function schemaForTask(schema: ParamSchema, task: ModelTask): ParamSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, spec]) => appliesTo(spec, task)));
}

/**
 * The model Sapling proposes for a task: the linear baseline that fits it; k-means for clustering
 * and PCA for projection.
 */
export function defaultModelFor(task: ModelTask): string {
  switch (task) {
    case 'regression':
      return 'linear';
    case 'clustering':
      return 'kmeans';
    case 'projection':
      return 'pca';
    default:
      return 'logistic';
  }
}

/**
 * Auto, offered beside the models (not one of them): compares every family that fits the task on
 * the same cross-validation folds, tunes the leaders, and trains the winner (see tune/auto.ts).
 */
export const autoInfo = {
  id: 'auto',
  label: 'Auto: compare every model, tune the best',
  help: 'Tries every model that fits the task with its default settings on the same cross-validation folds of the training rows, tunes the two best with the time left, and trains the winner, saying why it won. Among scores within one standard error of the best it takes the simpler model, since a small lead among many tries is often luck. The leaderboard shows on Evaluate; any of its models can be trained from there.',
  tasks: ['binary', 'multiclass', 'regression'],
  schema: {
    budget: { type: 'number', label: 'Time budget (seconds)', default: 60, min: 5, max: 3600, integer: true, help: 'Comparing and tuning stop starting new runs after this long; the winner is then trained once more on all training rows.' },
    folds: { type: 'number', label: 'Cross-validation folds', default: 5, min: 2, max: 10, integer: true, help: 'Each model is scored on this many folds of the training rows; more folds are steadier and slower.' },
    trials: { type: 'number', label: 'Tuning trials per model', default: 0, min: 0, max: 1000, integer: true, help: '0 lets the time budget decide how far Auto gets. A number compares every model and tries that many settings of each of the two leaders (fewer if a model has fewer), ignoring the clock, so the same data and seed choose the same model on any machine.' },
  },
} as const satisfies ModelInfo;

/** A model's catalog entry, or Auto's. */
export function choiceInfo(id: string): ModelInfo {
  return id === autoInfo.id ? autoInfo : getModelInfo(id);
}

/** The catalog entry for `id`; an error listing the known ids otherwise. */
export function getModelInfo(id: string): ModelInfo {
  const info = MODEL_CATALOG.find((m) => m.id === id);
  if (!info) throw new SaplingError('unknown-model', `unknown model "${id}" (known: ${MODEL_CATALOG.map((m) => m.id).join(', ')})`);
  return info;
}

/** A family's label inside a sentence: "neural network (MLP)", "random forest". */
export function labelInSentence(id: string): string {
  const label = getModelInfo(id).label;
  return label[0].toLowerCase() + label.slice(1);
}
