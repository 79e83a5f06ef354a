import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ReferenceDenseTrainer } from './reference';
import { DenseTeam, denseHelperReady } from './team';
import { batchesOf, maxRelDiff, smallSpec, toyData } from './testData';
import type { DenseActivation, DenseLoss, DenseSpec } from './types';
import { WasmDenseTrainer } from './wasm';

/** Steps a one-thread trainer, a split one and the reference on the same batches; the worst relative differences. */
function compare(spec: DenseSpec, split: WasmDenseTrainer, batches: Int32Array[], X: Float32Array, Y: Float32Array) {
  const alone = new WasmDenseTrainer(spec);
  const ref = new ReferenceDenseTrainer(spec);
  let worstLoss = 0;
  for (const rows of batches) {
    const a = split.step(X, Y, rows);
    const b = alone.step(X, Y, rows);
    ref.step(X, Y, rows);
    worstLoss = Math.max(worstLoss, Math.abs(a - b) / (1 + Math.abs(b)));
  }
  return { worstLoss, vsAlone: maxRelDiff(split.getWeights(), alone.getWeights()), vsReference: maxRelDiff(split.getWeights(), ref.getWeights()), moved: maxRelDiff(alone.getWeights(), new ReferenceDenseTrainer(spec).getWeights()) };
}

describe('the dense trainer with its batches split in two', () => {
  const cases: [DenseLoss, DenseActivation, Partial<DenseSpec>, number][] = [
    ['binary', 'relu', {}, 17],
    ['binary', 'tanh', { l2: 0.01, dropout: 0.2 }, 33],
    ['softmax', 'sigmoid', { dropout: 0.3 }, 20],
    ['softmax', 'elu', { l2: 0.001 }, 3],
    ['mse', 'relu', { optimizer: { kind: 'sgd', learningRate: 0.02 }, l2: 0.01 }, 64],
    ['huber', 'linear', { dropout: 0.1 }, 2],
    ['binary', 'relu', { inputs: 5, hidden: [{ units: 33, activation: 'relu' }, { units: 17, activation: 'relu' }, { units: 3, activation: 'relu' }], dropout: 0.5 }, 41],
  ];
  it.each(cases)('gives the one-thread weights, both parts here (%s loss, %s, %o, batch %i)', (loss, activation, extra, batch) => {
    const spec = smallSpec(loss, activation, extra);
    const { X, Y } = toyData(101, spec.inputs, spec.outputs, loss);
    const split = new WasmDenseTrainer(spec, { shared: true });
    split.setSplit({ team: null, when: 'always' });
    const r = compare(spec, split, batchesOf(101, batch, 150), X, Y);
    expect(r.moved).toBeGreaterThan(1e-2);
    // Only the order of the gradient sums differs (each part's, then the two added).
    expect(r.worstLoss).toBeLessThan(1e-5);
    expect(r.vsAlone).toBeLessThan(1e-4);
    expect(r.vsReference).toBeLessThan(2e-4);
  });

  it('averages over the whole batch when the parts have different counts of missing targets', () => {
    const spec = smallSpec('mse', 'relu');
    const { X, Y } = toyData(40, spec.inputs, spec.outputs, 'mse');
    // The first 20 rows (most of the caller's part) have every other target, the rest all: each
    // part's own count differs from the batch's, which both must average over.
    for (let i = 0; i < 20; i++) for (let j = 0; j < spec.outputs; j++) if ((i + j) % 2) Y[i * spec.outputs + j] = NaN;
    const split = new WasmDenseTrainer(spec, { shared: true });
    split.setSplit({ team: null, when: 'always' });
    const batches = Array.from({ length: 30 }, () => Int32Array.from({ length: 40 }, (_, i) => i));
    const r = compare(spec, split, batches, X, Y);
    expect(r.vsAlone).toBeLessThan(1e-5);
  });

  it('grows its shared memory for a larger batch, keeping its state', () => {
    const spec = smallSpec('binary', 'relu', { dropout: 0.2 });
    const { X, Y } = toyData(700, spec.inputs, 1, 'binary');
    const split = new WasmDenseTrainer(spec, { shared: true });
    split.setSplit({ team: null, when: 'always' });
    const r = compare(spec, split, [...batchesOf(700, 64, 5), ...batchesOf(700, 600, 3, 9), ...batchesOf(700, 32, 5, 4)], X, Y);
    expect(r.vsAlone).toBeLessThan(1e-4);
  });

  it('runs the second part on a helper thread with the same results', async () => {
    const spec = smallSpec('softmax', 'tanh', { inputs: 20, hidden: [{ units: 64, activation: 'tanh' }, { units: 64, activation: 'tanh' }], outputs: 3, dropout: 0.1, l2: 0.001 });
    const { X, Y } = toyData(2000, spec.inputs, spec.outputs, 'softmax');
    const split = new WasmDenseTrainer(spec, { shared: true });
    const memory = split.teamMemory();
    // The helper thread runs the TypeScript sources through tsx (as `npm run bench` does).
    const script = new URL('../../../testing/denseHelperThread.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: memory });
    const stopped = new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    try {
      for (let waited = 0; !denseHelperReady(memory) && waited < 20_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      expect(denseHelperReady(memory)).toBe(true);
      const team = new DenseTeam(memory);
      split.setSplit({ team, when: 'always' });
      const r = compare(spec, split, batchesOf(2000, 256, 40), X, Y);
      expect(r.moved).toBeGreaterThan(1e-2);
      expect(r.worstLoss).toBeLessThan(1e-5);
      expect(r.vsAlone).toBeLessThan(1e-4);
      team.stop();
      expect(await stopped).toBe('stopped');
    } finally {
      await worker.terminate();
    }
  });
});
