import { describe, expect, it, vi } from 'vitest';
import { profileTable } from '../core/profile/profile';
import { defaultRecipe } from '../core/prep/recipe';
import { fingerprintTable } from '../core/table/DataTable';
import { fixtureReport } from '../core/testing/monitorFixture';
import { sample } from '../core/testing/tables';
import { resolveProblem } from '../core/problem';
import { runTraining } from '../core/train/runTraining';
import { memoryRunStore } from './runHistory';
import type { StudioState } from './store';

const penguins = await sample('penguins.csv');
const recipe = defaultRecipe(profileTable(penguins), 'species');
/** A real report for the retrained model's summary (the run history reads its metrics and result). */
const { report: trained } = await runTraining(penguins, { problem: resolveProblem(penguins, 'species'), recipe, model: { id: 'logistic', params: {} }, seed: 42 });
/** The studio with penguins.csv loaded and a model of it current, the forms since moved on to another model. */
const state = {
  dataset: { state: 'succeeded', result: { name: 'penguins.csv', fingerprint: fingerprintTable(penguins), profile: profileTable(penguins) } },
  target: 'species',
  targetSummary: { task: 'multiclass' },
  recipe,
  modelId: 'knn',
  modelParams: { k: 3 },
  seed: 9,
  current: { kind: 'supervised', name: 'gbdt → species', model: 'gbdt', origin: { source: 'imported', file: 'm.json', at: 1 } },
} as unknown as Partial<StudioState>;

/** A stand-in engine whose monitoring module answers with hand-made results. */
function stubEngine() {
  const report = fixtureReport(['bill_length_mm'], ['bill_length_mm']);
  const retrained = { kind: 'supervised', name: 'retrained logistic → species', model: 'logistic', report: trained, tree: null };
  return {
    monitor: {
      load: vi.fn(async () => ({ files: [{ name: 'new.csv', rows: 200 }], rows: 200, dateColumns: [], labelled: true })),
      run: vi.fn(async (split: unknown) => ({ files: [{ name: 'new.csv', rows: 200 }], rows: 200, dateColumns: [], labelled: true, report, split, reference: 'model' })),
      retrain: vi.fn(async (mode: unknown) => ({
        mode,
        trainRows: 504,
        newestRows: 40,
        current: { accuracy: 0.8 },
        retrained: { accuracy: 1 },
        summary: retrained,
        config: { problem: { target: 'species', task: 'multiclass' }, recipe, model: { id: 'logistic', params: { C: 2 } }, seed: 42 },
        data: { name: 'penguins.csv + new.csv', fingerprint: 'f00d', rows: 544, columns: 8 },
      })),
      adopt: vi.fn(async () => retrained),
    },
  };
}

async function studioWith(engine: ReturnType<typeof stubEngine>) {
  vi.resetModules();
  const store = await import('./store');
  const runs = await import('./runs');
  const actions = await import('./monitorActions');
  (await import('./engineHandle')).setEngine(engine as never);
  store.studio.setState({ ...store.INITIAL_STATE, ...state }, true);
  await runs.loadRuns(() => {}, async () => memoryRunStore());
  return { studio: store.studio, actions };
}

describe('Monitor’s actions', () => {
  it('reads and monitors new files against the current model, five equal chunks for one file', async () => {
    const engine = stubEngine();
    const { studio, actions } = await studioWith(engine);
    await actions.monitorFiles([new File(['a'], 'new.csv')]);
    expect(engine.monitor.run).toHaveBeenCalledWith({ kind: 'chunks', chunks: 5 }, expect.anything());
    const job = studio.getState().monitor;
    expect(job.state).toBe('succeeded');
    expect(job.result?.model).toBe(studio.getState().current);
    expect(JSON.parse(await actions.monitorReportBlob()!.text()).dataset_drift).toBe(true);
    expect(actions.defaultSplit(3)).toEqual({ kind: 'files' });
  });

  it('adopts a retrained model: current, and a run of the model’s recipe on old + new rows in the history', async () => {
    const engine = stubEngine();
    const { studio, actions } = await studioWith(engine);
    await actions.monitorFiles([new File(['a'], 'new.csv')]);
    await actions.retrain({ kind: 'old+new' });
    expect(studio.getState().retrain.state).toBe('succeeded');
    await actions.adoptRetrained();
    const s = studio.getState();
    expect(s.current?.name).toBe('retrained logistic → species');
    expect(s.current?.origin).toMatchObject({ source: 'trained', data: { name: 'penguins.csv + new.csv', fingerprint: 'f00d', rows: 544 }, model: 'logistic', seed: 42 });
    expect(s.retrain.state).toBe('idle');
    expect(s.errors).toEqual([]);
    expect(s.runs).toHaveLength(1);
    // The recipe, model and seed of the model's config, not the forms' (knn, seed 9).
    expect(s.runs[0]).toMatchObject({ kind: 'train', data: { name: 'penguins.csv + new.csv', rows: 544, columns: 8 }, model: { id: 'logistic', params: { C: 2 } }, seed: 42, metrics: { test: trained.metrics.test } });
    // The forms are left as they were.
    expect([s.modelId, s.seed, s.dataset.result?.name]).toEqual(['knn', 9, 'penguins.csv']);
  });
});
