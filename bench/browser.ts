import { type Browser, type Page, chromium } from '@playwright/test';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withoutIsolation } from '../e2e/fixtures/isolation';
// @ts-expect-error plain ESM helper shared with the test set-up
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

/** The port the bench serves pages on; SAPLING_BENCH_PORT moves it (two benches side by side on one machine). */
const PORT = Number(process.env.SAPLING_BENCH_PORT ?? 4391);

/** Starts a Vite server (`vite preview` of the built app, or the dev server on `root`) and resolves once it answers. */
async function serve(args: string[]): Promise<ChildProcess> {
  // Vite's own entry (not `npx`), so that killing the child stops the server itself.
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const child = spawn(process.execPath, [vite, ...args, '--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error(`vite ${args.join(' ')} exited before serving (is port ${PORT} busy?)`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('vite preview did not start');
}

/**
 * Serves a page with Vite (`serverArgs`), opens it in headless Chromium (after `before`, e.g. routes)
 * and runs `use` on it; the browser and the server are always stopped afterwards.
 */
export async function withPage<T>(serverArgs: string[], path: string, use: (page: Page) => Promise<T>, before?: (page: Page) => Promise<void>): Promise<T> {
  const server = await serve(serverArgs);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await before?.(page);
    await page.goto(`http://127.0.0.1:${PORT}${path}`);
    return await use(page);
  } finally {
    await browser?.close();
    server.kill();
  }
}

/** What the studio measured, per backend: training milliseconds per epoch, through the real UI. */
export interface BrowserFigures {
  readonly chosen: string;
  readonly candidates: string[];
  readonly msPerEpoch: Record<string, number>;
  /** The main thread's longest task while each backend trained (long-task observer), and its most CPU in one task (trace). */
  readonly longestTaskMs: Record<string, MainThreadFigures>;
  /** The same while gradient boosting trains (default settings) on the same file. */
  readonly boosting: MainThreadFigures;
}

/**
 * The page's main thread while a model trains: the longest task by the long-task observer (wall
 * time, what a person feels, and what a loaded machine stretches) and the most CPU time any one task
 * took (from a Chrome trace, which load disturbs far less).
 */
export interface MainThreadFigures {
  readonly longestMs: number;
  readonly longestCpuMs: number;
}

/** Clicks Train and waits for the done line, watching the main thread: long tasks, and each task's CPU time in a trace. */
async function trainWatched(page: Page): Promise<MainThreadFigures> {
  return watchMainThread(page, async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByText(/^Done in /).waitFor({ timeout: 600_000 });
  });
}

/**
 * Runs `act` (then waits a second for what it set off to be drawn) watching the main thread: the
 * longest task by the long-task observer (installed by the caller as `window.longTasks`) and the
 * most CPU in one task from a Chrome trace.
 */
