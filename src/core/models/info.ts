import { type ParamSchema, type RawParams, appliesTo } from '../params';
import type { ModelTask } from '../problem';
import { SaplingError } from '../util/errors';
import { ensembleForm, ensembleInfoOf } from './ensemble/info';
import { mlpSchema } from './mlp/schema';
import { dbscanInfo, kmeansInfo, pcaInfo } from './unsupervised/info';
import { checkNaiveBayesState } from './bayes/state';
import { checkNetworkState } from './networkState';
import { checkKnnState } from './neighbors/state';
import type { ModelInfo } from './modelInfo';
import { checkSvmState } from './svm/state';
import { checkBoostingState, checkTreeEnsembleState } from './trees/state';

export const logisticInfo = {
  id: 'logistic',
  label: 'Logistic regression',
  help: 'A linear model of class probabilities. Fast, hard to overfit, and its weights say how each feature pushes the prediction. A good first model for any classification problem.',
  tfjs: true,
  checkState: checkNetworkState,
  tasks: ['binary', 'multiclass'],
  handlesMissing: false,
  schema: {
    C: {
      tune: { min: 1e-3, max: 100, log: true },
      type: 'number',
      label: 'C (inverse regularisation)',
      default: 1,
      min: 1e-4,
      max: 1e4,
      log: true,
      help: 'Smaller values keep the weights small and the model simpler (less overfitting); larger values fit the training data more closely.',
    },
    maxIterations: {
      type: 'number',
      label: 'Maximum iterations',
      default: 200,
      min: 1,
      max: 10000,
      integer: true,
      help: 'Upper bound on optimiser steps (L-BFGS). Training usually stops earlier, when the loss stops improving.',
    },
    tolerance: {
      type: 'number',
      label: 'Tolerance',
      default: 1e-5,
      min: 1e-10,
      max: 1e-1,
      log: true,
      help: 'Training stops once no weight’s gradient is larger than this.',
    },
  },
} as const satisfies ModelInfo;

export const linearInfo = {
  id: 'linear',
  label: 'Linear regression',
  help: 'Predicts a number as a weighted sum of the features. Exact, instant, and easy to read; the baseline every regression model should beat.',
  tfjs: true,
  checkState: checkNetworkState,
  tasks: ['regression'],
  handlesMissing: false,
  schema: {
    alpha: {
      tune: { values: [0, 0.01, 0.1, 1, 10, 100] },
      type: 'number',
      label: 'Ridge penalty (alpha)',
      default: 0,
      min: 0,
      max: 1e6,
      off: { value: 0, label: 'no penalty' },
      help: '0 is ordinary least squares. A positive value shrinks the weights (ridge regression), which helps when features are many or strongly correlated.',
    },
  },
} as const satisfies ModelInfo;

export const mlpInfo = {
  id: 'mlp',
  label: 'Neural network (MLP)',
  help: 'Layers of neurons that can learn non-linear patterns and interactions between features. Needs scaled inputs and more data than a linear model; watch the loss chart for overfitting.',
  tfjs: true,
  checkState: checkNetworkState,
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: false,
  schema: mlpSchema,
} as const satisfies ModelInfo;

const maxDepthParam = {
  type: 'number',
  label: 'Maximum depth',
  default: 0,
  min: 0,
  max: 100,
  integer: true,
  off: { value: 0, label: 'no limit' },
  help: 'How many questions deep a tree may go; 0 means no limit. Shallow trees are easy to read and generalise; deep ones memorise the training data.',
} as const;

const minSamplesLeafParam = {
  type: 'number',
  label: 'Minimum samples per leaf',
  default: 1,
  min: 1,
  max: 100000,
  integer: true,
  help: 'Every final group must hold at least this many training rows. Larger values smooth the model and curb overfitting.',
} as const;

const minSamplesSplitParam = {
  type: 'number',
  label: 'Minimum samples to split',
  default: 2,
  min: 2,
  max: 100000,
  integer: true,
  help: 'A group of fewer training rows than this is not split further.',
} as const;

