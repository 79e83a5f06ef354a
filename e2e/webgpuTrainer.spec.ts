import { type Page, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper shared with playwright.config.ts
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import type { CheckCase, CheckResult, LoopResult } from './webgpu-trainer-page/main';

/**
 * The fused WebGPU dense trainer against the TS reference, on Chromium's software WebGPU adapter
 * (SwiftShader): `--enable-unsafe-webgpu` alone gives headless Chromium on Linux that adapter
 * (vendor google, architecture swiftshader, isFallbackAdapter true); without the flag
 * requestAdapter() returns null. The flag is set for this file only, so the studio's other specs
 * keep seeing no WebGPU.
 */
test.use({ launchOptions: { executablePath: findChromium() ?? undefined, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pageDir = join(root, `${process.env.SAPLING_E2E_DIST ?? 'dist'}-webgpu-page`);

/**
 * How far apart the trainers may end up after a few epochs of Adam at learning rate 0.01 (SGD 0.05):
 * the GPU sums its products in float32 where the reference sums in float64, and WGSL's exp, log,
 * tanh, sqrt and division are not correctly rounded; those differences grow a little step by step.
 */
const WEIGHT_TOLERANCE = 1e-5;
const LOSS_TOLERANCE = 1e-5;

const base = { inputs: 6, outputs: 1, rows: 150, batchSize: 32, epochs: 3 } as const;
const CASES: CheckCase[] = [
  { ...base, name: 'binary, relu', loss: 'binary', activations: ['relu', 'relu'], units: [8, 5] },
  { ...base, name: 'softmax, tanh, 4 classes, rows without targets', loss: 'softmax', outputs: 4, activations: ['tanh'], units: [7], missing: 0.1 },
  { ...base, name: 'mse, sigmoid then elu', loss: 'mse', activations: ['sigmoid', 'elu'], units: [9, 6] },
  { ...base, name: 'huber, linear, 3 outputs mostly NaN (DQN)', loss: 'huber', outputs: 3, activations: ['linear', 'relu'], units: [8, 8], missing: 0.66 },
  { ...base, name: 'binary, elu, dropout and L2', loss: 'binary', activations: ['elu', 'tanh'], units: [12, 10], dropout: 0.25, l2: 0.01 },
  { ...base, name: 'mse, relu, SGD', loss: 'mse', activations: ['relu'], units: [10], sgd: true },
  // Sizes that cross the 16×16 tiles and a batch that leaves a short last one (203 = 5·40 + 3).
  { name: 'softmax, relu, tiles crossed, short last batch', loss: 'softmax', inputs: 19, outputs: 3, rows: 203, batchSize: 40, epochs: 2, activations: ['relu', 'sigmoid'], units: [33, 17], dropout: 0.1 },
  // Batches wider than the loss kernel's 256 threads; then more steps than one submission holds (1024).
  { name: 'mse, tanh, batches of 300 rows', loss: 'mse', inputs: 5, outputs: 2, rows: 700, batchSize: 300, epochs: 3, activations: ['tanh'], units: [6], l2: 0.001 },
  { name: 'binary, relu, 1030 one-row steps in two submissions', loss: 'binary', inputs: 3, outputs: 1, rows: 1030, batchSize: 1, epochs: 1, activations: ['relu'], units: [4] },
];

test.describe('WebGPU dense trainer', () => {
  test.beforeAll(() => {
    // A page of its own, built by Vite (no config: it needs none of the studio's plugins) with
    // relative URLs, served from disk through page.route on the e2e server's origin (a secure
    // context, which navigator.gpu requires).
    const vite = join(root, 'node_modules/vite/bin/vite.js');
    execFileSync(process.execPath, [vite, 'build', 'e2e/webgpu-trainer-page', '--base', './', '--outDir', pageDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: root });
  });

  /** Opens the built check page (served from disk on the e2e server's origin). */
  async function openCheckPage(page: Page): Promise<void> {
    await page.route('**/webgpu-trainer/**', (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^\/webgpu-trainer\/?/, '') || 'index.html';
      const file = join(pageDir, rel);
      return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
    });
    await page.goto('/webgpu-trainer/index.html');
    await page.waitForFunction(() => 'denseCheck' in window);
  }

  for (const c of CASES) {
    test(c.name, async ({ page }) => {
      await openCheckPage(page);
      const result = await page.evaluate((c) => (window as unknown as { denseCheck(c: CheckCase): Promise<CheckResult | { skip: string }> }).denseCheck(c), c);
      test.skip('skip' in result, `no WebGPU adapter at all in this Chromium: ${'skip' in result ? result.skip : ''}`);
      const r = result as CheckResult;
      console.log(`${c.name}: adapter ${r.adapter}${r.fallback ? ' (fallback)' : ''}; losses ref ${r.refLosses.map((l) => l.toFixed(6)).join(' ')} gpu ${r.gpuLosses.map((l) => l.toFixed(6)).join(' ')}; max weight diff ${r.maxWeightDiff.toExponential(2)} of max |w| ${r.maxWeight.toFixed(3)}, moved ${r.maxWeightMove.toFixed(3)}`);
      expect(r.initialExact, 'the GPU starts from the reference initial weights, bit for bit').toBe(true);
      expect(r.maxWeightMove, 'training moved the weights far beyond the tolerance').toBeGreaterThan(1000 * WEIGHT_TOLERANCE);
      expect(r.maxWeightDiff).toBeLessThan(WEIGHT_TOLERANCE * Math.max(1, r.maxWeight));
      r.gpuLosses.forEach((l, i) => expect(Math.abs(l - r.refLosses[i]), `epoch ${i + 1} loss`).toBeLessThan(LOSS_TOLERANCE * Math.max(1, r.refLosses[i])));
    });
  }

  test('the MLP loop (hold-out, early stopping, best weights read back) on the GPU trainer follows the CPU dense trainer', async ({ page }) => {
    await openCheckPage(page);
    const result = await page.evaluate(() => (window as unknown as { loopCheck(): Promise<LoopResult | { skip: string }> }).loopCheck());
    test.skip('skip' in result, `no WebGPU adapter at all in this Chromium: ${'skip' in result ? result.skip : ''}`);
    const r = result as LoopResult;
    console.log(`loop: cpu ${r.cpu.stopReason}; gpu ${r.gpu.stopReason}; max weight diff ${r.maxWeightDiff.toExponential(2)}`);
    expect(r.cpu.stopReason, 'early stopping fired in this set-up').toMatch(/^early stopping/);
    expect(r.gpu.stopReason).toBe(r.cpu.stopReason);
    expect(r.gpu.history.length).toBe(r.cpu.history.length);
    r.gpu.history.forEach((log, i) => {
      const ref = r.cpu.history[i];
      expect(Math.abs(log.loss - ref.loss), `epoch ${i + 1} loss`).toBeLessThan(LOSS_TOLERANCE * Math.max(1, ref.loss));
      expect(Math.abs(log.valLoss! - ref.valLoss!), `epoch ${i + 1} validation loss`).toBeLessThan(LOSS_TOLERANCE * Math.max(1, ref.valLoss!));
      expect(log.valMetric).toBe(ref.valMetric);
    });
    expect(r.maxWeightDiff).toBeLessThan(WEIGHT_TOLERANCE);
  });
});
