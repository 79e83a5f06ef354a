import type { ModelInfo } from '../modelInfo';
import { checkNaiveBayesState } from './state';

/** Catalog entry of naive Bayes. */

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
