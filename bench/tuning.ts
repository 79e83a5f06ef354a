/**
 * Tuning on threads: `sapling tune` with 20 random-search trials on a 5,000-row table, whole
 * processes on one thread (`SAPLING_THREADS=1`, trials one after another) and on every core
 * (trials side by side), taken in turns, median of three each.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { browserTuningSeconds } from './browser';
import { classificationCsv } from './data';

const root = join(import.meta.dirname, '..');
const RUNS = 3;

function seconds(args: string[], env: Record<string, string>): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`sapling ${args.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return (performance.now() - t) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function tuningSection(say: (line: string) => void): Promise<void> {
  const csv = classificationCsv(5_000, 20);
  say(`\`sapling tune\` on 5,000 × 20 (4,000 training rows, 3-fold cross-validation), 20 random trials, whole process; one thread against ${cpus().length} (taken in turns, median of ${RUNS}).`);
  say('');
  say('| model | 1 thread | all threads | speed-up |');
  say('| --- | --- | --- | --- |');
  for (const model of ['knn', 'tree', 'gbdt', 'logistic']) {
    const args = ['tune', csv, '--target', 'y', '--model', model, '--trials', '20'];
    const one: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      one.push(seconds(args, { SAPLING_THREADS: '1' }));
      all.push(seconds(args, {}));
    }
    // These two keep trials one after another (see tune/trialRunner.ts); their figures show that path.
    const note = model === 'logistic' ? ' (TF.js: trials one after another)' : model === 'gbdt' ? ' (trials one after another, boosting with its helper thread)' : '';
    say(`| ${model}${note} | ${median(one).toFixed(2)} s | ${median(all).toFixed(2)} s | **${(median(one) / median(all)).toFixed(2)}×** |`);
  }
  say('');
  // The studio: the built app with and without cross-origin isolation (no shared memory: no part
  // workers, trials one after another on the engine's thread).
  say(`The studio (built app, headless Chromium, through the UI), the same CSV and search, click to done line; isolated (${cpus().length} part workers, trials side by side) against not isolated (trials one after another), in turns, median of ${RUNS}:`);
  say('');
  say('| model | not isolated | isolated | speed-up |');
  say('| --- | --- | --- | --- |');
  for (const model of [{ id: 'knn', label: 'k nearest neighbours' }, { id: 'tree', label: 'Decision tree' }]) {
    const one: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      one.push(await browserTuningSeconds(csv, model, 20, 3, false));
      all.push(await browserTuningSeconds(csv, model, 20, 3, true));
    }
    say(`| ${model.id} | ${median(one).toFixed(2)} s | ${median(all).toFixed(2)} s | **${(median(one) / median(all)).toFixed(2)}×** |`);
  }
}
