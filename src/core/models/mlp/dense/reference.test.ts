import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../util/rng';
import { ReferenceDenseTrainer } from './reference';
import type { DenseActivation, DenseLoss, DenseSpec, DenseWeights } from './types';

/** A small data set: n rows of d features in [-1, 1], targets made for `loss`. */
export function toyData(n: number, d: number, outputs: number, loss: DenseLoss, seed = 7): { X: Float32Array; Y: Float32Array } {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: n * d }, () => 2 * rng.next() - 1);
  const Y = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    const s = X[i * d] - 0.5 * X[i * d + 1] + 0.3 * X[i * d + 2] * X[i * d + 3];
    if (loss === 'binary') Y[i] = s > 0 ? 1 : 0;
    else if (loss === 'softmax') Y[i * outputs + Math.min(outputs - 1, Math.floor((s + 1.5) * outputs / 3) < 0 ? 0 : Math.floor((s + 1.5) * outputs / 3))] = 1;
    else for (let j = 0; j < outputs; j++) Y[i * outputs + j] = s * (j + 1) + 0.5 * rng.normal();
  }
  return { X, Y };
}

/** The spec of a small network. */
export function smallSpec(loss: DenseLoss, activation: DenseActivation, extra: Partial<DenseSpec> = {}): DenseSpec {
  return {
    inputs: 6,
    hidden: [
      { units: 9, activation },
      { units: 7, activation },
    ],
    outputs: loss === 'binary' ? 1 : 3,
    loss,
    dropout: 0,
    l2: 0,
    optimizer: { kind: 'adam', learningRate: 0.01 },
    seed: 11,
    ...extra,
  };
}

/** The same network on TF.js, trained as trainLoop.ts does (optimizer.minimize on the loss plus L2). */
function tfSteps(spec: DenseSpec, weights: DenseWeights, X: Float32Array, Y: Float32Array, batches: Int32Array[]): Float32Array[] {
  const model = tf.sequential();
  spec.hidden.forEach((h, l) => model.add(tf.layers.dense({ units: h.units, activation: h.activation, inputShape: l === 0 ? [spec.inputs] : undefined })));
  model.add(tf.layers.dense({ units: spec.outputs, activation: 'linear' }));
  const shapes = model.getWeights().map((w) => w.shape);
  model.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i])));
  const optimizer = spec.optimizer.kind === 'adam' ? tf.train.adam(spec.optimizer.learningRate) : tf.train.sgd(spec.optimizer.learningRate);
  const kernels = model.trainableWeights.filter((w) => w.name.includes('kernel'));
  const xs = tf.tensor2d(X, [X.length / spec.inputs, spec.inputs]);
  const ys = tf.tensor2d(Y, [Y.length / spec.outputs, spec.outputs]);
  for (const rows of batches) {
    tf.tidy(() => {
      const idx = tf.tensor1d(rows, 'int32');
      const xb = tf.gather(xs, idx);
      const yb = tf.gather(ys, idx);
      optimizer.minimize(() => {
        const logits = model.apply(xb, { training: true }) as tf.Tensor;
        let value: tf.Scalar =
          spec.loss === 'binary'
            ? tf.losses.sigmoidCrossEntropy(yb, logits)
            : spec.loss === 'softmax'
              ? tf.losses.softmaxCrossEntropy(yb, logits)
              : spec.loss === 'mse'
                ? tf.losses.meanSquaredError(yb, logits)
                : tf.losses.huberLoss(yb, logits);
        if (spec.l2 > 0) value = tf.add(value, tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k.read())))), (0.5 * spec.l2) / rows.length));
        return value;
      });
    });
  }
  const out = model.getWeights().map((w) => w.dataSync() as Float32Array);
  optimizer.dispose();
  model.dispose();
  tf.dispose([xs, ys]);
  return out;
}

/** Seeded batches of `size` rows from n. */
export function batchesOf(n: number, size: number, count: number, seed = 3): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Int32Array.from({ length: size }, () => rng.int(n)));
}

/** Largest |a − b| / (1 + |b|) over all weights. */
export function maxRelDiff(a: DenseWeights, b: DenseWeights): number {
  let worst = 0;
  a.forEach((w, i) => w.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - b[i][j]) / (1 + Math.abs(b[i][j]))))));
  return worst;
}

