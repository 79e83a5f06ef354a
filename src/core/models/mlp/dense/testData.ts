// Small networks and data sets shared by the dense trainers' tests.
import { createRng } from '../../../util/rng';
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

