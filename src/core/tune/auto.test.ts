import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { crossValidate, meanAndStd } from '../train/crossValidate';
import { FRESH_FOLDS_SEED, autoModel, cvStandardError } from './auto';

const penguins = await sample('penguins.csv');
const config: TrainConfig = { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: 'auto', params: {} }, seed: 11 };

describe('cvStandardError', () => {
  it("is Nadeau and Bengio's corrected standard error of a k-fold mean, from the folds' population spread", () => {
    // Five fold accuracies; by hand: mean 0.792, squared deviations sum to 0.002620, sample variance
    // 0.000655, times (1/5 + 1/4) = 0.00029475, whose root is 0.017168 (std/√5 would say 0.010237).
    const folds = [0.751, 0.796, 0.821, 0.791, 0.801];
    expect(cvStandardError(meanAndStd(folds).std, 5)).toBeCloseTo(0.017168, 6);
    // Three folds: (1/3 + 1/2) of the sample variance 0.0001 → 0.0091287.
    expect(cvStandardError(meanAndStd([0.9, 0.91, 0.92]).std, 3)).toBeCloseTo(0.0091287, 6);
  });
});

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
    // The candidates are the defaults and the tuned bests scored afresh (not their search scores);
    // the winner is the best of them, or (one-standard-error rule) a more robust one within a
    // standard error of it — at least one row of a fold, accuracy's step — or the leaders' average.
    const singles = result.leaderboard.filter((r) => r.model !== 'ensemble');
    const scored = [...singles.map((r) => ({ score: r.score, std: r.metrics.accuracy.std })), ...result.rescored.map((r) => ({ score: r.score, std: r.std }))];
    expect([...result.leaderboard.map((r) => r.score), ...result.rescored.map((r) => r.score)]).toContain(result.winner.score);
    const top = scored.reduce((a, b) => (b.score > a.score ? b : a));
    expect(result.winner.score).toBeGreaterThanOrEqual(top.score - Math.max(top.std * Math.sqrt(1.5 * (1 / 3 + 1 / 2)), 3 / penguins.rowCount) - 1e-12);
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
    const tries: string[] = [];
    const first = await autoModel(penguins, config, { budgetMs: 1, folds: 3, trials: 3 }, { now: () => (clock += 10_000), onTry: (model, phase) => tries.push(`${phase} ${model}`) });
    // Every family, and the leaders' average (scored whatever the clock says).
    expect(first.leaderboard.filter((r) => r.model !== 'ensemble')).toHaveLength(8);
    expect(first.leaderboard.filter((r) => r.model === 'ensemble')).toHaveLength(1);
    const tuned = new Set(first.trials.map((t) => t.model));
    expect(tuned.size).toBe(2);
    for (const model of tuned) expect(first.trials.filter((t) => t.model === model)).toHaveLength(3);
    // The studio's status is told each family as its comparison starts, cheapest first, then each leader as its tuning starts.
    expect(tries).toEqual([...['logistic', 'gbdt', 'forest', 'svm', 'knn', 'naive-bayes', 'tree', 'mlp'].map((m) => `compare ${m}`), ...[...tuned].map((m) => `tune ${m}`)]);
    // Each leader's best tuned settings are scored again on fresh folds, and those scores compete.
    expect(first.rescored.map((r) => r.model).sort()).toEqual([...tuned].sort());
    for (const r of first.rescored) {
      const best = first.trials.filter((t) => t.model === r.model).reduce((a, b) => (b.score > a.score ? b : a));
      expect([r.params, r.searched]).toEqual([best.params, best.score]);
      const fresh = await crossValidate(penguins, { ...config, seed: config.seed ^ FRESH_FOLDS_SEED, model: { id: r.model, params: r.params } }, { folds: 3 });
      expect([r.score, r.std]).toEqual([fresh.metrics.accuracy.mean, fresh.metrics.accuracy.std]);
    }
    // The winner's score is a default's, a fresh one or the average's: never a search's own best.
    expect([...first.leaderboard.map((r) => r.score), ...first.rescored.map((r) => r.score)]).toContain(first.winner.score);
    const again = await autoModel(penguins, config, { budgetMs: 1, folds: 3, trials: 3 });
    expect(again.winner).toEqual(first.winner);
    expect(again.trials.map((t) => [t.model, t.params, t.score])).toEqual(first.trials.map((t) => [t.model, t.params, t.score]));
    // Two whole Auto runs, every family and the leaders' average: slow on a busy machine.
  }, 240_000);
});

