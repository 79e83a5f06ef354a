import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { crossValidate } from '../train/crossValidate';
import { autoModel } from './auto';

const penguins = await sample('penguins.csv');
const config: TrainConfig = { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: 'auto', params: {} }, seed: 11 };

describe('autoModel', () => {
  it('ranks every fitting family on the same folds, tunes the leaders, and says why the winner won', async () => {
    // A clock that moves 50 ms a reading: the budget covers the comparison (3 readings a family) and a tuning trial or two.
    let clock = 0;
    const result = await autoModel(penguins, config, { budgetMs: 1_500, folds: 3 }, { now: () => (clock += 50) });
    const families = result.leaderboard.map((r) => r.model);
    expect(families.sort()).toEqual(['forest', 'gbdt', 'knn', 'logistic', 'mlp', 'naive-bayes', 'svm', 'tree']);
    const scores = result.leaderboard.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // A row's score is its family's cross-validation with defaults on these folds.
    const row = result.leaderboard.find((r) => r.model === 'tree')!;
    expect(row.score).toBe((await crossValidate(penguins, { ...config, model: { id: 'tree', params: {} } }, { folds: 3 })).metrics.accuracy.mean);
    expect(result.trials.length).toBeGreaterThan(0);
    // The winner is the best score seen, or (one-standard-error rule) a more robust one within a
    // standard error of it — at least one row of a fold, accuracy's step.
    const scored = [...result.leaderboard.map((r) => ({ score: r.score, std: r.metrics.accuracy.std })), ...result.trials.map((t) => ({ score: t.score, std: t.std }))];
    const top = scored.reduce((a, b) => (b.score > a.score ? b : a));
    expect(result.winner.score).toBeGreaterThanOrEqual(top.score - Math.max(top.std / Math.sqrt(3), 3 / penguins.rowCount) - 1e-12);
    expect(result.explanation).toMatch(/^.+, (with its default settings|tuned \(.+\)): (the best cross-validated accuracy \d\.\d{4} ± \d\.\d{4} over 3 folds of the training rows|cross-validated accuracy \d\.\d{4} ± \d\.\d{4} over 3 folds, within one standard error)/);
    expect(result.explanation).toContain('8 families were compared on the same folds');
  });

  it('compares what the budget allows, cheapest families first, and says what it left out', async () => {
    let clock = 0;
    const result = await autoModel(penguins, config, { budgetMs: 1_000, folds: 3 }, { now: () => (clock += 400) });
    expect(result.leaderboard.length).toBeLessThan(8);
    expect(result.leaderboard.map((r) => r.model)).toContain('logistic');
    expect(result.stopReason).toMatch(/^the budget ran out before .*mlp could be compared; no time was left to score the leaders' average$/);
  });

  it('with a trial count ignores the clock: every family compared, exactly that many trials per leader, the same choice again', async () => {
    let clock = 0;
    // A clock that would have stopped a budgeted run at once.
    const first = await autoModel(penguins, config, { budgetMs: 1, folds: 3, trials: 3 }, { now: () => (clock += 10_000) });
    // Every family, and the leaders' average (scored whatever the clock says).
    expect(first.leaderboard.filter((r) => r.model !== 'ensemble')).toHaveLength(8);
    expect(first.leaderboard.filter((r) => r.model === 'ensemble')).toHaveLength(1);
    const tuned = new Set(first.trials.map((t) => t.model));
    expect(tuned.size).toBe(2);
    for (const model of tuned) expect(first.trials.filter((t) => t.model === model)).toHaveLength(3);
    const again = await autoModel(penguins, config, { budgetMs: 1, folds: 3, trials: 3 });
    expect(again.winner).toEqual(first.winner);
    expect(again.trials.map((t) => [t.model, t.params, t.score])).toEqual(first.trials.map((t) => [t.model, t.params, t.score]));
    // Two whole Auto runs, every family and the leaders' average: slow on a busy machine.
  }, 240_000);
});

