import { relaxedSimdAvailable } from '../../src/core/models/mlp/dense/kernelModule';
import { DenseTeam } from '../../src/core/models/mlp/dense/team';
import type { DenseSpec } from '../../src/core/models/mlp/dense/types';
import { WasmDenseTrainer } from '../../src/core/models/mlp/dense/wasm';
import { createRng, shuffleInPlace } from '../../src/core/util/rng';
import { PartPool } from '../../src/workers/partPool';

/**
 * The dense trainer's variants in a worker, as bench/denseThreads.ts times them in Node: plain or
 * relaxed SIMD, one thread or the batch split with one of the engine's part workers (always, or as
 * the trainer measures). Wall ms per epoch of 20→64→64→1 on 20,000 rows, configurations alternating
 * rep by rep, medians.
 */
self.onmessage = async (e: MessageEvent<{ reps?: string; batches?: string }>) => {
  const reps = Number(e.data.reps ?? 5);
  const batches = (e.data.batches ?? '32,128,256,1024').split(',').map(Number);
  const rows = 20_000;
  const d = 20;
  const rng = createRng(7);
  const X = Float32Array.from({ length: rows * d }, () => rng.normal());
  const Y = Float32Array.from({ length: rows }, (_, i) => (X[i * d] + X[i * d + 1] > 0 ? 1 : 0));
  const spec = (seed: number): DenseSpec => ({ inputs: d, hidden: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }], outputs: 1, loss: 'binary', dropout: 0, l2: 0, optimizer: { kind: 'adam', learningRate: 0.001 }, seed });
  const pool = new PartPool();
  const variants = relaxedSimdAvailable() ? (['simd', 'relaxed'] as const) : (['simd'] as const);
  const splits = pool.workers > 1 ? (['none', 'always', 'measured'] as const) : (['none'] as const);
  const configs = variants.flatMap((variant) => splits.map((split) => ({ name: `${variant}/${split}`, variant, split })));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const table: Record<string, number[]> = {};
  for (const batch of batches) {
    const wall = configs.map(() => [] as number[]);
    for (let rep = 0; rep < reps; rep++) {
      for (const [c, config] of configs.entries()) {
        const trainer = new WasmDenseTrainer(spec(rep + 1), { variant: config.variant, shared: config.split !== 'none' });
        let team: DenseTeam | null = null;
        let served: Promise<void> | null = null;
        if (config.split !== 'none') {
          const memory = trainer.teamMemory();
          served = pool.serveDense(memory);
          team = new DenseTeam(memory);
          while (!team.ready) await new Promise((r) => setTimeout(r, 2));
          trainer.setSplit({ team, when: config.split });
        }
        const order = Int32Array.from({ length: rows }, (_, i) => i);
        for (let epoch = 0; epoch <= 2; epoch++) {
          shuffleInPlace(order, rng);
          const t0 = performance.now();
          for (let s = 0; s < rows; s += batch) trainer.step(X, Y, order.subarray(s, Math.min(rows, s + batch)));
          if (epoch > 0) wall[c].push(performance.now() - t0);
        }
        team?.stop();
        await served;
      }
    }
    table[batch] = wall.map(median);
  }
  postMessage({ isolated: self.crossOriginIsolated, workers: pool.workers, relaxed: relaxedSimdAvailable(), configs: configs.map((c) => c.name), table });
};
