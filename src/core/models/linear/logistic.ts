import { CancelledError } from '../../util/errors';
import type { EpochLog, ModelDefinition } from '../model';
import { denseNetwork, serializeNetwork } from '../network';
import { minimizeLbfgs } from '../optim/lbfgs';
import { logisticObjective } from './objectives';

const schema = {
  C: {
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
} as const;

/**
 * Logistic regression (two classes) and softmax regression (more), L2-regularised as scikit-learn's
 * `LogisticRegression(C=…)`, solved by L-BFGS and stored as a one-layer TF.js network.
 */
export const logisticModel: ModelDefinition<typeof schema> = {
  id: 'logistic',
  label: 'Logistic regression',
  help: 'A linear model of class probabilities. Fast, hard to overfit, and its weights say how each feature pushes the prediction. A good first model for any classification problem.',
  tasks: ['binary', 'multiclass'],
  schema,
  async fit(train, target, params, ctx) {
    const classes = target.classes.length;
    const k = classes === 2 ? 1 : classes;
    const { X, y, n, d } = train;
    const objective = logisticObjective(X, y, n, d, k, params.C);
    const history: EpochLog[] = [];
    const result = await minimizeLbfgs(objective, new Float64Array(d * k + k), {
      maxIterations: params.maxIterations,
      gradientTolerance: params.tolerance,
      onIteration: async (iteration, value) => {
        const log = { epoch: iteration, epochs: params.maxIterations, loss: value };
        history.push(log);
        ctx.onEpoch?.(log);
        await ctx.yieldToEvents?.();
        if (ctx.shouldStop?.()) throw new CancelledError();
      },
    });
    const kernel = Float32Array.from(result.w.subarray(0, d * k));
    const bias = Float32Array.from(result.w.subarray(d * k));
    const output = k === 1 ? 'sigmoid' : 'softmax';
    const model = denseNetwork(kernel, bias, d, k, output);
    try {
      return {
        model: 'logistic',
        params,
        task: target.task,
        classes: target.classes,
        nFeatures: d,
        network: await serializeNetwork(model, output),
        history,
        stopReason: result.converged ? `converged after ${result.iterations} iterations` : `stopped at the limit of ${result.iterations} iterations`,
      };
    } finally {
      model.dispose();
    }
  },
};
