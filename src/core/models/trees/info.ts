import type { ModelInfo } from '../modelInfo';
import { checkBoostingState, checkTreeEnsembleState } from './state';

/** Catalog entries of the tree families (a tree, the forest, gradient boosting), with the tree parameters they share. */

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
