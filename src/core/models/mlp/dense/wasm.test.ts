import { describe, expect, it } from 'vitest';
import { createDenseTrainer } from './index';
import { ReferenceDenseTrainer } from './reference';
import { batchesOf, maxRelDiff, smallSpec, toyData } from './testData';
import type { DenseActivation, DenseLoss, DenseSpec } from './types';
import { WasmDenseTrainer, denseWasmAvailable } from './wasm';

describe('WasmDenseTrainer', () => {
  it('is what createDenseTrainer gives in Node', () => {
    expect(denseWasmAvailable()).toBe(true);
    expect(createDenseTrainer(smallSpec('binary', 'relu')).kind).toBe('wasm');
  });

  const cases: [DenseLoss, DenseActivation, Partial<DenseSpec>][] = [
    ['binary', 'relu', {}],
    ['binary', 'tanh', { l2: 0.01, dropout: 0.2 }],
    ['softmax', 'sigmoid', { dropout: 0.3 }],
    ['softmax', 'elu', { l2: 0.001 }],
    ['mse', 'relu', { optimizer: { kind: 'sgd', learningRate: 0.02 }, l2: 0.01 }],
    ['huber', 'linear', { dropout: 0.1 }],
    ['mse', 'elu', { inputs: 20, hidden: [{ units: 64, activation: 'elu' }, { units: 64, activation: 'elu' }], outputs: 1 }],
    ['binary', 'relu', { inputs: 5, hidden: [{ units: 33, activation: 'relu' }, { units: 17, activation: 'relu' }, { units: 3, activation: 'relu' }], dropout: 0.5 }],
  ];
  it.each(cases)('gives the reference weights after 200 steps (%s loss, %s, %o)', (loss, activation, extra) => {
    const spec = smallSpec(loss, activation, extra);
    const { X, Y } = toyData(101, spec.inputs, spec.outputs, loss);
    const wasm = new WasmDenseTrainer(spec);
    const ref = new ReferenceDenseTrainer(spec);
    expect(maxRelDiff(wasm.getWeights(), ref.getWeights())).toBe(0);
    const start = ref.getWeights();
    // Odd batch sizes exercise the kernels' odd-row and odd-input paths.
    let worstLoss = 0;
    for (const rows of batchesOf(101, 17, 200)) {
      const a = wasm.step(X, Y, rows);
      const b = ref.step(X, Y, rows);
      worstLoss = Math.max(worstLoss, Math.abs(a - b) / (1 + Math.abs(b)));
    }
    expect(worstLoss).toBeLessThan(1e-4);
    expect(maxRelDiff(wasm.getWeights(), ref.getWeights())).toBeLessThan(2e-4);
    expect(maxRelDiff(start, ref.getWeights())).toBeGreaterThan(1e-2);
    const outWasm = wasm.forward(X, 101);
    const outRef = ref.forward(X, 101);
    outRef.forEach((v, i) => expect(Math.abs(outWasm[i] - v)).toBeLessThan(1e-3 * (1 + Math.abs(v))));
  });

  it('ignores NaN targets as the reference does', () => {
    const spec = smallSpec('mse', 'relu');
    const { X, Y } = toyData(40, spec.inputs, spec.outputs, 'mse');
    for (let i = 0; i < Y.length; i += 2) Y[i] = NaN;
    const wasm = new WasmDenseTrainer(spec);
    const ref = new ReferenceDenseTrainer(spec);
    for (const rows of batchesOf(40, 8, 50)) expect(wasm.step(X, Y, rows)).toBeCloseTo(ref.step(X, Y, rows), 4);
    expect(maxRelDiff(wasm.getWeights(), ref.getWeights())).toBeLessThan(1e-4);
  });

  it('grows its buffers for a batch larger than they were laid out for, keeping its state', () => {
    const spec = smallSpec('binary', 'relu');
    const { X, Y } = toyData(700, spec.inputs, 1, 'binary');
    const wasm = new WasmDenseTrainer(spec);
    const ref = new ReferenceDenseTrainer(spec);
    for (const rows of [...batchesOf(700, 64, 5), ...batchesOf(700, 600, 3, 9), ...batchesOf(700, 32, 5, 4)]) {
      wasm.step(X, Y, rows);
      ref.step(X, Y, rows);
    }
    expect(maxRelDiff(wasm.getWeights(), ref.getWeights())).toBeLessThan(1e-4);
    const out = wasm.forward(X, 700);
    ref.forward(X, 700).forEach((v, i) => expect(out[i]).toBeCloseTo(v, 3));
  });
});
