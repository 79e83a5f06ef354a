import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { resolveProblem } from '../../problem';
import { type DataTable, createTable } from '../../table/DataTable';
import type { Column } from '../../table/column';
import type { TrainConfig } from '../../train/config';
import { crossValidate } from '../../train/crossValidate';
import { runTraining } from '../../train/runTraining';
import { autoModel } from '../../tune/auto';
import { tuneModel } from '../../tune/tune';
import { createRng } from '../../util/rng';
import { selectKBestStep } from './selectKBest';

/*
 * The leakage test. On pure noise — 200 rows, 3,000 random columns, a random 0/1 target —
 * nothing predicts the target, so an honest score is chance (accuracy ≈ 0.5). Choosing the 10
 * columns that best "explain" the target on ALL rows and cross-validating afterwards scores far
 * above chance: the choice has seen the held-out rows. With select-k-best in the recipe, every
 * fold of cross-validation (and so every Auto and tuning trial, which score through it) fits the
 * selection on its own training rows only (train/crossValidate.ts runs train/singleRun.ts per
 * fold, and singleRun fits the recipe on the fold's training rows), and the score is chance again.
 */
const ROWS = 200;
const COLUMNS = 3000;
const K = 10;

function noiseTable(): DataTable {
  const rng = createRng(2026);
  const columns: Column[] = Array.from({ length: COLUMNS }, (_, j) => ({ kind: 'numeric', name: `n${j}`, values: Float64Array.from({ length: ROWS }, () => rng.normal()) }));
  const labels = Array.from({ length: ROWS }, () => (rng.next() < 0.5 ? 'yes' : 'no'));
  return createTable([...columns, { kind: 'categorical', name: 'target', codes: Int32Array.from(labels, (l) => (l === 'yes' ? 1 : 0)), categories: ['no', 'yes'] }]);
}

const noise = noiseTable();
const withSelection = (table: DataTable, steps: TrainConfig['recipe']['steps']): TrainConfig => ({
  problem: resolveProblem(table, 'target'),
  recipe: { dropDuplicateRows: false, testSize: 0.2, stratify: true, steps },
  model: { id: 'logistic', params: {} },
  seed: 11,
});
const honest = withSelection(noise, [{ step: 'select-k-best', params: { k: K } }]);

/** The noise table cut to the K columns select-k-best picks on every row (the leak). */
function selectedBeforeTheSplit(): DataTable {
  const target = noise.columns.find((c) => c.name === 'target')!;
  const y = Float64Array.from((target as { codes: Int32Array }).codes);
  const features = createTable(noise.columns.filter((c) => c.name !== 'target'));
  const state = selectKBestStep.fit(features, resolveParams(selectKBestStep.schema, { k: K }), { target: { task: 'binary', y, classes: ['no', 'yes'] }, seed: 11 });
  const kept = new Set(state.kept);
  return createTable(noise.columns.filter((c) => kept.has(c.name) || c.name === 'target'));
}

describe('selection inside the folds (no leakage)', () => {
  it('selecting before the split scores well above chance; inside each fold, at chance', async () => {
    const leaky = selectedBeforeTheSplit();
    const leak = await crossValidate(leaky, withSelection(leaky, []), { folds: 5 });
    const inside = await crossValidate(noise, honest, { folds: 5 });
    // Measured: leak 0.75 (0.755 with 2,000 columns, 0.76 with 5,000); inside ≈ 0.5.
    expect(leak.metrics.accuracy.mean).toBeGreaterThan(0.68);
    expect(Math.abs(inside.metrics.accuracy.mean - 0.5)).toBeLessThan(0.1);
  }, 120_000);

  it('runTraining\'s cross-validation and its test set score the noise at chance too', async () => {
    const { report } = await runTraining(noise, { ...honest, validation: { folds: 5 } });
    expect(Math.abs(report.metrics.cv!.accuracy.mean - 0.5)).toBeLessThan(0.1);
    expect(report.metrics.test.accuracy).toBeLessThan(0.7);
    // The model saw only the K columns chosen on the training split.
    expect(report.features).toBe(K);
  }, 120_000);

  it('tuning and Auto score their candidates with the selection inside the folds', async () => {
    const tuned = await tuneModel(noise, honest, { strategy: 'random', trials: 3, folds: 3 });
    for (const trial of tuned.trials) expect(trial.score).toBeLessThan(0.65);
    let clock = 0;
    const auto = await autoModel(noise, honest, { budgetMs: 1, folds: 3, trials: 1 }, { now: () => (clock += 10) });
    const scored = auto.leaderboard.filter((row) => Number.isFinite(row.score));
    expect(scored.length).toBeGreaterThan(0);
    for (const row of scored) expect(row.score).toBeLessThan(0.65);
  }, 300_000);
});
