import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { fingerprintTable } from '../table/DataTable';
import { runFixture } from '../testing/runs';
import { sample } from '../testing/tables';
import type { TrainConfig } from '../train/config';
import { runTraining } from '../train/runTraining';
import { runUnsupervised } from '../train/runUnsupervised';
import { compareRuns } from './compare';
import { makeProjectFile, parseProjectFile, projectFileText } from './projectFile';
import { type RunInput, buildRunRecord, keyMetric, mergeRuns, newestFirst } from './runRecord';

const penguins = await sample('penguins.csv');
const data = { name: 'penguins.csv', fingerprint: fingerprintTable(penguins), rows: penguins.rowCount, columns: penguins.columns.length };

function ids(): () => string {
  let n = 0;
  return () => `run-${++n}`;
}

function trainInput(config: TrainConfig, outcome: RunInput['outcome'], startedAt = '2026-11-26T10:00:00.000Z'): RunInput {
  return {
    kind: 'train',
    startedAt,
    durationMs: 800,
    data,
    problem: { target: config.problem.target, task: config.problem.task },
    recipe: config.recipe,
    model: config.model,
    seed: config.seed,
    validation: { folds: config.validation?.folds ?? 0, method: 'k-fold', group: null },
    backend: 'cpu',
    outcome,
  };
}

describe('buildRunRecord', () => {
  const config: TrainConfig = {
    problem: resolveProblem(penguins, 'species'),
    recipe: defaultRecipe(profileTable(penguins), 'species'),
    model: { id: 'tree', params: { maxDepth: 3 } },
    seed: 7,
    validation: { folds: 3 },
  };

  it('keeps a trained run’s settings, figures and cross-validation, and survives a project file', async () => {
    const { report } = await runTraining(penguins, config);
    const run = buildRunRecord(trainInput(config, { status: 'succeeded', report }), ids());
    expect(run).toMatchObject({ id: 'run-1', status: 'succeeded', seed: 7, problem: { target: 'species', task: 'multiclass' }, model: { id: 'tree', params: { maxDepth: 3 } } });
    expect(run.metrics.test?.accuracy).toBe(report.metrics.test.accuracy);
    expect(run.metrics.cv?.accuracy).toEqual({ mean: report.metrics.cv!.accuracy.mean, std: report.metrics.cv!.accuracy.std });
    expect(run.result).toMatchObject({ model: 'tree', rows: report.rows, split: report.split, features: report.features, stopReason: report.stop_reason });
    expect(run.result?.params.maxDepth).toBe(3);
    expect(run.backend).toBe(report.backend);
    expect(keyMetric(run)).toEqual({ key: 'accuracy', value: report.metrics.test.accuracy, cv: run.metrics.cv?.accuracy });
    // Nothing of the report's bulk (history, evaluation curves) comes along.
    expect(JSON.stringify(run).length).toBeLessThan(3000);
    const back = parseProjectFile(projectFileText(makeProjectFile([run], new Date('2026-11-26T11:00:00Z'))));
    expect(back.runs).toEqual([run]);
  });

  it('same recipe, data and seed: the same figures (a re-run compares equal on every metric)', async () => {
    const first = buildRunRecord(trainInput(config, { status: 'succeeded', report: (await runTraining(penguins, config)).report }), ids());
    const again = buildRunRecord(trainInput(config, { status: 'succeeded', report: (await runTraining(penguins, config)).report }, '2026-11-26T10:05:00.000Z'), () => 'run-2');
    const figures = compareRuns(first, again).filter((r) => r.group === 'Test metrics' || r.group === 'Cross-validation' || r.group === 'Training metrics');
    expect(figures.length).toBeGreaterThan(5);
    for (const row of figures) expect(row, row.label).toMatchObject({ differs: false });
    expect(compareRuns(first, again).filter((r) => r.differs && r.group !== 'Run').map((r) => r.label)).toEqual([]);
  });

  it('records failures with their message and cancellations without figures', () => {
    const failed = buildRunRecord(trainInput(config, { status: 'failed', error: 'the target has one class' }), ids());
    expect(failed).toMatchObject({ status: 'failed', error: 'the target has one class', metrics: {} });
    expect(failed.result).toBeUndefined();
    expect(keyMetric(failed).value).toBeUndefined();
    const cancelled = buildRunRecord(trainInput(config, { status: 'cancelled' }), ids());
    expect(cancelled).toMatchObject({ status: 'cancelled', metrics: {} });
    expect(cancelled.error).toBeUndefined();
  });

  it('keeps what a clustering found (silhouette, inertia, clusters) as its figures', async () => {
    const recipe = defaultRecipe(profileTable(penguins), null);
    const { report } = await runUnsupervised(penguins, { task: 'clustering', recipe, model: { id: 'kmeans', params: { k: 3, elbowMaxK: 3 } }, seed: 1 });
    const run = buildRunRecord(
      { kind: 'train', startedAt: '2026-11-26T10:00:00.000Z', durationMs: 100, data, problem: { target: null, task: 'clustering' }, recipe, model: { id: 'kmeans', params: { k: 3 } }, seed: 1, validation: { folds: 0, method: 'k-fold', group: null }, backend: null, outcome: { status: 'succeeded', report } },
      ids(),
    );
    expect(run.metrics.found).toMatchObject({ clusters: 3, inertia: report.summary.kind === 'kmeans' ? report.summary.inertia : NaN });
    expect(keyMetric(run).key).toBe('silhouette');
    expect(run.result?.split).toBeUndefined();
    expect(run.backend).toBeNull();
  });

  it('gives Auto’s winner’s cross-validated score as the run’s cross-validation', () => {
    const report = { metrics: { train: { accuracy: 1 }, test: { accuracy: 0.9, roc_auc: NaN } }, auto: { metric: 'accuracy', winner: { model: 'gbdt', params: {}, score: 0.95, std: 0.01 }, explanation: 'gbdt won' }, model: 'gbdt', params: { rounds: 100 }, rows: 10, split: { train: 8, test: 2 }, features: 3, stop_reason: 'done', backend: 'wasm' };
    const run = buildRunRecord({ ...trainInput(config, { status: 'succeeded', report: report as never }), kind: 'auto', model: { id: 'auto', params: { budget: 10 } } }, ids());
    expect(run.metrics.cv).toEqual({ accuracy: { mean: 0.95, std: 0.01 } });
    // NaN (an undefined ROC AUC) is left out: JSON could not keep it.
    expect(run.metrics.test).toEqual({ accuracy: 0.9 });
    expect(run.result).toMatchObject({ model: 'gbdt', explanation: 'gbdt won' });
  });
});

describe('run lists', () => {
  it('orders newest first and merges by id without replacing what is there', () => {
    const a = runFixture({ id: 'a', startedAt: '2026-11-26T10:00:00.000Z' });
    const b = runFixture({ id: 'b', startedAt: '2026-11-26T12:00:00.000Z' });
    const c = runFixture({ id: 'c', startedAt: '2026-11-26T11:00:00.000Z' });
    expect(newestFirst([a, b, c]).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    const changedA = { ...a, seed: 1 };
    const merged = mergeRuns([a], [changedA, b, c]);
    expect(merged.added).toBe(2);
    expect(merged.runs.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(merged.runs.find((r) => r.id === 'a')?.seed).toBe(42);
  });
});
