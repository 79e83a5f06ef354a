// The dense trainer's variants in headless Chromium's worker (bench/dense-page, built as the
// studio ships and served by `vite preview` with cross-origin isolation):
//   npx tsx bench/denseThreadsBrowser.ts [reps] [batches] [port]
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper shared with the test set-up
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

const reps = process.argv[2] ?? '5';
const batches = process.argv[3] ?? '32,128,256,1024';
const port = Number(process.argv[4] ?? 4493);
const outDir = fileURLToPath(new URL('./.data/dense-page', import.meta.url));
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
execFileSync(process.execPath, [vite, 'build', 'bench/dense-page', '--config', 'vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error']);
const server = spawn(process.execPath, [vite, 'preview', 'bench/dense-page', '--outDir', outDir, '--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
try {
  for (let up = false; !up; ) {
    await new Promise((r) => setTimeout(r, 200));
    up = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
  }
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/?reps=${reps}&batches=${batches}`);
    const result = await page.evaluate(() => (window as unknown as { benchResult: Promise<{ isolated: boolean; workers: number; relaxed: boolean; configs: string[]; table: Record<string, number[]> }> }).benchResult);
    console.log(`Chromium ${browser.version()}, worker: cross-origin isolated ${result.isolated}, ${result.workers} part workers, relaxed SIMD ${result.relaxed}; ms per epoch, median of ${reps}`);
    console.log(`| batch | ${result.configs.join(' | ')} |`);
    console.log(`| --- | ${result.configs.map(() => '---').join(' | ')} |`);
    for (const [batch, ms] of Object.entries(result.table)) console.log(`| ${batch} | ${ms.map((m) => m.toFixed(1)).join(' | ')} |`);
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}
