import * as tf from '@tensorflow/tfjs';
import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { shuffleInPlace } from '../../util/rng';
import type { EpochLog, TrainingSet } from '../model';
import type { TrainContext } from '../definition';
import { EpochJudge } from './epochJudge';
import type { mlpSchema } from './schema';

/** Which loss the network's logits are trained with. */
export type LossKind = 'binary' | 'softmax' | 'mse';

/**
 * How often the loop lets the host's event loop run. Yielding after every batch costs ~15% of an
 * epoch on small batches (measured in Chromium, WASM); every 25 ms keeps Cancel prompt for free.
 */
export const YIELD_EVERY_MS = 25;

/** Below this many rows a validation hold-out is too small to steer early stopping. */
const MIN_ROWS_FOR_VALIDATION = 20;

/**
 * Mini-batch Adam on a network with a linear output, written as an explicit loop rather than
 * `model.fit`: one gather per batch from tensors uploaded once, losses summed on the device and read
 * once per epoch, and a cancellation check between batches.
 */
export async function trainNetwork(
  net: tf.LayersModel,
  train: TrainingSet,
  loss: LossKind,
  classes: number,
  params: ParamsOf<typeof mlpSchema>,
  ctx: TrainContext,
): Promise<{ history: EpochLog[]; stopReason: string }> {
  const { fit, validation } = holdOut(train.n, params.earlyStopping ? params.validationFraction : 0, ctx);
  const xs = tf.tensor2d(train.X, [train.n, train.d]);
  const ys = loss === 'softmax' ? tf.oneHot(tf.tensor1d(train.y, 'int32'), classes).toFloat() : tf.tensor2d(train.y, [train.n, 1]);
  const valX = validation ? tf.gather(xs, tf.tensor1d(validation, 'int32')) : null;
  const valY = validation ? tf.gather(ys, tf.tensor1d(validation, 'int32')) : null;
  const optimizer = tf.train.adam(params.learningRate);
  const kernels = net.trainableWeights.filter((w) => w.name.includes('kernel'));
  const lossOf = (labels: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
    loss === 'binary'
      ? tf.losses.sigmoidCrossEntropy(labels, logits)
      : loss === 'softmax'
        ? tf.losses.softmaxCrossEntropy(labels, logits)
        : tf.losses.meanSquaredError(labels, logits);

  const history: EpochLog[] = [];
  let bestWeights: tf.Tensor[] | null = null;
  let stopReason = `ran all ${params.epochs} epochs`;
  const judge = new EpochJudge(params.patience);
  const order = Int32Array.from(fit);
  let lastYield = performance.now();
  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      shuffleInPlace(order, ctx.rng);
      let sum: tf.Scalar = tf.scalar(0);
      let batches = 0;
      for (let start = 0; start < order.length; start += params.batchSize) {
        const rows = order.subarray(start, Math.min(order.length, start + params.batchSize));
        const cost = tf.tidy(() => {
          const idx = tf.tensor1d(rows, 'int32');
          const xb = tf.gather(xs, idx);
          const yb = tf.gather(ys, idx);
          return optimizer.minimize(() => {
            const logits = net.apply(xb, { training: true }) as tf.Tensor;
            let value = lossOf(yb, logits);
            if (params.l2 > 0 && kernels.length) {
              const penalty = tf.addN(kernels.map((k) => tf.sum(tf.square(k.read()))));
              value = tf.add(value, tf.mul(penalty, (0.5 * params.l2) / rows.length));
            }
            return value;
          }, true) as tf.Scalar;
        });
        const next = tf.add(sum, cost) as tf.Scalar;
        sum.dispose();
        cost.dispose();
        sum = next;
        batches++;
        if (ctx.yieldToEvents && performance.now() - lastYield > YIELD_EVERY_MS) {
          await ctx.yieldToEvents();
          lastYield = performance.now();
        }
        if (ctx.shouldStop?.()) throw new CancelledError();
      }
      const trainLoss = (await sum.data())[0] / batches;
      sum.dispose();
      const log: EpochLog = { epoch, epochs: params.epochs, loss: trainLoss, ...(valX && valY ? await validate(net, valX, valY, loss, lossOf) : {}) };
      history.push(log);
      ctx.onEpoch?.(log);
      const verdict = judge.judge(log);
      if (verdict.kind === 'best') {
        bestWeights?.forEach((w) => w.dispose());
        bestWeights = net.getWeights().map((w) => w.clone());
      } else if (verdict.kind === 'stop') {
        stopReason = verdict.reason;
        break;
      }
    }
    if (bestWeights) net.setWeights(bestWeights);
    return { history, stopReason };
  } finally {
    bestWeights?.forEach((w) => w.dispose());
    optimizer.dispose();
    tf.dispose([xs, ys, ...(valX ? [valX] : []), ...(valY ? [valY] : [])]);
  }
}

/** Validation loss and accuracy (classification) or R² (regression) of the current weights. */
async function validate(
  net: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: LossKind,
  lossOf: (labels: tf.Tensor, logits: tf.Tensor) => tf.Scalar,
): Promise<{ valLoss: number; valMetric: number }> {
  const [valLoss, valMetric] = tf.tidy(() => {
    const logits = net.apply(x, { training: false }) as tf.Tensor;
    const l = lossOf(y, logits);
    let metric: tf.Scalar;
    if (loss === 'binary') metric = tf.mean(tf.cast(tf.equal(tf.greater(logits, 0), tf.greater(y, 0.5)), 'float32'));
    else if (loss === 'softmax') metric = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
    else metric = tf.sub(1, tf.div(tf.sum(tf.square(tf.sub(y, logits))), tf.sum(tf.square(tf.sub(y, tf.mean(y))))));
    return [l, metric];
  });
  const [lv, mv] = await Promise.all([valLoss.data(), valMetric.data()]);
  valLoss.dispose();
  valMetric.dispose();
  return { valLoss: lv[0], valMetric: mv[0] };
}

/** Splits training rows into those fitted on and a seeded validation hold-out (none if fraction is 0). */
export function holdOut(n: number, fraction: number, ctx: TrainContext): { fit: Int32Array; validation: Int32Array | null } {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (fraction <= 0 || n < MIN_ROWS_FOR_VALIDATION) return { fit: all, validation: null };
  shuffleInPlace(all, ctx.rng);
  const nVal = Math.max(1, Math.round(n * fraction));
  return { fit: all.slice(nVal).sort(), validation: all.slice(0, nVal).sort() };
}
