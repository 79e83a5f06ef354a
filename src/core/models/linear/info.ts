import type { ModelInfo } from '../modelInfo';
import { checkNetworkState } from '../networkState';

/** Catalog entries of the linear models: logistic regression and linear (ridge) regression. */

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
