import type { ModelInfo } from '../modelInfo';
import { checkNetworkState } from '../networkState';
import { mlpSchema } from './schema';

/** Catalog entry of the neural network (its parameters live in `schema.ts`). */

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
