import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { compileDense, denseModule as denseModuleText, relaxedDense } from '../../../../../scripts/build-kernels.mjs';
import { denseKernelVariant, denseModule, relaxedSimdAvailable, sharedMemoryAvailable } from './kernelModule';
import { WasmDenseTrainer } from './wasm';

describe('the dense trainer kernels', () => {
  it('are the compiled forms of dense.wat (run `node scripts/build-kernels.mjs` after editing it)', async () => {
    const text = readFileSync(new URL('../../../kernels/dense.wat', import.meta.url), 'utf8');
    expect(readFileSync(new URL('../../../kernels/dense.wasm.ts', import.meta.url), 'utf8')).toBe(denseModuleText(await compileDense(text)));
  });

  it('fuse exactly the products’ multiply-adds in the relaxed form', () => {
    const text = readFileSync(new URL('../../../kernels/dense.wat', import.meta.url), 'utf8');
    const relaxed: string = relaxedDense(text);
    // 10 accumulations in each of $product and $layerGradients (16-unit blocks and 4-unit tails).
    expect(relaxed.match(/f32x4\.relaxed_madd/g)).toHaveLength(20);
    expect(relaxed).toContain('(f32x4.relaxed_madd (local.get $a) (local.get $w0) (local.get $p0))');
    // Adam's update keeps its separate multiplies and adds.
    const update = (t: string) => t.slice(t.indexOf('(func $update'), t.indexOf('(func $kernelSquares'));
    expect(update(relaxed)).toBe(update(text));
  });

  it('run plain SIMD here, relaxed SIMD where the engine validates it, over plain and shared memories', () => {
    expect(denseModule('simd', false)).not.toBeNull();
    expect(sharedMemoryAvailable()).toBe(true);
    expect(denseModule('simd', true)).not.toBeNull();
    // Node 20 (V8 11.3) runs relaxed SIMD only with --experimental-wasm-relaxed-simd; Node 22 does by default.
    expect(denseKernelVariant()).toBe(relaxedSimdAvailable() ? 'relaxed' : 'simd');
    expect(new WasmDenseTrainer({ inputs: 2, hidden: [], outputs: 1, loss: 'binary', dropout: 0, l2: 0, optimizer: { kind: 'sgd', learningRate: 0.1 }, seed: 1 }).variant).toBe(denseKernelVariant());
  });

  it('in relaxed SIMD (Node with the flag) give the plain kernels’ and the reference’s weights up to float rounding', () => {
    const script = new URL('../../../testing/denseRelaxedParity.ts', import.meta.url).pathname;
    const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout) as { variant: string; chosen: string; results: { worstLoss: number; vsReference: number; vsPlain: number; splitVsAlone: number; worstOutput: number; moved: number }[] };
    expect(out.variant).toBe('relaxed');
    expect(out.chosen).toBe('relaxed');
    for (const r of out.results) {
      expect(r.moved).toBeGreaterThan(1e-2);
      expect(r.worstLoss).toBeLessThan(1e-4);
      expect(r.vsReference).toBeLessThan(2e-4);
      expect(r.vsPlain).toBeLessThan(2e-4);
      expect(r.splitVsAlone).toBeLessThan(1e-4);
      expect(r.worstOutput).toBeLessThan(1e-3);
    }
  });
});
