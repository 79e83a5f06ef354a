import type { ParamsOf } from '../../params';
import { CancelledError } from '../../util/errors';
import { shuffleInPlace } from '../../util/rng';
import type { EpochLog, TrainingSet } from '../model';
import type { TrainContext } from '../definition';
import { createDenseTrainer } from './dense';
import { sharedMemoryAvailable } from './dense/kernelModule';
import { batchLoss } from './dense/loss';
import { DenseTeam } from './dense/team';
import { SPLIT_MIN_ROWS, WasmDenseTrainer, denseWasmAvailable } from './dense/wasm';
import type { DenseSpec, DenseTrainer, DenseWeights } from './dense/types';
import { EpochJudge } from './epochJudge';
import type { mlpSchema } from './schema';
import { YIELD_EVERY_MS, holdOut, type LossKind } from './trainLoop';

/**
 * trainNetwork's loop (trainLoop.ts) on the dense trainer instead of TF.js: the same hold-out,
 * shuffles, batches, early stopping with the best weights restored, per-epoch validation loss and
 * metric, cancellation and yielding. Returns the trained weights (TF.js's layout).
 */
export async function trainDense(
  spec: DenseSpec,
  train: TrainingSet,
  loss: LossKind,
  params: ParamsOf<typeof mlpSchema>,
  ctx: TrainContext,
): Promise<{ weights: DenseWeights; history: EpochLog[]; stopReason: string }> {
  const { fit, validation } = holdOut(train.n, params.earlyStopping ? params.validationFraction : 0, ctx);
  const Y = targets(train.y, loss, spec.outputs);
  const { trainer, stop } = await startTrainer(spec, ctx, Math.min(params.batchSize, fit.length), fit.length * params.epochs);
  const val = validation ? { X: gatherRows(train.X, validation, train.d), Y: gatherRows(Y, validation, spec.outputs), n: validation.length } : null;
  const history: EpochLog[] = [];
  let bestWeights: DenseWeights | null = null;
  let stopReason = `ran all ${params.epochs} epochs`;
  const judge = new EpochJudge(params.patience);
  const order = Int32Array.from(fit);
  let lastYield = performance.now();
  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      shuffleInPlace(order, ctx.rng);
      let sum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += params.batchSize) {
        sum += trainer.step(train.X, Y, order.subarray(start, Math.min(order.length, start + params.batchSize)));
        batches++;
        if (ctx.yieldToEvents && performance.now() - lastYield > YIELD_EVERY_MS) {
          await ctx.yieldToEvents();
          lastYield = performance.now();
        }
        if (ctx.shouldStop?.()) throw new CancelledError();
      }
      const trainLoss = sum / batches;
      const log: EpochLog = { epoch, epochs: params.epochs, loss: trainLoss, ...(val ? validate(trainer, val, loss, spec.outputs) : {}) };
      history.push(log);
      ctx.onEpoch?.(log);
      const verdict = judge.judge(log);
      if (verdict.kind === 'best') {
        bestWeights = trainer.getWeights();
      } else if (verdict.kind === 'stop') {
        stopReason = verdict.reason;
        break;
      }
    }
    return { weights: bestWeights ?? trainer.getWeights(), history, stopReason };
  } finally {
    trainer.dispose();
    await stop();
  }
}

/**
 * Multiply-adds a run must have (about a second of one thread's work here) before a helper thread
 * is asked for: starting one costs the CLI a thread loading its bundle (half a second of wall time
 * on this 2-core machine, measured), which a short run never pays back.
 */
const SPLIT_MIN_WORK = 5e9;

/** How long a run that always splits waits for its helper to start. */
const HELPER_START_MS = 5000;

/**
 * The run's trainer: with its batches split over a helper thread from the host where it has one
 * and shared memory, and the batches are large enough to pay (whether they do is then measured step
 * by step); alone otherwise. Same results either way, up to float rounding.
 */
