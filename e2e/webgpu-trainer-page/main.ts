/// <reference types="@webgpu/types" />
import { ReferenceDenseTrainer } from '../../src/core/models/mlp/dense/reference';
import type { DenseActivation, DenseLoss, DenseSpec } from '../../src/core/models/mlp/dense/types';
import { createWebGpuDenseTrainer } from '../../src/core/models/mlp/dense/webgpu';
import type { EpochLog } from '../../src/core/models/model';
import { trainDenseOnGpu } from '../../src/core/models/mlp/denseGpuLoop';
import { trainDense } from '../../src/core/models/mlp/denseLoop';
import { mlpSchema } from '../../src/core/models/mlp/schema';
import { resolveParams } from '../../src/core/params';
import { createRng, shuffleInPlace } from '../../src/core/util/rng';

/** One comparison the spec asks for: a network, its data's shape and how long to train. */
export interface CheckCase {
  readonly name: string;
  readonly loss: DenseLoss;
  readonly activations: readonly DenseActivation[];
  readonly units: readonly number[];
  readonly inputs: number;
  readonly outputs: number;
  readonly rows: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly dropout?: number;
  readonly l2?: number;
  readonly sgd?: boolean;
  /** Fraction of targets set to NaN (no target). */
  readonly missing?: number;
}

/** What the page found: per-epoch losses of both trainers and how far their weights are apart. */
export interface CheckResult {
  readonly adapter: string;
  readonly fallback: boolean;
  readonly refLosses: number[];
  readonly gpuLosses: number[];
  /** The largest |gpu − reference| over every weight after the last epoch. */
  readonly maxWeightDiff: number;
  /** The largest |weight| of the reference, the scale the difference is judged against. */
  readonly maxWeight: number;
  /** The largest distance a weight moved from its initial value: training did something. */
  readonly maxWeightMove: number;
  /** Did readWeights return the reference's initial weights bit for bit before training? */
  readonly initialExact: boolean;
}

/** Seeded data whose targets suit the loss: 0/1, one-hot classes, or real values with outliers. */
function makeData(c: CheckCase, seed: number): { X: Float32Array; Y: Float32Array } {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: c.rows * c.inputs }, () => rng.normal());
  const w = Array.from({ length: c.inputs * c.outputs }, () => rng.normal());
  const Y = new Float32Array(c.rows * c.outputs);
  for (let r = 0; r < c.rows; r++) {
    const scores = Array.from({ length: c.outputs }, (_, j) => {
      let s = 0;
      for (let k = 0; k < c.inputs; k++) s += X[r * c.inputs + k] * w[k * c.outputs + j];
      return s + 0.5 * rng.normal();
    });
    if (c.loss === 'binary') Y[r] = scores[0] > 0 ? 1 : 0;
    else if (c.loss === 'softmax') Y[r * c.outputs + scores.indexOf(Math.max(...scores))] = 1;
    else for (let j = 0; j < c.outputs; j++) Y[r * c.outputs + j] = Math.sin(scores[j]) + (rng.next() < 0.05 ? 6 * rng.normal() : 0);
    for (let j = 0; j < c.outputs; j++) if (c.missing && rng.next() < c.missing) Y[r * c.outputs + j] = NaN;
  }
  return { X, Y };
}