export async function watchMainThread(page: Page, act: () => Promise<void>): Promise<MainThreadFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'blink.user_timing', ...(process.env.SAPLING_TRACE_OUT ? ['devtools.timeline'] : [])] } });
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    performance.mark('bench-train-start');
  });
  await act();
  // The finish: the result, the final chart and the run history are drawn after the done line.
  await page.waitForTimeout(1000);
  const longestMs = Math.max(0, ...(await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)));
  await page.evaluate(() => performance.mark('bench-train-end'));
  const stream = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const handle = await stream;
  let text = '';
  for (let eof = false; !eof; ) {
    const chunk = await cdp.send('IO.read', { handle, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    eof = chunk.eof;
  }
  await cdp.send('IO.close', { handle });
  await cdp.detach();
  // SAPLING_TRACE_OUT=<file> keeps the last trace, to open in the browser's performance panel.
  if (process.env.SAPLING_TRACE_OUT) writeFileSync(process.env.SAPLING_TRACE_OUT, text);
  return { longestMs, longestCpuMs: longestTaskCpu(JSON.parse(text)) };
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
}

/** The most thread CPU time (ms) of one task on the page's main thread (where its marks are) between its two marks. */
function longestTaskCpu(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): number {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const start = events.find((e) => e.name === 'bench-train-start');
  const end = events.find((e) => e.name === 'bench-train-end');
  if (!start || !end) throw new Error('the trace has no bench marks');
  let most = 0;
  for (const e of events) {
    if (e.name === 'RunTask' && e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.ts >= start.ts && e.ts <= end.ts) most = Math.max(most, (e.tdur ?? 0) / 1000);
  }
  return most;
}

/**
 * Drives the built studio in headless Chromium: uploads the CSV, trains the MLP for a few epochs on
 * each backend, and reads the training time from the exported model's report.
 */
export async function browserEpochTimes(csvPath: string, epochs: number, batchSize: number, backends: string[]): Promise<BrowserFigures> {
  return withPage(['preview'], '/', async (page) => {
    // The backend chooser sits in the header's compute details (closed until opened).
    await page.getByTestId('backend-summary').waitFor({ timeout: 120_000 });
    const select = page.getByRole('combobox', { name: 'Backend', includeHidden: true });
    const chosen = await select.inputValue();
    const candidates = await select.locator('option').allTextContents();
    await page.getByLabel('Upload CSV').setInputFiles(csvPath);
    await page.getByRole('table', { name: 'Column profile' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Problem' }).click();
    await page.getByRole('combobox', { name: 'Target' }).selectOption('y');
    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByRole('combobox', { name: 'Model' }).selectOption('mlp');
    await page.getByText('Settings', { exact: true }).click();
    await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
    await page.getByLabel('Batch size', { exact: true }).fill(String(batchSize));
    await page.getByLabel('L2 penalty', { exact: true }).fill('0');
    await page.getByLabel('Early stopping', { exact: true }).uncheck();
    const msPerEpoch: Record<string, number> = {};
    const longestTaskMs: Record<string, MainThreadFigures> = {};
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    for (const backend of backends) {
      if (backend !== (await select.inputValue())) {
        await page.locator('details.backend-details summary').click();
        await select.selectOption(backend);
        await page.getByTestId('backend-reason').getByText('chosen by you').waitFor({ state: 'attached', timeout: 60_000 });
        await page.keyboard.press('Escape');
      }
      longestTaskMs[backend] = await trainWatched(page);
      await page.getByRole('tab', { name: 'Export' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
      const report = JSON.parse(readFileSync((await download.path())!, 'utf8')).report;
      msPerEpoch[backend] = report.timings_ms.train / report.history.length;
      await page.getByRole('tab', { name: 'Train' }).click();
    }
    // Boosting on the same file, with its default settings (100 rounds of 31 leaves, early stopping).
    await page.getByRole('combobox', { name: 'Model' }).selectOption('gbdt');
    const boosting = await trainWatched(page);
    return { chosen, candidates, msPerEpoch, longestTaskMs, boosting };
  });
}

/**
 * Sapling's MLP in a worker, on the dense trainer and on the TF.js loop, for each batch size:
 * bench/epoch-page, built for production (minified, as the studio ships) and served by `vite
 * preview`. Milliseconds per epoch.
 */
export async function loopVersusFit(rows: number, epochs: number, batches: readonly number[]): Promise<{ backend: string; detail: string; dense: number[]; tfjs: number[] }> {
  const outDir = fileURLToPath(new URL('./.data/epoch-page', import.meta.url));
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  execFileSync(process.execPath, [vite, 'build', 'bench/epoch-page', '--config', 'vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error']);
  return withPage(['preview', 'bench/epoch-page', '--outDir', outDir], `/?rows=${rows}&epochs=${epochs}&batches=${batches.join(',')}&backend=wasm`, async (page) => {
    return await page.evaluate(() => (window as unknown as { benchResult: Promise<{ backend: string; detail: string; dense: number[]; tfjs: number[] }> }).benchResult);
  });
}

/** What loading a big CSV in the studio cost: seconds to a profile, and the main thread's longest stall. */
export interface IngestFigures {
  readonly seconds: number;
  readonly longestTaskMs: number;
  readonly longTasksOver50: number;
  readonly rows: string;
  /** The longest main-thread task while scrolling the grid through every row. */
  readonly scrollLongestTaskMs: number;
}

/**
 * Uploads a CSV to the built studio through its file input and waits for the profile, while a
 * PerformanceObserver records every long task on the main thread.
 */
export async function browserIngest(csvPath: string): Promise<IngestFigures> {
  return withPage(['preview'], '/', async (page) => {
    await page.getByTestId('backend-reason').waitFor({ timeout: 120_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await page.getByLabel('Upload CSV').setInputFiles(csvPath);
  await page.getByRole('table', { name: 'Column profile' }).waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(500);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const rows = (await page.getByLabel('Data summary').textContent()) ?? '';
  // Then scroll the data grid from top to bottom, as a person dragging the scrollbar would.
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  const grid = page.locator('.grid-scroll');
  await grid.scrollIntoViewIfNeeded();
  const height = await grid.evaluate((el) => el.scrollHeight);
  for (let step = 1; step <= 40; step++) {
    await grid.evaluate((el, y) => el.scrollTo(0, y), (height * step) / 40);
    await page.waitForTimeout(50);
  }
  await page.getByRole('table', { name: 'Data rows' }).getByText('1,000,000', { exact: true }).waitFor({ timeout: 30_000 });
  const scrollTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  return {
    seconds,
    longestTaskMs: Math.max(0, ...tasks),
    longTasksOver50: tasks.filter((t) => t > 50).length,
    rows,
    scrollLongestTaskMs: Math.max(0, ...scrollTasks),
  };
  });
}

/**
 * Tunes `model` in the built studio (random search, `trials` trials, `folds` folds) on the CSV and
 * returns the seconds from the click to the done line. `isolated: false` strips the cross-origin
 * isolation headers from every response, so the page has no shared memory and no part workers and
 * its trials run one after another on the engine's thread, as on a host that does not send them.
 */
export async function browserTuningSeconds(csvPath: string, model: { id: string; label: string }, trials: number, folds: number, isolated: boolean): Promise<number> {
  return withPage(
    ['preview'],
    '/',
    async (page) => {
      await page.getByTestId('backend-reason').waitFor({ timeout: 120_000 });
      if ((await page.evaluate(() => self.crossOriginIsolated)) !== isolated) throw new Error(`the page is ${isolated ? 'not ' : ''}cross-origin isolated`);
      await page.getByLabel('Upload CSV').setInputFiles(csvPath);
      await page.getByRole('table', { name: 'Column profile' }).waitFor({ timeout: 120_000 });
      await page.getByRole('tab', { name: 'Problem' }).click();
      await page.getByRole('combobox', { name: 'Target' }).selectOption('y');
      await page.getByRole('tab', { name: 'Train' }).click();
      await page.getByRole('combobox', { name: 'Model' }).selectOption(model.id);
      await page.getByText('Search settings', { exact: true }).click();
      await page.getByLabel('Search', { exact: true }).selectOption('random');
      await page.getByLabel('Trials', { exact: true }).fill(String(trials));
      await page.getByLabel('Cross-validation folds').fill(String(folds));
      const t0 = Date.now();
      await page.getByRole('button', { name: `Tune ${model.label}` }).click();
      await page.getByText(/^Done in [\d.]+ s: /).waitFor({ timeout: 600_000 });
      return (Date.now() - t0) / 1000;
    },
    isolated ? undefined : withoutIsolation,
  );
}
