import type { ModelInfo } from '../modelInfo';
import { checkKnnState } from './state';

/** Catalog entry of k nearest neighbours. */

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