describe('ReferenceDenseTrainer', () => {
  const cases: [DenseLoss, DenseActivation, Partial<DenseSpec>][] = [
    ['binary', 'relu', {}],
    ['binary', 'tanh', { l2: 0.01 }],
    ['softmax', 'sigmoid', {}],
    ['softmax', 'elu', { l2: 0.001 }],
    ['mse', 'relu', { optimizer: { kind: 'sgd', learningRate: 0.05 } }],
    ['huber', 'linear', {}],
  ];
  it.each(cases)('matches TF.js after 30 steps (%s loss, %s, %o)', (loss, activation, extra) => {
    const spec = smallSpec(loss, activation, extra);
    const { X, Y } = toyData(64, spec.inputs, spec.outputs, loss);
    const trainer = new ReferenceDenseTrainer(spec);
    const start = trainer.getWeights();
    const batches = batchesOf(64, 16, 30);
    for (const rows of batches) trainer.step(X, Y, rows);
    const expected = tfSteps(spec, start, X, Y, batches);
    expect(maxRelDiff(trainer.getWeights(), expected)).toBeLessThan(2e-5);
    // And it did move: the test would pass vacuously on a trainer that never updates.
    expect(maxRelDiff(start, expected)).toBeGreaterThan(1e-2);
  });

  it('returns the batch loss with the L2 term, as TF.js minimize does', () => {
    const spec = smallSpec('binary', 'relu', { l2: 0.1 });
    const { X, Y } = toyData(32, spec.inputs, 1, 'binary');
    const trainer = new ReferenceDenseTrainer(spec);
    const weights = trainer.getWeights();
    const rows = Int32Array.from({ length: 32 }, (_, i) => i);
    const loss = trainer.step(X, Y, rows);
    const logits = new ReferenceDenseTrainer(spec);
    logits.setWeights(weights);
    const z = logits.forward(X, 32);
    let ce = 0;
    for (let i = 0; i < 32; i++) ce += Math.max(z[i], 0) - z[i] * Y[i] + Math.log(1 + Math.exp(-Math.abs(z[i])));
    let ss = 0;
    for (let l = 0; l < weights.length; l += 2) for (const w of weights[l]) ss += w * w;
    expect(loss).toBeCloseTo(ce / 32 + (0.5 * 0.1 * ss) / 32, 5);
  });

  it.each(['binary', 'softmax', 'mse', 'huber'] as const)('has gradients that agree with finite differences (%s)', (loss) => {
    // SGD with learning rate 1 turns a step into "weights − gradient"; rate 0 turns it into the loss.
    const spec = smallSpec(loss, 'tanh', { l2: 0.05, optimizer: { kind: 'sgd', learningRate: 1 } });
    const { X, Y } = toyData(24, spec.inputs, spec.outputs, loss);
    if (loss === 'mse' || loss === 'huber') for (let i = 0; i < Y.length; i += 4) Y[i] = NaN;
    const rows = Int32Array.from({ length: 24 }, (_, i) => i);
    const trainer = new ReferenceDenseTrainer(spec);
    const w0 = trainer.getWeights();
    trainer.step(X, Y, rows);
    const grad = trainer.getWeights().map((w, a) => w.map((x, i) => w0[a][i] - x));
    const probe = new ReferenceDenseTrainer({ ...spec, optimizer: { kind: 'sgd', learningRate: 0 } });
    const lossAt = (a: number, i: number, delta: number): number => {
      const w = w0.map((x) => x.slice());
      w[a][i] += delta;
      probe.setWeights(w);
      return probe.step(X, Y, rows);
    };
    let checked = 0;
    for (let a = 0; a < w0.length; a++)
      for (let i = 0; i < w0[a].length; i += 5) {
        const h = 1e-2;
        const numeric = (lossAt(a, i, h) - lossAt(a, i, -h)) / (2 * h);
        expect(Math.abs(numeric - grad[a][i])).toBeLessThan(2e-3 + 0.02 * Math.abs(numeric));
        checked++;
      }
    expect(checked).toBeGreaterThan(20);
  });

  it('drops hidden units with the seed: two trainers agree, and the masks change the result', () => {
    const spec = smallSpec('binary', 'relu', { dropout: 0.3 });
    const { X, Y } = toyData(64, spec.inputs, 1, 'binary');
    const [a, b, plain] = [new ReferenceDenseTrainer(spec), new ReferenceDenseTrainer(spec), new ReferenceDenseTrainer({ ...spec, dropout: 0 })];
    for (const rows of batchesOf(64, 16, 10)) [a, b, plain].forEach((t) => t.step(X, Y, rows));
    expect(maxRelDiff(a.getWeights(), b.getWeights())).toBe(0);
    expect(maxRelDiff(a.getWeights(), plain.getWeights())).toBeGreaterThan(1e-3);
  });

  it('ignores NaN targets: a row with every target NaN changes nothing', () => {
    const spec = smallSpec('mse', 'relu');
    const { X, Y } = toyData(8, spec.inputs, spec.outputs, 'mse');
    Y.fill(NaN, 0, 3);
    const a = new ReferenceDenseTrainer(spec);
    const b = new ReferenceDenseTrainer(spec);
    a.step(X, Y, Int32Array.of(0, 1, 2));
    b.step(X, Y, Int32Array.of(1, 2));
    expect(maxRelDiff(a.getWeights(), b.getWeights())).toBe(0);
  });
});

describe('denseToSerializedNetwork', () => {
  it('saves a network that predicts what the trainer computes', async () => {
    const { denseToSerializedNetwork } = await import('./network');
    const { networkPredictor } = await import('../../networkForward');
    const spec = smallSpec('mse', 'elu', { dropout: 0.2, outputs: 1 });
    const trainer = new ReferenceDenseTrainer(spec);
    const { X } = toyData(10, spec.inputs, spec.outputs, 'mse');
    const network = await denseToSerializedNetwork(spec, trainer.getWeights(), 'linear');
    const predictor = networkPredictor({ model: 'mlp', params: {}, task: 'regression', classes: [], nFeatures: spec.inputs, state: { network } } as never);
    const got = predictor.outputs(X, 10);
    const want = trainer.forward(X, 10);
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
  });
});