async function startTrainer(spec: DenseSpec, ctx: TrainContext, batchRows: number, rowSteps: number): Promise<{ trainer: DenseTrainer; stop: () => Promise<void> }> {
  const when = ctx.host?.denseSplit ?? 'measured';
  const sizes = [spec.inputs, ...spec.hidden.map((h) => h.units), spec.outputs];
  // Multiply-adds of the whole run (forward and both backward products of every row it steps over).
  const work = 3 * rowSteps * sizes.slice(1).reduce((sum, units, l) => sum + units * sizes[l], 0);
  const worth = when === 'always' || (when === 'measured' && batchRows >= SPLIT_MIN_ROWS && work >= SPLIT_MIN_WORK);
  const host = ctx.host && ctx.host.workers > 1 && ctx.host.serveDense && worth && denseWasmAvailable() && sharedMemoryAvailable() ? ctx.host : null;
  if (!host) return { trainer: createDenseTrainer(spec), stop: async () => {} };
  const trainer = new WasmDenseTrainer(spec, { shared: true });
  const memory = trainer.teamMemory();
  const helper = host.serveDense!(memory).catch(() => {});
  // Training starts at once, alone; the split begins when the helper's thread is up (a thread
  // loading the CLI's bundle takes about a second). 'always' waits for it, a few seconds at most.
  const team = new DenseTeam(memory);
  for (const until = Date.now() + HELPER_START_MS; when === 'always' && !team.ready && Date.now() < until; ) await new Promise((r) => setTimeout(r, 2));
  trainer.setSplit({ team, when: when === 'always' ? 'always' : 'measured' });
  return {
    trainer,
    async stop() {
      team.stop();
      // A helper that has not started finds STOP set when it does, and returns at once: the run does not wait for it.
      if (team.ready) await helper;
    },
  };
}

/** The targets as the loss reads them: n × 1 (0/1 or values), or one-hot n × classes. */
export function targets(y: Float32Array, loss: LossKind, outputs: number): Float32Array {
  if (loss !== 'softmax') return y;
  const Y = new Float32Array(y.length * outputs);
  y.forEach((c, i) => (Y[i * outputs + c] = 1));
  return Y;
}

/** Rows `rows` of a row-major matrix with `d` columns. */
export function gatherRows(X: Float32Array, rows: Int32Array, d: number): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(X.subarray(r * d, r * d + d), i * d));
  return out;
}

/** Validation loss and accuracy (classification) or R² (regression), as trainLoop's validate. */
export function validate(trainer: DenseTrainer, val: { X: Float32Array; Y: Float32Array; n: number }, loss: LossKind, outputs: number): { valLoss: number; valMetric: number } {
  const logits = trainer.forward(val.X, val.n);
  const all = Int32Array.from({ length: val.n }, (_, i) => i);
  const valLoss = batchLoss(loss, logits, val.Y, all, outputs);
  let valMetric: number;
  if (loss === 'mse') {
    let mean = 0;
    for (let i = 0; i < val.n; i++) mean += val.Y[i];
    mean /= val.n;
    let res = 0;
    let tot = 0;
    for (let i = 0; i < val.n; i++) {
      res += (val.Y[i] - logits[i]) ** 2;
      tot += (val.Y[i] - mean) ** 2;
    }
    valMetric = 1 - res / tot;
  } else {
    let right = 0;
    for (let i = 0; i < val.n; i++) {
      if (loss === 'binary') right += logits[i] > 0 === val.Y[i] > 0.5 ? 1 : 0;
      else right += argMax(logits, i * outputs, outputs) === argMax(val.Y, i * outputs, outputs) ? 1 : 0;
    }
    valMetric = right / val.n;
  }
  return { valLoss, valMetric };
}

/** Index of the largest of `count` values from `at` (the first on ties, as tf.argMax). */
function argMax(values: Float32Array, at: number, count: number): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (values[at + j] > values[at + best]) best = j;
  return best;
}
