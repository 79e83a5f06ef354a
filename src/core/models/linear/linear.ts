import { coefficientImportance } from '../importance';
import { linearInfo } from './info';
import { rejectMissing } from '../missing';
import type { ModelDefinition } from '../definition';
import { denseNetwork, serializeNetwork } from '../network';
import { networkPredictor } from '../networkForward';
import { solveRidge } from './ridge';


/**
 * Linear regression (ordinary least squares, or ridge with `alpha > 0`, as scikit-learn's
 * `LinearRegression` / `Ridge`), solved exactly and stored as a one-layer TF.js network. NaN
 * features are refused; so is a single training row (its features are constant: a `singular` error).
 */
export const linearModel: ModelDefinition<typeof linearInfo.schema> = {
  ...linearInfo,
  load: async (fitted) => networkPredictor(fitted),
  async fit(train, target, params, ctx) {
    rejectMissing(train.X, train.n, train.d, linearInfo.label, 'training');
    const { w, b } = solveRidge(train.X, train.y, train.n, train.d, params.alpha);
    const model = denseNetwork(Float32Array.from(w), Float32Array.of(b), train.d, 1, 'linear');
    try {
      let sse = 0;
      for (let i = 0; i < train.n; i++) {
        let p = b;
        for (let j = 0; j < train.d; j++) p += w[j] * train.X[i * train.d + j];
        sse += (train.y[i] - p) ** 2;
      }
      const log = { epoch: 1, epochs: 1, loss: sse / train.n };
      ctx.onEpoch?.(log);
      return {
        model: 'linear',
        params,
        task: target.task,
        classes: [],
        nFeatures: train.d,
        state: { network: await serializeNetwork(model, 'linear') },
        history: [log],
        stopReason: 'solved exactly',
        importance: coefficientImportance((j) => w[j], train.d, 1),
      };
    } finally {
      model.dispose();
    }
  },
};
