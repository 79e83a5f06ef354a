import { describe, expect, it } from 'vitest';
import { ENSEMBLE_MEMBERS } from '../models/info';
import { ensembleParams } from '../models/ensemble/info';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { crossValidate } from '../train/crossValidate';
import type { AutoResult } from './autoResult';
import type { LeaderboardRow } from '../train/report';
import { FRESH_FOLDS_SEED, autoModel } from './auto';
import { chooseWithEnsemble, scoreEnsemble } from './ensembleChoice';

const penguins = await sample('penguins.csv');
const config: TrainConfig = { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: 'auto', params: {} }, seed: 5 };

/** A leaderboard row with only the score that matters here. */
function row(model: string, score: number): LeaderboardRow {
  return { model, label: model, metrics: { accuracy: { mean: score, std: 0.01, folds: [score] } }, score, ms: 1 };
}

const single: AutoResult = {
  metric: 'accuracy',
  leaderboard: [row('gbdt', 0.95), row('logistic', 0.94)],
  trials: [],
  winner: { model: 'gbdt', params: {}, score: 0.95, std: 0.01 },
  rescored: [],
  explanation: 'Gradient boosting, with its default settings: the best.',
  stopReason: 'compared 2 families',
};
const members = [
  { model: 'logistic', params: {}, score: 0.94 },
  { model: 'gbdt', params: { leaves: 8 }, score: 0.95 },
];
const ensembleRow = (score: number) => ({ ...row('ensemble', score), label: 'Ensemble: logistic regression + gradient boosting', params: ensembleParams(members, ENSEMBLE_MEMBERS) });

describe('scoreEnsemble', () => {
  it("scores the leaders' average exactly as cross-validating the ensemble itself would, from the members' out-of-fold outputs", async () => {
    const candidates: AutoResult['winner'][] = [
      { model: 'logistic', params: {}, score: 0.99, std: 0 },
      { model: 'forest', params: {}, score: 0.98, std: 0 },
      { model: 'forest', params: { maxDepth: 8 }, score: 0.985, std: 0 },
      { model: 'knn', params: {}, score: 0.97, std: 0 },
      { model: 'naive-bayes', params: {}, score: 0.7, std: 0 },
    ];
    const result = await scoreEnsemble(penguins, config, 3, candidates);
    // The three leading families, each with its best settings (tuned forest, not its defaults).
    expect(result!.members.map((m) => [m.model, m.params])).toEqual(
      result!.members.length === 3 ? [['logistic', {}], ['forest', { maxDepth: 8 }], ['knn', {}]] : [['logistic', {}], ['forest', { maxDepth: 8 }]],
    );
    const { metrics } = await crossValidate(penguins, { ...config, model: { id: 'ensemble', params: result!.row.params! } }, { folds: 3 });
    expect(result!.row.metrics).toEqual(metrics);
    expect(result!.row.score).toBe(metrics.accuracy.mean);
  });

  it('needs two families', async () => {
    expect(await scoreEnsemble(penguins, config, 3, [{ model: 'logistic', params: {}, score: 0.9, std: 0 }, { model: 'logistic', params: { C: 2 }, score: 0.91, std: 0 }])).toBeNull();
  });
});

describe('chooseWithEnsemble', () => {
  it('takes the average only when its cross-validated score beats the best single model, and says why in numbers', () => {
    const chosen = chooseWithEnsemble(single, { members, row: ensembleRow(0.96) }, single.winner, 5);
    expect(chosen.winner).toEqual({ model: 'ensemble', params: ensembleParams(members, ENSEMBLE_MEMBERS), score: 0.96, std: 0.01 });
    expect(chosen.leaderboard.map((r) => r.model)).toEqual(['ensemble', 'gbdt', 'logistic']);
    expect(chosen.explanation).toMatch(/^An ensemble averaging logistic regression and gradient boosting \(tuned\): cross-validated accuracy 0\.9600 ± 0\.0100 over 5 folds of the training rows against 0\.9500 for gradient boosting alone, the best single model/);

    for (const score of [0.95, 0.93]) {
      const kept = chooseWithEnsemble(single, { members, row: ensembleRow(score) }, single.winner, 5);
      expect(kept.winner).toEqual(single.winner);
      expect(kept.leaderboard.map((r) => r.model)).toContain('ensemble');
      expect(kept.explanation).toContain(`Averaging logistic regression and gradient boosting (tuned) scored ${score.toFixed(4)} ± 0.0100, not above the best single model (gradient boosting, 0.9500), so no ensemble was taken.`);
    }
    // A lead inside the one-standard-error margin is not taken for real.
    const close = chooseWithEnsemble(single, { members, row: ensembleRow(0.955) }, single.winner, 5, 0.008);
    expect(close.winner).toEqual(single.winner);
    expect(close.explanation).toContain('scored 0.9550 ± 0.0100, less than one standard error (0.0080) above the best single model (gradient boosting, 0.9500), so no ensemble was taken.');
    expect(chooseWithEnsemble(single, { members, row: ensembleRow(0.96) }, single.winner, 5, 0.008).winner.model).toBe('ensemble');
  });
});

describe('Auto with the ensemble', () => {
  it('puts the ensemble, scored on the fresh folds, on the leaderboard, and takes it only when it beats every single candidate by the margin', async () => {
    // No tuning (0 trials) keeps it short: the leaders' defaults are averaged.
    const iris = await sample('iris.csv');
    const irisConfig = { ...config, problem: resolveProblem(iris, 'species'), recipe: defaultRecipe(profileTable(iris), 'species') };
    const result = await autoModel(iris, irisConfig, { budgetMs: 1, folds: 3, trials: 0 });
    const ens = result.leaderboard.find((r) => r.model === 'ensemble')!;
    expect(ens.params).toBeDefined();
    // Scored on the fresh folds (as tuned settings are), exactly as cross-validating the ensemble there.
    const fresh = await crossValidate(iris, { ...irisConfig, seed: irisConfig.seed ^ FRESH_FOLDS_SEED, model: { id: 'ensemble', params: ens.params! } }, { folds: 3 });
    expect(ens.score).toBe(fresh.metrics.accuracy.mean);
    const best = Math.max(...result.leaderboard.filter((r) => r.model !== 'ensemble').map((r) => r.score), ...result.trials.map((t) => t.score));
    // Taken only above the best single score by the one-standard-error margin; a smaller lead is named as such.
    if (result.winner.model === 'ensemble') {
      expect(ens.score).toBeGreaterThan(best);
      expect(result.winner.params).toEqual(ens.params);
    } else if (ens.score > best) expect(result.explanation).toMatch(/, less than one standard error \(\d\.\d{4}\) above the best single model .*so no ensemble was taken\.$/);
    else expect(result.explanation).toMatch(/, not above the best single model .*so no ensemble was taken\.$/);
    expect(result.explanation).toMatch(/averaging .+ and .+/i);
  });
});