/** Trains the case on both trainers from the same initial weights and the same shuffled orders. */
async function check(c: CheckCase): Promise<CheckResult | { skip: string }> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) return { skip: gpu ? 'navigator.gpu.requestAdapter() returned null' : 'navigator.gpu is missing' };
  const device = await adapter.requestDevice();
  const spec: DenseSpec = {
    inputs: c.inputs,
    hidden: c.units.map((units, i) => ({ units, activation: c.activations[i] })),
    outputs: c.outputs,
    loss: c.loss,
    dropout: c.dropout ?? 0,
    l2: c.l2 ?? 0,
    optimizer: c.sgd ? { kind: 'sgd', learningRate: 0.05 } : { kind: 'adam', learningRate: 0.01 },
    seed: 1234,
  };
  const { X, Y } = makeData(c, 99);
  const ref = new ReferenceDenseTrainer(spec);
  const trainer = await createWebGpuDenseTrainer(device, spec);
  try {
    const initial = ref.getWeights();
    const fromGpu = await trainer.readWeights();
    const initialExact = initial.every((w, i) => w.length === fromGpu[i].length && w.every((v, j) => Object.is(v, fromGpu[i][j])));
    await trainer.uploadData(X, Y, c.rows);
    const order = Int32Array.from({ length: c.rows }, (_, i) => i);
    const rng = createRng(5);
    const refLosses: number[] = [];
    const gpuLosses: number[] = [];
    for (let epoch = 0; epoch < c.epochs; epoch++) {
      shuffleInPlace(order, rng);
      let sum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += c.batchSize, batches++) sum += ref.step(X, Y, order.subarray(start, start + c.batchSize));
      refLosses.push(sum / batches);
      gpuLosses.push(await trainer.runEpoch(order, c.batchSize));
    }
    const after = ref.getWeights();
    const trained = await trainer.readWeights();
    let maxWeightDiff = 0;
    let maxWeight = 0;
    let maxWeightMove = 0;
    after.forEach((w, i) =>
      w.forEach((v, j) => {
        maxWeightDiff = Math.max(maxWeightDiff, Math.abs(v - trained[i][j]) || (Number.isNaN(trained[i][j]) ? Infinity : 0));
        maxWeight = Math.max(maxWeight, Math.abs(v));
        maxWeightMove = Math.max(maxWeightMove, Math.abs(v - initial[i][j]));
      }),
    );
    const info = adapter.info;
    return { adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' '), fallback: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter), refLosses, gpuLosses, maxWeightDiff, maxWeight, maxWeightMove, initialExact };
  } finally {
    trainer.dispose();
    device.destroy();
  }
}

/** The MLP's whole loop (hold-out, early stopping, best weights) on the GPU trainer and on the CPU one. */
export interface LoopResult {
  readonly cpu: { history: EpochLog[]; stopReason: string };
  readonly gpu: { history: EpochLog[]; stopReason: string };
  readonly maxWeightDiff: number;
}

async function loopCheck(): Promise<LoopResult | { skip: string }> {
  const adapter = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
  if (!adapter) return { skip: 'no WebGPU adapter' };
  const device = await adapter.requestDevice();
  const c: CheckCase = { name: 'loop', loss: 'binary', inputs: 6, outputs: 1, rows: 400, batchSize: 32, epochs: 0, activations: ['relu', 'relu'], units: [10, 10] };
  const { X, Y } = makeData(c, 3);
  const spec: DenseSpec = {
    inputs: 6,
    hidden: [
      { units: 10, activation: 'relu' },
      { units: 10, activation: 'relu' },
    ],
    outputs: 1,
    loss: 'binary',
    dropout: 0,
    l2: 1e-4,
    optimizer: { kind: 'adam', learningRate: 0.03 },
    seed: 77,
  };
  const params = resolveParams(mlpSchema, { epochs: 25, batchSize: 32, learningRate: 0.03, earlyStopping: true, validationFraction: 0.2, patience: 3 });
  const train = { X, y: Y, n: c.rows, d: c.inputs };
  try {
    const cpu = await trainDense(spec, train, 'binary', params, { rng: createRng(8) });
    const gpu = await trainDenseOnGpu(await createWebGpuDenseTrainer(device, spec), spec, train, 'binary', params, { rng: createRng(8) });
    let maxWeightDiff = 0;
    cpu.weights.forEach((w, i) => w.forEach((v, j) => (maxWeightDiff = Math.max(maxWeightDiff, Math.abs(v - gpu.weights[i][j])))));
    return { cpu: { history: cpu.history, stopReason: cpu.stopReason }, gpu: { history: gpu.history, stopReason: gpu.stopReason }, maxWeightDiff };
  } finally {
    device.destroy();
  }
}

Object.assign(window, { denseCheck: check, loopCheck });
