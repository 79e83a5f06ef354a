import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { CancelledError } from '../../util/errors';
import { createRng } from '../../util/rng';
import type { TrainContext } from '../definition';
import type { FittedModel, NetworkState, TrainingSet } from '../model';
import { networkPredictor } from '../networkForward';
import { mlpModel } from './mlp';

/** Two noisy interleaved classes on 8 features (nonlinear: x0·x1 matters). */
function classes(n: number, seed = 5): TrainingSet {
  const rng = createRng(seed);
  const d = 8;
  const X = Float32Array.from({ length: n * d }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => (X[i * d] * X[i * d + 1] + 0.5 * X[i * d + 2] + 0.2 * rng.normal() > 0 ? 1 : 0));
  return { X, y, n, d };
}

function accuracy(fitted: FittedModel, data: TrainingSet): number {
  const p = networkPredictor(fitted).outputs(data.X, data.n);
  let right = 0;
  for (let i = 0; i < data.n; i++) right += (p[2 * i + 1] > 0.5 ? 1 : 0) === data.y[i] ? 1 : 0;
  return right / data.n;
}

const fit = (data: TrainingSet, params: Record<string, unknown>, ctx: Partial<TrainContext> = {}) =>
  mlpModel.fit(data, { task: 'binary', classes: ['a', 'b'] }, resolveParams(mlpModel.schema, params), { rng: createRng(1), ...ctx });

describe('the MLP on the dense trainer', () => {
  it('is the default on the CPU backend, saves the TF.js path’s file layout and learns as well', async () => {
    expect(tf.getBackend()).toBe('cpu');
    const train = classes(600);
    const test = classes(400, 9);
    const params = { epochs: 20, batchSize: 32, learningRate: 0.02, earlyStopping: false, dropout: 0.1 };
    const dense = await fit(train, params);
    const tfjs = await fit(train, params, { networkTrainer: 'tfjs' });
    const [a, b] = [dense, tfjs].map((f) => (f.state as NetworkState).network);
    expect(a.topology).toEqual(b.topology);
    expect(a.weightSpecs).toEqual(b.weightSpecs);
    expect(a.output).toBe('sigmoid');
    expect(Math.abs(accuracy(dense, test) - accuracy(tfjs, test))).toBeLessThan(0.05);
    expect(accuracy(dense, test)).toBeGreaterThan(0.8);
    expect(dense.history).toHaveLength(20);
  });

  it('predicts a regression target in its own units (the scaling folded into the output layer)', async () => {
    const data = classes(400);
    const y = Float32Array.from({ length: data.n }, (_, i) => 1000 + 50 * data.X[i * data.d] - 20 * data.X[i * data.d + 3]);
    const fitted = await mlpModel.fit({ ...data, y }, { task: 'regression', classes: [] }, resolveParams(mlpModel.schema, { epochs: 60, learningRate: 0.01, earlyStopping: false }), { rng: createRng(2) });
    const p = networkPredictor(fitted).outputs(data.X, data.n);
    let res = 0;
    let tot = 0;
    for (let i = 0; i < data.n; i++) {
      res += (p[i] - y[i]) ** 2;
      tot += (y[i] - 1000) ** 2;
    }
    expect(1 - res / tot).toBeGreaterThan(0.95);
  });

  it('stops early on the validation loss, reports validation metrics per epoch and keeps the best weights', async () => {
    const train = classes(300);
    const logs: number[] = [];
    const fitted = await fit(train, { epochs: 500, batchSize: 16, learningRate: 0.05, units: 128, l2: 0, patience: 3 }, { onEpoch: (log) => logs.push(log.valLoss!) });
    expect(fitted.stopReason).toMatch(/early stopping at epoch/);
    expect(fitted.history!.length).toBeLessThan(500);
    expect(fitted.history!.every((h) => h.valMetric! > 0 && h.valMetric! <= 1)).toBe(true);
    expect(logs.length).toBe(fitted.history!.length);
  });

  it('yields to the host and stops when asked', async () => {
    let yields = 0;
    let polls = 0;
    const run = fit(classes(2000), { epochs: 1000, batchSize: 8 }, { yieldToEvents: async () => void yields++, shouldStop: () => ++polls > 3000 });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(yields).toBeGreaterThan(0);
  });
});
