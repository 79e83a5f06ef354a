// The dense trainer's variants side by side, in Node: plain or relaxed SIMD, one thread or the
// batch split with a helper thread (always, or as the trainer measures). Run with relaxed SIMD on:
//   node --experimental-wasm-relaxed-simd --import tsx bench/denseThreads.ts [reps] [batches]
// Epoch of 20→64→64→1 on 20,000 rows, Adam; configurations alternate rep by rep (load on this
// shared machine drifts), medians of wall ms per epoch and of the process's CPU ms per epoch
// (both threads, the helper's spinning included).
import { Worker } from 'node:worker_threads';
import { relaxedSimdAvailable } from '../src/core/models/mlp/dense/kernelModule';
import { DenseTeam, denseHelperReady, type DenseTeamMemory } from '../src/core/models/mlp/dense/team';
import type { DenseSpec } from '../src/core/models/mlp/dense/types';
import { WasmDenseTrainer } from '../src/core/models/mlp/dense/wasm';
import { createRng, shuffleInPlace } from '../src/core/util/rng';

interface Config {
  readonly name: string;
  readonly variant: 'simd' | 'relaxed';
  readonly split: 'none' | 'always' | 'measured';
}

const ROWS = 20_000;
const D = 20;
const spec = (seed: number): DenseSpec => ({ inputs: D, hidden: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }], outputs: 1, loss: 'binary', dropout: 0, l2: 0, optimizer: { kind: 'adam', learningRate: 0.001 }, seed });

/** A helper thread serving `memory` (the TypeScript sources through tsx). */
async function helperThread(memory: DenseTeamMemory): Promise<{ team: DenseTeam; done: Promise<unknown> }> {
  const script = new URL('../src/core/testing/denseHelperThread.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`, { eval: true, workerData: memory });
  const done = new Promise((resolve) => worker.once('message', resolve)).then(() => worker.terminate());
  while (!denseHelperReady(memory)) await new Promise((r) => setTimeout(r, 5));
  return { team: new DenseTeam(memory), done };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 5);
  const batches = (process.argv[3] ?? '32,64,128,256,1024').split(',').map(Number);
  const rng = createRng(7);
  const X = Float32Array.from({ length: ROWS * D }, () => rng.normal());
  const Y = Float32Array.from({ length: ROWS }, (_, i) => (X[i * D] + X[i * D + 1] > 0 ? 1 : 0));
  const variants: ('simd' | 'relaxed')[] = relaxedSimdAvailable() ? ['simd', 'relaxed'] : ['simd'];
  const configs: Config[] = variants.flatMap((variant) => (['none', 'always', 'measured'] as const).map((split) => ({ name: `${variant}/${split}`, variant, split })));
  console.log(`relaxed SIMD here: ${relaxedSimdAvailable()}; ms per epoch (wall | CPU of both threads), median of ${reps}`);
  console.log(`| batch | ${configs.map((c) => `${c.name} wall | CPU`).join(" | ")} |`);
  console.log(`| --- | ${configs.map(() => "--- | ---").join(" | ")} |`);
  for (const batch of batches) {
    const wall = configs.map(() => [] as number[]);
    const cpu = configs.map(() => [] as number[]);
    for (let rep = 0; rep < reps; rep++) {
      for (const [c, config] of configs.entries()) {
        const trainer = new WasmDenseTrainer(spec(rep + 1), { variant: config.variant, shared: config.split !== 'none' });
        const helper = config.split === 'none' ? null : await helperThread(trainer.teamMemory());
        if (helper) trainer.setSplit({ team: helper.team, when: config.split === 'always' ? 'always' : 'measured' });
        const order = Int32Array.from({ length: ROWS }, (_, i) => i);
        const epochs = 2;
        // One warm-up epoch (compilation tiers, the choice's trials), then the timed ones.
        for (let epoch = 0; epoch <= epochs; epoch++) {
          shuffleInPlace(order, rng);
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          for (let s = 0; s < ROWS; s += batch) trainer.step(X, Y, order.subarray(s, Math.min(ROWS, s + batch)));
          if (epoch === 0) continue;
          const used = process.cpuUsage(c0);
          wall[c].push(performance.now() - t0);
          cpu[c].push((used.user + used.system) / 1000);
        }
        helper?.team.stop();
        await helper?.done;
      }
    }
    console.log(`| ${batch} | ${configs.map((_, c) => `${median(wall[c]).toFixed(1)} | ${median(cpu[c]).toFixed(1)}`).join(' | ')} |`);
  }
}

await main();