const criterionParam = {
  type: 'choice',
  label: 'Split quality',
  tasks: ['binary', 'multiclass'],
  default: 'gini',
  options: [
    { value: 'gini', label: 'Gini impurity' },
    { value: 'entropy', label: 'Entropy (information gain)' },
  ],
  help: 'How a split is judged for classification; the two usually agree. Regression always uses squared error.',
} as const;

export const treeInfo = {
  id: 'tree',
  label: 'Decision tree',
  help: 'A flowchart of yes/no questions about the features, learned from the data (CART). Easy to read and to explain; a single deep tree overfits, so limit its depth or use a forest.',
  checkState: checkTreeEnsembleState,
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: true,
  schema: {
    criterion: { ...criterionParam, tune: true },
    maxDepth: { ...maxDepthParam, tune: { values: [0, 3, 5, 8, 12, 20] } },
    minSamplesSplit: minSamplesSplitParam,
    minSamplesLeaf: { ...minSamplesLeafParam, tune: { min: 1, max: 50, log: true } },
    maxFeatures: {
      type: 'choice',
      label: 'Features tried per split',
      default: 'all',
      options: [
        { value: 'all', label: 'All features' },
        { value: 'sqrt', label: 'Square root of the count (random)' },
        { value: 'log2', label: 'Log2 of the count (random)' },
      ],
      help: 'Trying only a random subset of features at each split makes trees differ from one another; useful in forests, rarely for a single tree.',
    },
  },
} as const satisfies ModelInfo;

export const forestInfo = {
  id: 'forest',
  label: 'Random forest',
  help: 'Many decision trees, each grown on a bootstrap sample of the rows with a random subset of features at every split, voting together. Strong with little tuning, robust to outliers and scale; its out-of-bag score is a free held-out estimate.',
  checkState: checkTreeEnsembleState,
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: true,
  schema: {
    trees: { type: 'number', label: 'Trees', default: 100, min: 1, max: 2000, integer: true, help: 'More trees give steadier predictions and take longer; returns fade after a few hundred.' },
    maxFeatures: {
      type: 'choice',
      label: 'Features tried per split',
      default: 'auto',
      options: [
        { value: 'auto', label: 'Automatic (√ for classification, all for regression)' },
        { value: 'sqrt', label: 'Square root of the count' },
        { value: 'log2', label: 'Log2 of the count' },
        { value: 'all', label: 'All features (bagging)' },
      ],
      help: 'Fewer features per split make the trees more different from each other, which is what makes the vote work.',
      tune: true,
    },
    maxDepth: { ...maxDepthParam, tune: { values: [0, 8, 16, 32] } },
    minSamplesSplit: minSamplesSplitParam,
    minSamplesLeaf: { ...minSamplesLeafParam, tune: { min: 1, max: 20, log: true } },
    bootstrap: { type: 'boolean', label: 'Bootstrap samples', default: true, help: 'Grow each tree on rows drawn with replacement; the rows a tree never saw give the out-of-bag score.' },
    criterion: criterionParam,
  },
} as const satisfies ModelInfo;

