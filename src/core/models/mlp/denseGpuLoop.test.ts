import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { createRng } from '../../util/rng';
import type { EpochLog } from '../model';
import { createDenseTrainer } from './dense';
import type { DenseSpec, DenseWeights } from './dense/types';
import type { DenseEpochTrainer } from './dense/types';
import { trainDenseOnGpu } from './denseGpuLoop';
import { trainDense } from './denseLoop';
import { mlpModel } from './mlp';
import { mlpSchema } from './schema';

/** The epoch-level contract served by the CPU trainer: stands in for the GPU, which Node has not. */
function epochsOnCpu(spec: DenseSpec): DenseEpochTrainer & { disposed: boolean } {
  const cpu = createDenseTrainer(spec);
  let data: { X: Float32Array; Y: Float32Array } | null = null;
  return {
    spec,
    kind: 'cpu stand-in',
    disposed: false,
    async uploadData(X, Y) {
      data = { X, Y };
    },
    async runEpoch(order, batchSize) {
      let sum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += batchSize, batches++) sum += cpu.step(data!.X, data!.Y, order.subarray(start, start + batchSize));
      return sum / batches;
    },
    async readWeights(): Promise<DenseWeights> {
      return cpu.getWeights();
    },
    setWeights: (w) => cpu.setWeights(w),
    dispose() {
      this.disposed = true;
      cpu.dispose();
    },
  };
}

function toy(n: number, d: number) {
  const rng = createRng(4);
  const X = Float32Array.from({ length: n * d }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => (X[i * d] - X[i * d + 1] + 0.3 * rng.normal() > 0 ? 1 : 0));
  return { X, y, n, d };
}

const spec = (d: number): DenseSpec => ({ inputs: d, hidden: [{ units: 8, activation: 'relu' }], outputs: 1, loss: 'binary', dropout: 0, l2: 1e-4, optimizer: { kind: 'adam', learningRate: 0.05 }, seed: 9 });

describe('trainDenseOnGpu (the MLP loop over an epoch-level trainer)', () => {
  it('gives trainDense’s history, stop reason and weights exactly, early stopping included', async () => {
    const train = toy(300, 4);
    // A high learning rate and patience 2 make early stopping fire within the 40 epochs.
    const params = resolveParams(mlpSchema, { epochs: 40, batchSize: 32, earlyStopping: true, validationFraction: 0.2, patience: 2, learningRate: 0.05 });
    const logs: EpochLog[] = [];
    const cpu = await trainDense(spec(4), train, 'binary', params, { rng: createRng(3) });
    const stand = epochsOnCpu(spec(4));
    const gpu = await trainDenseOnGpu(stand, spec(4), train, 'binary', params, { rng: createRng(3), onEpoch: (l) => logs.push(l) });
    expect(cpu.stopReason).toMatch(/^early stopping/);
    expect(gpu.stopReason).toBe(cpu.stopReason);
    expect(gpu.history).toEqual(cpu.history);
    expect(logs).toEqual(cpu.history);
    expect(gpu.weights).toEqual(cpu.weights);
    expect(stand.disposed).toBe(true);
  });

  it('stops between epochs on Cancel and still frees the trainer', async () => {
    const stand = epochsOnCpu(spec(4));
    let epochs = 0;
    const params = resolveParams(mlpSchema, { epochs: 10, batchSize: 50, earlyStopping: false });
    await expect(trainDenseOnGpu(stand, spec(4), toy(100, 4), 'binary', params, { rng: createRng(1), onEpoch: () => epochs++, shouldStop: () => epochs >= 2 })).rejects.toThrow('cancelled');
    expect(epochs).toBe(2);
    expect(stand.disposed).toBe(true);
  });
});

describe('the MLP’s choice of the GPU trainer', () => {
  const train = toy(200, 4);
  const target = { task: 'binary' as const, classes: ['a', 'b'] };
  const params = resolveParams(mlpSchema, { epochs: 3, batchSize: 32, layers: 1, units: 8, earlyStopping: false });

  it('trains on the GPU trainer the worker offers, to the same network as the CPU dense trainer', async () => {
    const made: DenseSpec[] = [];
    const gpuDenseTrainer = async (s: DenseSpec) => (made.push(s), epochsOnCpu(s));
    const onGpu = await mlpModel.fit(train, target, params, { rng: createRng(2), gpuDenseTrainer });
    const onCpu = await mlpModel.fit(train, target, params, { rng: createRng(2), networkTrainer: 'dense' });
    expect(made.map((s) => [s.inputs, s.hidden.map((h) => h.units), s.outputs, s.loss])).toEqual([[4, [8], 1, 'binary']]);
    expect(onGpu.state).toEqual(onCpu.state);
    expect(onGpu.history).toEqual(onCpu.history);
  });

  it('leaves the GPU alone when TF.js is asked for, and trains on the CPU when the GPU is gone', async () => {
    let asked = 0;
    const gpuDenseTrainer = async () => (asked++, null);
    await mlpModel.fit(train, target, params, { rng: createRng(2), networkTrainer: 'tfjs', gpuDenseTrainer });
    expect(asked).toBe(0);
    const fallback = await mlpModel.fit(train, target, params, { rng: createRng(2), gpuDenseTrainer });
    const onCpu = await mlpModel.fit(train, target, params, { rng: createRng(2), networkTrainer: 'dense' });
    expect(asked).toBe(1);
    expect(fallback.state).toEqual(onCpu.state);
  });
});
