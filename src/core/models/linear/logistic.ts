import { CancelledError } from '../../util/errors';
import { coefficientImportance } from '../importance';
import { logisticInfo } from './info';
import { rejectMissing } from '../missing';
import type { EpochLog } from '../model';
import type { ModelDefinition } from '../definition';
import { denseNetwork, serializeNetwork } from '../network';
import { networkPredictor } from '../networkForward';
import { minimizeLbfgs } from '../optim/lbfgs';
import { logisticObjective } from './objectives';


/**
 * Logistic regression (two classes) and softmax regression (more), L2-regularised as scikit-learn's
 * `LogisticRegression(C=…)`, solved by L-BFGS and stored as a one-layer TF.js network. NaN
 * features are refused at fit and at predict.
 */
export const logisticModel: ModelDefinition<typeof logisticInfo.schema> = {
  ...logisticInfo,
  load: async (fitted) => networkPredictor(fitted),
  async fit(train, target, params, ctx) {
    rejectMissing(train.X, train.n, train.d, logisticInfo.label, 'training');
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
        state: { network: await serializeNetwork(model, output) },
        history,
        stopReason: result.converged ? `converged after ${result.iterations} iterations` : `stopped at the limit of ${result.iterations} iterations`,
        importance: coefficientImportance((j, c) => kernel[j * k + c], d, k),
      };
    } finally {
      model.dispose();
    }
  },
};