export const gbdtInfo = {
  id: 'gbdt',
  label: 'Gradient boosting',
  help: 'Trees added one after another, each correcting the errors of those before (histogram gradient boosting, as LightGBM and scikit-learn do it). Usually the most accurate model for tables; watch the validation loss to see when more rounds stop helping.',
  checkState: checkBoostingState,
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: true,
  schema: {
    rounds: { type: 'number', label: 'Boosting rounds', default: 100, min: 1, max: 5000, integer: true, help: 'How many trees are added (one per class per round for multiclass). Early stopping usually ends sooner.' },
    learningRate: { tune: { min: 0.01, max: 0.3, log: true }, type: 'number', label: 'Learning rate', default: 0.1, min: 0.001, max: 1, log: true, help: 'How much each tree corrects; smaller values need more rounds but generalise better.' },
    leaves: { tune: { min: 8, max: 128, log: true }, type: 'number', label: 'Leaves per tree', default: 31, min: 2, max: 1024, integer: true, help: 'Trees grow leaf by leaf, always splitting where the loss drops most, up to this many leaves. More leaves capture more interactions.' },
    maxDepth: { ...maxDepthParam, help: 'Depth limit of each tree; 0 means only the leaf count limits it.' },
    minSamplesLeaf: { ...minSamplesLeafParam, default: 20, tune: { min: 5, max: 100, log: true }, help: 'Every leaf must hold at least this many training rows; guards against fitting noise.' },
    l2: { tune: { values: [0, 0.1, 1, 10] }, type: 'number', label: 'L2 regularisation', default: 0, min: 0, max: 1000, off: { value: 0, label: 'none' }, help: 'Shrinks leaf values towards zero (λ); a little (1–10) helps on noisy data.' },
    rowSubsample: { type: 'number', label: 'Row subsample', default: 1, min: 0.05, max: 1, help: 'Share of rows each tree learns from, drawn afresh per round; below 1 it adds helpful randomness.' },
    colSubsample: { tune: { min: 0.5, max: 1 }, type: 'number', label: 'Column subsample', default: 1, min: 0.05, max: 1, help: 'Share of features each tree may use, drawn afresh per tree.' },
    bins: { type: 'number', label: 'Bins per feature', default: 255, min: 4, max: 255, integer: true, help: 'Numbers are grouped into at most this many bins before training; fewer bins train faster and smooth more.' },
    earlyStopping: { type: 'boolean', label: 'Early stopping', default: true, help: 'Holds out part of the training rows and stops adding trees when their loss stops improving, keeping the best round.' },
    validationFraction: { type: 'number', label: 'Validation fraction', default: 0.1, min: 0.05, max: 0.5, help: 'Share of training rows held out for early stopping.' },
    patience: { type: 'number', label: 'Patience (rounds)', default: 10, min: 1, max: 1000, integer: true, help: 'Rounds without improvement in validation loss before boosting stops.' },
  },
} as const satisfies ModelInfo;

export const knnInfo = {
  id: 'knn',
  label: 'k nearest neighbours',
  help: 'Predicts from the k training rows most like the new one: their majority class (the probabilities are the vote shares) or the mean of their values. Training only remembers the rows, so it is instant, but every prediction compares the new row with all of them: it slows down on big training sets and suffers from many irrelevant features. Scale the features first, or the columns with large numbers decide the distances. Cannot take missing values.',
  checkState: checkKnnState,
  tasks: ['binary', 'multiclass', 'regression'],
  handlesMissing: false,
  trainMetricsRows: 10_000,
  schema: {
    k: {
      tune: { min: 1, max: 50, log: true },
      type: 'number',
      label: 'Neighbours (k)',
      default: 5,
      min: 1,
      max: 1000,
      integer: true,
      help: 'How many of the closest training rows have a say. A small k follows the data closely, noise included; a larger k gives smoother predictions. A k above the number of training rows lets every row vote.',
    },
    weights: {
      tune: true,
      type: 'choice',
      label: 'Votes',
      default: 'uniform',
      options: [
        { value: 'uniform', label: 'Equal votes' },
        { value: 'distance', label: 'Closer rows count more (1 / distance)' },
      ],
      help: 'With distance weighting nearer neighbours count more, and a new row identical to some training rows takes their answer. Ties between equally distant rows go to the earlier training row.',
    },
    metric: {
      tune: true,
      type: 'choice',
      label: 'Distance',
      default: 'euclidean',
      options: [
        { value: 'euclidean', label: 'Euclidean (straight line)' },
        { value: 'manhattan', label: 'Manhattan (sum of absolute differences)' },
      ],
      help: 'How closeness is measured. Manhattan is swayed less by a single feature that is far off.',
    },
  },
} as const satisfies ModelInfo;

