import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { shuffleInPlace } from '../../util/rng';
import type { EpochLog, TrainingSet } from '../model';
import type { TrainContext } from '../definition';
import { createDenseTrainer } from './dense';
import type { DenseSpec, DenseWeights } from './dense/types';
import type { DenseEpochTrainer } from './dense/webgpu';
import { gatherRows, targets, validate } from './denseLoop';
import type { mlpSchema } from './schema';
import { holdOut, type LossKind } from './trainLoop';

/**
 * trainDense's loop (denseLoop.ts) on the fused WebGPU trainer: the same hold-out, shuffles, batches
 * and early stopping, but a whole epoch per call with the data uploaded once. Validation runs on the
 * CPU trainer from the weights read back after each epoch (only when there is a hold-out), which are
 * also the best weights early stopping keeps. Cancel is checked between epochs. Disposes `gpu`.
 */
export async function trainDenseOnGpu(
  gpu: DenseEpochTrainer,
  spec: DenseSpec,
  train: TrainingSet,
  loss: LossKind,
  params: ParamsOf<typeof mlpSchema>,
  ctx: TrainContext,
): Promise<{ weights: DenseWeights; history: EpochLog[]; stopReason: string }> {
  const { fit, validation } = holdOut(train.n, params.earlyStopping ? params.validationFraction : 0, ctx);
  const Y = targets(train.y, loss, spec.outputs);
  const val = validation ? { X: gatherRows(train.X, validation, train.d), Y: gatherRows(Y, validation, spec.outputs), n: validation.length } : null;
  const checker = val ? createDenseTrainer(spec) : null;
  const history: EpochLog[] = [];
  let best = Infinity;
  let bestWeights: DenseWeights | null = null;
  let sinceBest = 0;
  let stopReason = `ran all ${params.epochs} epochs`;
  const order = Int32Array.from(fit);
  try {
    await gpu.uploadData(train.X, Y, train.n);
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      shuffleInPlace(order, ctx.rng);
      const trainLoss = await gpu.runEpoch(order, params.batchSize);
      if (ctx.shouldStop?.()) throw new CancelledError();
      let weights: DenseWeights | null = null;
      if (checker && val) {
        weights = await gpu.readWeights();
        checker.setWeights(weights);
      }
      const log: EpochLog = { epoch, epochs: params.epochs, loss: trainLoss, ...(checker && val ? validate(checker, val, loss, spec.outputs) : {}) };
      history.push(log);
      ctx.onEpoch?.(log);
      if (!Number.isFinite(trainLoss)) {
        stopReason = `stopped at epoch ${epoch}: the loss diverged (try a lower learning rate)`;
        break;
      }
      if (log.valLoss !== undefined) {
        if (best === Infinity || log.valLoss < best - 1e-7 * Math.abs(best)) {
          best = log.valLoss;
          sinceBest = 0;
          bestWeights = weights;
        } else if (++sinceBest >= params.patience) {
          stopReason = `early stopping at epoch ${epoch}: validation loss had not improved for ${params.patience} epochs (best weights kept)`;
          break;
        }
      }
      await ctx.yieldToEvents?.();
    }
    return { weights: bestWeights ?? (await gpu.readWeights()), history, stopReason };
  } finally {
    checker?.dispose();
    gpu.dispose();
  }
}
