import { describe, expect, it } from 'vitest';
import { knnInfo } from '../models/neighbors/info';
import { gbdtInfo } from '../models/trees/info';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { selectRows } from '../table/DataTable';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { crossValidate } from '../train/crossValidate';
import { isCancelled } from '../util/errors';
import { createRng } from '../util/rng';
import { gridParams, sampleParams, searchSpace } from './space';
import { type TuneResult, leadingTrial, tuneAndTrain, tuneModel, tuningReport } from './tune';
import type { Trial } from '../train/report';
import { runTraining } from '../train/runTraining';

const penguins = await sample('penguins.csv');

function config(model: string): TrainConfig {
  return { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: model, params: {} }, seed: 3 };
}

describe('search space', () => {
  it('comes from the schema’s tune ranges: numbers (integer, log), choices, values', () => {
    const space = searchSpace(gbdtInfo.schema);
    expect(space.map((d) => d.name)).toEqual(['learningRate', 'leaves', 'minSamplesLeaf', 'l2', 'colSubsample']);
    expect(space[0]).toEqual({ name: 'learningRate', kind: 'number', min: 0.01, max: 0.3, log: true, integer: false });
    expect(space[1]).toMatchObject({ name: 'leaves', kind: 'number', integer: true, log: true });
    expect(space[3]).toEqual({ name: 'l2', kind: 'values', values: [0, 0.1, 1, 10] });
    const rng = createRng(1);
    const draws = Array.from({ length: 400 }, () => sampleParams(space, rng));
    for (const p of draws) {
      expect(p.learningRate as number).toBeGreaterThanOrEqual(0.01);
      expect(p.learningRate as number).toBeLessThanOrEqual(0.3);
      expect(Number.isInteger(p.leaves)).toBe(true);
      expect([0, 0.1, 1, 10]).toContain(p.l2);
    }
    // Log-uniform: about half the learning rates fall below the geometric middle (√(0.01·0.3) ≈ 0.055).
    const low = draws.filter((p) => (p.learningRate as number) < Math.sqrt(0.01 * 0.3)).length;
    expect(low).toBeGreaterThan(160);
    expect(low).toBeLessThan(240);
    const knn = searchSpace(knnInfo.schema);
    expect(gridParams(knn)).toHaveLength(3 * 2 * 2);
    expect(gridParams(knn).map((g) => g.k)).toEqual(expect.arrayContaining([1, 7, 50]));
  });
});

