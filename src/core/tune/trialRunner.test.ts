import { describe, expect, it } from 'vitest';
import type { TrainHost } from '../models/definition';
import { growForestChunk } from '../models/trees/forestChunk';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { selectRows } from '../table/DataTable';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { isCancelled } from '../util/errors';
import { autoModel } from './auto';
import { TrialServer } from './trialHost';
import type { TrialHost, TrialRequest } from './trialProtocol';
import { openTrialRunner } from './trialRunner';
import { tuneModel } from './tune';
import type { Trial } from '../train/report';

const penguins = await sample('penguins.csv');

function config(model: string): TrainConfig {
  return { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: model, params: {} }, seed: 5 };
}

/**
 * A host whose "threads" are servers on this thread: requests cross by structured clone (as they
 * would by postMessage) and answer after a seeded random delay, so trials finish out of order.
 * Its helper threads (forest chunks) run here and are counted: trials on the threads get no host,
 * so only a search on the old path reaches them.
 */
function fakeHost(workers: number, options: { tfjs?: boolean } = {}) {
  const servers = Array.from({ length: workers }, () => new TrialServer());
  const seen: { thread: number; setup: boolean; model: string }[] = [];
  const stops: Int32Array[] = [];
  let state = 7;
  const delay = () => new Promise((resolve) => setTimeout(resolve, ((state = (state * 1103515245 + 12345) % 2 ** 31) % 20) + 1));
  const trials: TrialHost = {
    workers,
    tfjs: options.tfjs ?? true,
    async run(thread, request: TrialRequest) {
      seen.push({ thread, setup: Boolean(request.setup), model: request.job.config.model.id });
      if (request.setup) stops.push(request.setup.stop);
      await delay();
      return structuredClone(await servers[thread].run(structuredClone(request)));
    },
    end: async (thread, search) => servers[thread].end(search),
  };
  // The helper threads, here on this thread: only searches on the old path (this thread) use them.
  const helped: string[] = [];
  const host: TrainHost = {
    workers,
    trials,
    growForestChunk: async (chunk) => {
      helped.push('forest');
      return growForestChunk(chunk);
    },
  };
  return { host, seen, stops, helped };
}

const scores = (trials: readonly Trial[]) => trials.map((t) => [t.index, t.params, t.score, t.std, t.folds, t.rows, t.rung]);

describe('parallel trials', () => {
  it('give the sequential search exactly: same candidates, scores, order and best; trials stream as they finish', async () => {
    for (const [model, strategy] of [
      ['knn', 'random'],
      ['tree', 'halving'],
    ] as const) {
      const options = { strategy, trials: strategy === 'halving' ? 9 : 6, folds: 2 };
      const sequential = await tuneModel(penguins, config(model), options);
      const { host, seen } = fakeHost(3);
      const streamed: number[] = [];
      const parallel = await tuneModel(penguins, config(model), options, { host, onTrial: (t) => streamed.push(t.index) });
      expect(scores(parallel.trials)).toEqual(scores(sequential.trials));
      expect(parallel.best.index).toBe(sequential.best.index);
      expect(parallel.stopReason).toBe(sequential.stopReason);
      // Every trial ran on a thread; each thread got the table once.
      expect(seen).toHaveLength(sequential.trials.length);
      expect(seen.filter((s) => s.setup).map((s) => s.thread).sort()).toEqual([0, 1, 2]);
      expect([...streamed].sort((a, b) => a - b)).toEqual(sequential.trials.map((t) => t.index));
      if (model === 'knn') expect(streamed).not.toEqual(sequential.trials.map((t) => t.index));
    }
  });

  it('Auto chooses the same with its rows and trials on threads; TF.js families stay here when the threads have no TF.js', async () => {
    // Every third row: Auto trains every family, the network too.
    const rows = selectRows(penguins, Int32Array.from({ length: 115 }, (_, i) => 3 * i));
    // Every family tuned (one trial each), so the ones that thread themselves are tuned too.
    const auto = { budgetMs: 1, folds: 2, trials: 1, tuneTop: 9 };
    const sequential = await autoModel(rows, config('auto'), auto);
    const { host, seen, helped } = fakeHost(2, { tfjs: false });
    const parallel = await autoModel(rows, config('auto'), auto, { host });
    expect(parallel.leaderboard.map((r) => [r.model, r.score])).toEqual(sequential.leaderboard.map((r) => [r.model, r.score]));
    expect(parallel.trials.map((t) => [t.model, t.params, t.score])).toEqual(sequential.trials.map((t) => [t.model, t.params, t.score]));
    expect(parallel.winner).toEqual(sequential.winner);
    expect(seen.map((s) => s.model)).not.toContain('logistic');
    // gbdt and forest are compared (and their tuned best scored afresh) on the threads, side by side
    // with the other families, but tuned on the old path (their own helper threads).
    expect(seen.filter((s) => s.model === 'gbdt')).toHaveLength(2);
    expect(seen.filter((s) => s.model === 'forest')).toHaveLength(2);
    expect(parallel.trials.filter((t) => t.model === 'forest')).toHaveLength(1);
    expect(helped).toContain('forest');
  });

  it('starts no trial once over budget, and on Cancel stops waiting and raises the threads’ stop flag', async () => {
    let clock = 0;
    const { host } = fakeHost(2);
    // Each clock reading is 100 ms: the budget lets a few trials start, then none.
    const budgeted = await tuneModel(penguins, config('naive-bayes'), { strategy: 'random', trials: 12, folds: 2, budgetMs: 900 }, { host, now: () => (clock += 100) });
    expect(budgeted.trials.length).toBeGreaterThan(1);
    expect(budgeted.trials.length).toBeLessThan(12);
    expect(budgeted.trials.map((t) => t.index)).toEqual(budgeted.trials.map((_, i) => i));
    expect(budgeted.stopReason).toMatch(/^time budget reached after \d+ of 12 trials$/);

    let stop = false;
    const cancelling = fakeHost(2);
    const runner = openTrialRunner(penguins, ['knn'], { host: cancelling.host, shouldStop: () => stop });
    const jobs = Array.from({ length: 8 }, () => ({ config: config('knn'), folds: 2, rows: null }));
    let done = 0;
    const started = runner.run(jobs, { canStart: () => true, onDone: () => ++done === 1 && (stop = true) });
    expect(isCancelled(await started.catch((e) => e))).toBe(true);
    expect(done).toBeLessThan(8);
    expect(cancelling.stops.map((s) => Atomics.load(s, 0))).toEqual([1, 1]);
    runner.close();
  });

  it('stays on this thread with one worker, without a host that runs trials, and for families that thread themselves', () => {
    expect(openTrialRunner(penguins, ['knn'], {}).parallel).toBe(1);
    expect(openTrialRunner(penguins, ['knn'], { host: fakeHost(1).host }).parallel).toBe(1);
    expect(openTrialRunner(penguins, ['mlp'], { host: fakeHost(2, { tfjs: false }).host }).parallel).toBe(1);
    expect(openTrialRunner(penguins, ['gbdt'], { host: fakeHost(2).host }).parallel).toBe(1);
    expect(openTrialRunner(penguins, ['knn'], { host: fakeHost(2).host }).parallel).toBe(2);
  });
});