export const naiveBayesInfo = {
  id: 'naive-bayes',
  label: 'Naive Bayes',
  help: 'Scores each class by how typical every feature value is of it, as if the features were independent within a class, and combines the scores by Bayes’ rule with the class frequencies. Trains in one pass, copes with few rows and many features, and is a sound baseline for one-hot or text-like data; its probabilities are too extreme when features are correlated. Cannot take missing values.',
  checkState: checkNaiveBayesState,
  tasks: ['binary', 'multiclass'],
  handlesMissing: false,
  schema: {
    distribution: {
      tune: true,
      type: 'choice',
      label: 'Feature distribution',
      default: 'gaussian',
      options: [
        { value: 'gaussian', label: 'Gaussian (a bell curve per feature)' },
        { value: 'auto', label: 'Auto: one-hot columns categorical, other 0/1 columns yes/no, the rest Gaussian' },
      ],
      help: 'Gaussian models every feature as a bell curve per class (scikit-learn’s GaussianNB). Auto reads the one-hot indicators of a category column together, as one categorical feature with a per-class frequency for each category (scikit-learn’s CategoricalNB); other columns whose training values are all 0 or 1 as yes/no features (BernoulliNB; at prediction a value above 0.5 counts as yes); and the rest as Gaussian.',
    },
    varSmoothing: {
      tune: { min: 1e-12, max: 1e-2, log: true },
      type: 'number',
      label: 'Variance smoothing',
      default: 1e-9,
      min: 1e-15,
      max: 1,
      log: true,
      help: 'This share of the largest Gaussian feature variance is added to every variance (scikit-learn’s var_smoothing), so a constant feature never divides by zero; when every feature is constant the share is of 1. Raise it to widen the bell curves.',
    },
    alpha: {
      type: 'number',
      label: 'Laplace smoothing (alpha)',
      default: 1,
      min: 1e-6,
      max: 100,
      log: true,
      help: 'Pseudo-count added to the yes and the no count of each 0/1 feature (Auto only), so a value never seen with a class does not rule that class out.',
    },
  },
} as const satisfies ModelInfo;

export const svmInfo = {
  id: 'svm',
  label: 'Linear SVM',
  help: 'A linear boundary placed with the widest margin between the classes (a linear support vector machine trained as liblinear’s LinearSVC: squared hinge loss by default, one-vs-rest for more than two classes). Prefer it with many features, text-like or one-hot data, and classes that a straight boundary nearly separates. Its probabilities come from Platt scaling (a sigmoid per class fitted to the training rows’ decision values, normalised across classes), so they rank well but are rough and often too confident: prefer logistic regression when you need calibrated probabilities. Scale the features first. Cannot take missing values.',
  checkState: checkSvmState,
  tasks: ['binary', 'multiclass'],
  handlesMissing: false,
  schema: {
    C: {
      tune: { min: 1e-3, max: 100, log: true },
      type: 'number',
      label: 'C (inverse regularisation)',
      default: 1,
      min: 1e-4,
      max: 1e4,
      log: true,
      help: 'The price of a training row inside the margin or on the wrong side. Small C accepts more of them for a simpler, wider-margin boundary; large C tries to get every training row right.',
    },
    loss: {
      tune: true,
      type: 'choice',
      label: 'Loss',
      default: 'squared_hinge',
      options: [
        { value: 'squared_hinge', label: 'Squared hinge (LinearSVC’s default)' },
        { value: 'hinge', label: 'Hinge (the textbook SVM)' },
      ],
      help: 'Squared hinge punishes rows inside the margin smoothly and usually trains faster; hinge is the classic SVM loss, less swayed by rows far on the wrong side.',
    },
    maxIterations: {
      type: 'number',
      label: 'Maximum iterations',
      default: 1000,
      min: 1,
      max: 100000,
      integer: true,
      help: 'Upper bound on passes over the training rows per class (dual coordinate descent, Hsieh et al. 2008). Training usually stops earlier, at the tolerance.',
    },
    tolerance: {
      type: 'number',
      label: 'Tolerance',
      default: 1e-4,
      min: 1e-10,
      max: 1e-1,
      log: true,
      help: 'Training stops once the projected gradients of all rows lie within this of each other (liblinear’s stopping rule).',
    },
  },
} as const satisfies ModelInfo;

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
