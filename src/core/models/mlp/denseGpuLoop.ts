import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { shuffleInPlace } from '../../util/rng';
import type { EpochLog, TrainingSet } from '../model';
import type { TrainContext } from '../definition';
import { createDenseTrainer } from './dense';
import type { DenseSpec, DenseWeights } from './dense/types';
import type { DenseEpochTrainer } from './dense/types';
import { gatherRows, targets, validate } from './denseLoop';
import { EpochJudge } from './epochJudge';
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
  let bestWeights: DenseWeights | null = null;
  let stopReason = `ran all ${params.epochs} epochs`;
  const judge = new EpochJudge(params.patience);
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
      const verdict = judge.judge(log);
      if (verdict.kind === 'best') {
        bestWeights = weights;
      } else if (verdict.kind === 'stop') {
        stopReason = verdict.reason;
        break;
      }
      await ctx.yieldToEvents?.();
    }
    return { weights: bestWeights ?? (await gpu.readWeights()), history, stopReason };
  } finally {
    checker?.dispose();
    gpu.dispose();
  }
}