describe('tuneModel', () => {
  it('never tries a random candidate twice, and stops when the space has no new one', async () => {
    // k-NN's space: k 1…50, two weightings, two distances — 200 points; 300 trials ask for more.
    const rows = selectRows(penguins, Int32Array.from({ length: 60 }, (_, i) => i * 5));
    const result = await tuneModel(rows, config('knn'), { strategy: 'random', trials: 300, folds: 2 });
    const keys = result.trials.slice(1).map((t) => JSON.stringify(t.params));
    expect(new Set(keys).size).toBe(keys.length);
    // Never the defaults again (k 5, uniform votes, euclidean: the first trial).
    expect(keys).not.toContain(JSON.stringify({ k: 5, weights: 'uniform', metric: 'euclidean' }));
    // The other 199, but for a rare point rejection sampling may give up on (k = 50 is drawn 0.06% of the time).
    expect(keys.length).toBeGreaterThanOrEqual(195);
    expect(keys.length).toBeLessThanOrEqual(199);
    expect(result.stopReason).toBe(`tried ${keys.length + 1} candidates (1,000 draws in a row found no new one: the search space is used up)`);
  });

  it('starts from the defaults, scores candidates by cross-validation, keeps the best, and repeats itself', async () => {
    const first = await tuneModel(penguins, config('knn'), { strategy: 'random', trials: 5, folds: 3 });
    expect(first.metric).toBe('accuracy');
    expect(first.trials).toHaveLength(5);
    expect(first.trials[0].params).toEqual({});
    expect(first.best.score).toBe(Math.max(...first.trials.map((t) => t.score)));
    // A trial's score is the cross-validation of its candidate, nothing else.
    const t = first.trials[3];
    const { metrics } = await crossValidate(penguins, { ...config('knn'), model: { id: 'knn', params: t.params } }, { folds: 3 });
    expect(t.score).toBe(metrics.accuracy.mean);
    const again = await tuneModel(penguins, config('knn'), { strategy: 'random', trials: 5, folds: 3 });
    expect(again.trials.map((x) => [x.params, x.score])).toEqual(first.trials.map((x) => [x.params, x.score]));
  });

  it('halves: a third of the candidates go on to three times the rows, the last round on all of them', async () => {
    // 344 rows, 2 folds: a round needs 40 rows, so 9 candidates get two rounds (114 rows, then all).
    const result = await tuneModel(penguins, config('tree'), { strategy: 'halving', trials: 9, folds: 2 });
    const rounds = [0, 1].map((r) => result.trials.filter((t) => t.rung === r));
    expect(rounds.map((r) => r.length)).toEqual([9, 3]);
    expect(rounds.map((r) => r[0].rows)).toEqual([Math.floor(344 / 3), 344]);
    // Round 2's candidates are round 1's best three, and the best is round 2's best.
    const bestThree = (trials: typeof rounds[0]) => [...trials].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 3);
    expect(rounds[1].map((t) => t.params)).toEqual(bestThree(rounds[0]).map((t) => t.params));
    expect(result.best).toBe(bestThree(rounds[1])[0]);
    expect(result.stopReason).toBe('successive halving: 9 candidates, 2 rounds, 12 trials');
  });

  it('stops starting trials when the budget is spent, and stops at once when cancelled', async () => {
    let clock = 0;
    const budgeted = await tuneModel(penguins, config('naive-bayes'), { strategy: 'random', trials: 10, folds: 2, budgetMs: 2500 }, { now: () => (clock += 1000) });
    expect(budgeted.trials.length).toBeLessThan(10);
    expect(budgeted.stopReason).toMatch(/^time budget reached after \d+ of 10 trials$/);
    let calls = 0;
    const cancelled = await tuneModel(penguins, config('naive-bayes'), { strategy: 'random', trials: 10, folds: 2 }, { shouldStop: () => ++calls > 3 }).catch((e) => e);
    expect(isCancelled(cancelled)).toBe(true);
  });

  it('then trains the best settings on all the training rows, tests once, and reports the search', async () => {
    const options = { strategy: 'grid' as const, trials: 4, folds: 2 };
    let heard: TuneResult | null = null;
    const { file, report, result } = await tuneAndTrain(penguins, config('knn'), options, { onTuned: (r) => (heard = r) });
    expect(heard).toBe(result);
    // The searched rows are the final run's training rows; the trained model is the best's settings.
    expect(result.trials[0].rows).toBe(report.split.train);
    expect(file.model.params).toMatchObject(result.best.params);
    expect(report.tuning).toEqual(tuningReport(result, options));
    expect(file.report).toEqual(report);
    // Trained with those settings by hand, the same test metrics.
    const { report: direct } = await runTraining(penguins, { ...config('knn'), model: { id: 'knn', params: result.best.params } });
    expect(report.metrics.test).toEqual(direct.metrics.test);
  });

  it('names the leading trial as the search ranks them: later halving rounds first, then the score, then the earlier', () => {
    const trial = (index: number, score: number, rung = 0): Trial => ({ index, params: {}, score, std: 0, folds: [], rows: 10, rung, ms: 1 });
    expect(leadingTrial([])).toBeUndefined();
    expect(leadingTrial([trial(0, NaN)])).toBeUndefined();
    expect(leadingTrial([trial(0, 0.8), trial(1, 0.9), trial(2, 0.9)])?.index).toBe(1);
    // A round-2 score on three times the rows leads a higher round-1 score.
    expect(leadingTrial([trial(0, 0.95), trial(1, 0.9, 1), trial(2, NaN, 1)])?.index).toBe(1);
  });
});
