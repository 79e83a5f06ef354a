import { describe, expect, it } from 'vitest';
import { createRng } from '../../../util/rng';
import { dropoutUniform } from './init';
import { ReferenceDenseTrainer } from './reference';
import type { DenseSpec } from './types';
import { encodeSteps, keepFrom, planSteps } from './webgpuPlan';

const spec: DenseSpec = {
  inputs: 3,
  hidden: [
    { units: 5, activation: 'relu' },
    { units: 4, activation: 'tanh' },
  ],
  outputs: 1,
  loss: 'mse',
  dropout: 0.3,
  l2: 0.02,
  optimizer: { kind: 'adam', learningRate: 0.01, beta1: 0.8 },
  seed: 3,
};

describe('planSteps (the WebGPU trainer’s per-step uniforms)', () => {
  it('splits an epoch into batches with a short last one, with hand-worked corrections and counters', () => {
    const { steps, after } = planSteps(70, 32, spec, { accBeta1: Math.fround(0.8), accBeta2: Math.fround(0.999), dropCounter: 0 });
    expect(steps.map((s) => [s.start, s.rows])).toEqual([
      [0, 32],
      [32, 32],
      [64, 6],
    ]);
    // 9 hidden units: the counter moves 9 per row.
    expect(steps.map((s) => s.dropBase)).toEqual([0, 288, 576]);
    expect(after.dropCounter).toBe(630);
    expect(steps[0].om1).toBe(Math.fround(1 - Math.fround(0.8)));
    expect(steps[1].om1).toBe(Math.fround(1 - Math.fround(Math.fround(0.8) * Math.fround(0.8))));
    expect(steps[2].l2c).toBeCloseTo(0.02 / 6, 12);
  });

  it('carries Adam’s beta powers and the dropout counter exactly as the reference does over two epochs', () => {
    const ref = new ReferenceDenseTrainer(spec);
    const rng = createRng(1);
    const X = Float32Array.from({ length: 50 * 3 }, () => rng.normal());
    const Y = Float32Array.from({ length: 50 }, () => rng.normal());
    const order = Int32Array.from({ length: 50 }, (_, i) => i);
    let state = { accBeta1: Math.fround(0.8), accBeta2: Math.fround(0.999), dropCounter: 0 };
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let start = 0; start < 50; start += 16) ref.step(X, Y, order.subarray(start, start + 16));
      state = planSteps(50, 16, spec, state).after;
    }
    const inner = ref as unknown as { accBeta1: number; accBeta2: number; dropCounter: number };
    expect(state).toEqual({ accBeta1: inner.accBeta1, accBeta2: inner.accBeta2, dropCounter: inner.dropCounter });
  });

  it('leaves the counter alone without dropout and the corrections at 1 for SGD', () => {
    const { steps, after } = planSteps(10, 4, { ...spec, dropout: 0, optimizer: { kind: 'sgd', learningRate: 0.1 } }, { accBeta1: 0, accBeta2: 0, dropCounter: 7 });
    expect(steps.map((s) => [s.dropBase, s.om1, s.om2])).toEqual([
      [7, 1, 1],
      [7, 1, 1],
      [7, 1, 1],
    ]);
    expect(after.dropCounter).toBe(7);
  });
});

describe('keepFrom (the kernels’ integer dropout test)', () => {
  it('keeps exactly the units dropoutUniform keeps, at rates on and off the 2⁻²⁴ grid', () => {
    for (const p of [0.1, 0.25, 0.5, 1 / 3, 0.999, 3 / 2 ** 24]) {
      const threshold = keepFrom(p);
      const disagree: number[] = [];
      for (let counter = 0; counter < 20000; counter++) {
        const u = dropoutUniform(17, counter);
        if (u * 2 ** 24 >= threshold !== u >= p) disagree.push(counter);
      }
      expect(disagree, `p ${p}`).toEqual([]);
    }
    expect(keepFrom(0)).toBe(0);
    expect(keepFrom(0.5)).toBe(2 ** 23);
  });
});

describe('encodeSteps (the kernels’ Step struct)', () => {
  it('puts each step at its dynamic offset, words in the struct’s order, the slot numbered from 0', () => {
    const { steps } = planSteps(40, 32, spec, { accBeta1: Math.fround(0.8), accBeta2: Math.fround(0.999), dropCounter: 5 });
    const bytes = encodeSteps(steps);
    expect(bytes.byteLength).toBe(2 * 256);
    const u = new Uint32Array(bytes, 256, 8);
    const f = new Float32Array(bytes, 256, 8);
    expect([u[0], u[1], u[2], u[3]]).toEqual([32, 8, 1, 5 + 32 * 9]);
    expect([f[4], f[5], f[6]]).toEqual([steps[1].om1, steps[1].om2, Math.fround(0.02 / 8)]);
  });
});
