/**
 * The studio's main thread around the Evaluate screen, for built copies of the studio side by side
 * (old and new, alternating): opening Evaluate, and a training that finishes while Evaluate is open
 * (the MLP on the 20,000 × 20 file, then gradient boosting). Prints the longest task (wall, long-task
 * observer) and the most CPU in one task (Chrome trace) for each.
 *
 *   npx tsx bench/evaluateFinish.ts dist-old dist-new [rounds]
 */
import type { Page } from '@playwright/test';
import { type MainThreadFigures, watchMainThread, withPage } from './browser';
import { classificationCsv } from './data';

/** What one pass over a build measured. */
interface Pass {
  readonly open: MainThreadFigures;
  readonly mlp: MainThreadFigures;
  readonly gbdt: MainThreadFigures;
}

/** Trains `model` from the Train screen, going to Evaluate at once, and waits until Evaluate shows the new model. */
async function finishOnEvaluate(page: Page, model: RegExp): Promise<MainThreadFigures> {
  await page.getByRole('tab', { name: 'Train' }).click();
  return watchMainThread(page, async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('tab', { name: 'Evaluate' }).click();
    await page.locator('p.lede', { hasText: model }).waitFor({ timeout: 600_000 });
  });
}

async function pass(dist: string, csv: string): Promise<Pass> {
  return withPage(['preview', '--outDir', dist], '/', async (page) => {
    await page.getByTestId('backend-summary').waitFor({ timeout: 120_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.getByLabel('Upload CSV').setInputFiles(csv);
    await page.getByRole('table', { name: 'Column profile' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Problem' }).click();
    await page.getByRole('combobox', { name: 'Target' }).selectOption('y');
    await page.getByRole('tab', { name: 'Train' }).click();
    // A first model (boosting), so that Evaluate has something to show while the next one trains.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('gbdt');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/^Done in /).waitFor({ timeout: 600_000 });
    await page.waitForTimeout(500);
    const trace = process.env.SAPLING_TRACE_OUT;
    if (trace) process.env.SAPLING_TRACE_OUT = trace.replace(/\.json$/, '-open.json');
    const open = await watchMainThread(page, async () => {
      await page.getByRole('tab', { name: 'Evaluate' }).click();
      await page.getByRole('heading', { name: 'Evaluate', level: 2 }).waitFor();
    });
    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByRole('combobox', { name: 'Model' }).selectOption('mlp');
    await page.getByText('Settings', { exact: true }).click();
    await page.getByLabel('Epochs', { exact: true }).fill('3');
    await page.getByLabel('Batch size', { exact: true }).fill('32');
    await page.getByLabel('Early stopping', { exact: true }).uncheck();
    if (trace) process.env.SAPLING_TRACE_OUT = trace.replace(/\.json$/, '-mlp.json');
    const mlp = await finishOnEvaluate(page, /^Neural network \(MLP\) predicting/);
    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByRole('combobox', { name: 'Model' }).selectOption('gbdt');
    if (trace) process.env.SAPLING_TRACE_OUT = trace.replace(/\.json$/, '-gbdt.json');
    const gbdt = await finishOnEvaluate(page, /^Gradient boosting predicting/);
    if (trace) process.env.SAPLING_TRACE_OUT = trace;
    return { open, mlp, gbdt };
  });
}

const [oldDist, newDist, roundsArg] = process.argv.slice(2);
if (!oldDist || !newDist) throw new Error('usage: npx tsx bench/evaluateFinish.ts <old dist> <new dist> [rounds]');
const csv = classificationCsv(20_000, 20);
const rounds = Number(roundsArg ?? 3);
const results: Record<string, Pass[]> = { [oldDist]: [], [newDist]: [] };
const cell = (f: MainThreadFigures) => `${f.longestCpuMs.toFixed(0)} cpu / ${f.longestMs.toFixed(0)} wall`;
for (let r = 0; r < rounds; r++) {
  for (const dist of [oldDist, newDist]) {
    const p = await pass(dist, csv);
    results[dist].push(p);
    console.log(`${dist} round ${r + 1}: open Evaluate ${cell(p.open)}; MLP finishes on Evaluate ${cell(p.mlp)}; boosting finishes on Evaluate ${cell(p.gbdt)} (ms)`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const dist of [oldDist, newDist]) {
  const m = (k: keyof Pass, f: keyof MainThreadFigures) => median(results[dist].map((p) => p[k][f])).toFixed(0);
  console.log(`${dist} medians (cpu / wall ms): open ${m('open', 'longestCpuMs')} / ${m('open', 'longestMs')}; MLP finish ${m('mlp', 'longestCpuMs')} / ${m('mlp', 'longestMs')}; boosting finish ${m('gbdt', 'longestCpuMs')} / ${m('gbdt', 'longestMs')}`);
}
