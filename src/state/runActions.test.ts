import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeProjectFile, projectFileText } from '../core/project/projectFile';
import type { RunRecord } from '../core/project/runRecord';
import { profileTable } from '../core/profile/profile';
import { fingerprintTable } from '../core/table/DataTable';
import { runFixture } from '../core/testing/runs';
import { sample } from '../core/testing/tables';
import { type RunStore, memoryRunStore } from './runHistory';
import type { StudioState } from './store';

const penguins = await sample('penguins.csv');
const data = { name: 'penguins.csv', fingerprint: fingerprintTable(penguins), rows: penguins.rowCount, columns: penguins.columns.length };
/** The studio with penguins.csv loaded (what Data leaves after profiling it). */
const loaded: Partial<StudioState> = { dataset: { state: 'succeeded', result: { name: 'penguins.csv', fingerprint: data.fingerprint, profile: profileTable(penguins) } } as never };

/** A stand-in engine: the target's task is the asked one (else `inferred`); trainings start and never end. */
function stubEngine(inferred: string) {
  return {
    data: { describeTarget: vi.fn(async (_target: string, task?: string) => ({ task: task ?? inferred })) },
    train: vi.fn((_config: unknown) => new Promise(() => {})),
    trainUnsupervised: vi.fn((_config: unknown) => new Promise(() => {})),
  };
}

/**
 * Fresh state modules (the history opens once per page) over a memory store holding `kept`,
 * the studio in `state`, and `engine` as its engine.
 */
async function studioWith(state: Partial<StudioState>, kept: readonly RunRecord[] = [], engine: object = stubEngine('binary')) {
  vi.resetModules();
  const store = await import('./store');
  const runs = await import('./runs');
  const actions = await import('./runActions');
  (await import('./engineHandle')).setEngine(engine as never);
  store.studio.setState({ ...store.INITIAL_STATE, ...state }, true);
  const storage: RunStore = memoryRunStore(kept);
  const told: string[] = [];
  await runs.loadRuns((m) => told.push(m), async () => storage);
  return { studio: store.studio, actions, storage, told, errors: () => store.studio.getState().errors.map((e) => e.message) };
}

const ids = (runs: readonly RunRecord[]) => runs.map((r) => r.id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('re-running a run', () => {
  it('restores a tuning’s problem and task and trains the settings it found', async () => {
    const engine = stubEngine('binary');
    const tuned = runFixture({
      kind: 'tune',
      data,
      model: { id: 'tree', params: { maxDepth: 4 } },
      seed: 7,
      validation: { folds: 5, method: 'holdout', group: null },
      result: { model: 'tree', params: { maxDepth: 9, minSamplesLeaf: 3 }, rows: 333, features: 9, stopReason: 'grown' },
    });
    const { studio, actions } = await studioWith(loaded, [tuned], engine);
    expect(await actions.rerun(tuned)).toBe(true);
    const s = studio.getState();
    expect(s).toMatchObject({ step: 'train', target: 'species', noTarget: null, modelId: 'tree', modelParams: { maxDepth: 9, minSamplesLeaf: 3 }, seed: 7, validation: { folds: 5, method: 'holdout', group: null }, recipe: tuned.recipe });
    // The engine inferred "binary": the run's own task was put back.
    expect(engine.data.describeTarget.mock.calls).toEqual([['species'], ['species', 'multiclass']]);
    expect(s.targetSummary?.task).toBe('multiclass');
    expect(engine.train).toHaveBeenCalledTimes(1);
    expect(engine.train.mock.calls[0][0]).toMatchObject({ problem: { target: 'species', task: 'multiclass' }, model: { id: 'tree', params: { maxDepth: 9, minSamplesLeaf: 3 } }, seed: 7, validation: { folds: 5, method: 'holdout' } });
  });

  it('trains a plain run with the parameters it was given, and a clustering without a target', async () => {
    const engine = stubEngine('multiclass');
    const plain = runFixture({ data, model: { id: 'knn', params: { k: 3 } } });
    const { studio, actions } = await studioWith(loaded, [], engine);
    expect(await actions.rerun(plain)).toBe(true);
    expect(engine.data.describeTarget.mock.calls).toEqual([['species']]);
    expect(studio.getState()).toMatchObject({ modelId: 'knn', modelParams: { k: 3 } });

    const clustering = runFixture({ id: 'c', data, problem: { target: null, task: 'clustering' }, model: { id: 'kmeans', params: { k: 3 } } });
    studio.setState({ training: { state: 'idle' } as never });
    expect(await actions.rerun(clustering)).toBe(true);
    expect(studio.getState()).toMatchObject({ target: null, noTarget: 'clustering', targetSummary: null, modelId: 'kmeans', modelParams: { k: 3 } });
    expect(engine.trainUnsupervised.mock.calls[0][0]).toMatchObject({ task: 'clustering', model: { id: 'kmeans', params: { k: 3 } } });
  });

  it('refuses other data, naming the file the run needs, and changes nothing', async () => {
    const engine = stubEngine('multiclass');
    const onIris = runFixture({ data: { name: 'iris.csv', fingerprint: '449ea8370ce048d8', rows: 150, columns: 5 } });
    const changedSince = runFixture({ data: { ...data, fingerprint: 'not-these-rows' } });
    const { studio, actions, errors } = await studioWith(loaded, [], engine);
    const before = studio.getState();
    expect(await actions.rerun(onIris)).toBe(false);
    expect(await actions.rerun(changedSince)).toBe(false);
    expect(errors()).toEqual([
      'This run needs the data it was trained on: iris.csv (150 rows, 5 columns). The data loaded now (penguins.csv, 344 rows) is not the same: load that file on Data, then re-run.',
      'This run needs the data it was trained on: penguins.csv (344 rows, 8 columns). The data loaded now (penguins.csv, 344 rows, read differently or changed since) is not the same: load that file on Data, then re-run.',
    ]);
    expect(studio.getState()).toMatchObject({ step: before.step, target: null, modelId: before.modelId, recipe: before.recipe });
    expect(engine.data.describeTarget).not.toHaveBeenCalled();
    expect(engine.train).not.toHaveBeenCalled();
  });
});

describe('deleting, clearing and Undo', () => {
  const a = runFixture({ id: 'a', startedAt: '2026-11-26T10:00:00.000Z' });
  const b = runFixture({ id: 'b', startedAt: '2026-11-26T12:00:00.000Z' });
  const c = runFixture({ id: 'c', startedAt: '2026-11-26T11:00:00.000Z' });

  it('puts a deleted run back in its place, in the store and the kept history', async () => {
    const { studio, actions, storage } = await studioWith({}, [a, b, c]);
    expect(await actions.deleteRun('c')).toEqual(c);
    expect(ids(studio.getState().runs)).toEqual(['b', 'a']);
    expect(ids(await storage.list())).toEqual(['b', 'a']);
    await actions.restoreRuns([c]);
    expect(ids(studio.getState().runs)).toEqual(['b', 'c', 'a']);
    expect(await storage.list()).toEqual([b, c, a]);
    expect(await actions.deleteRun('nothing')).toBeUndefined();
  });

  it('puts a cleared history back whole, leaving runs recorded meanwhile as they are', async () => {
    const { studio, actions, storage } = await studioWith({}, [a, b, c]);
    const cleared = await actions.clearRuns();
    expect(ids(cleared)).toEqual(['b', 'c', 'a']);
    expect(studio.getState().runs).toEqual([]);
    expect(await storage.list()).toEqual([]);
    const meanwhile = { ...a, seed: 1 };
    studio.setState({ runs: [meanwhile] });
    await actions.restoreRuns(cleared);
    expect(ids(studio.getState().runs)).toEqual(['b', 'c', 'a']);
    expect(studio.getState().runs.find((r) => r.id === 'a')?.seed).toBe(1);
    expect(ids(await storage.list())).toEqual(['b', 'c']);
  });
});

describe('importing a project file', () => {
  const here = runFixture({ id: 'a', startedAt: '2026-11-26T10:00:00.000Z' });
  const file = (name: string, runs: readonly RunRecord[]) => new File([projectFileText(makeProjectFile(runs, new Date('2026-11-26T12:00:00Z')))], name);

  it('adds the runs it does not have, by id, never replacing one that is here', async () => {
    const { studio, actions, storage } = await studioWith({}, [here]);
    const changed = { ...here, seed: 1, model: { id: 'knn', params: {} } };
    const fresh = runFixture({ id: 'b', startedAt: '2026-11-26T11:00:00.000Z' });
    expect(await actions.importProject(file('project.json', [changed, fresh]))).toEqual({ added: 1, already: 1 });
    expect(studio.getState().runs).toEqual([fresh, here]);
    expect(await storage.list()).toEqual([fresh, here]);
    expect(await actions.importProject(file('project.json', [changed, fresh]))).toEqual({ added: 0, already: 2 });
    expect(studio.getState().runs).toEqual([fresh, here]);
  });

  it('refuses a file that does not validate, saying why, and changes nothing', async () => {
    const { studio, actions, errors } = await studioWith({}, [here]);
    const broken = new File([JSON.stringify({ ...JSON.parse(projectFileText(makeProjectFile([here], new Date()))), runs: [{ ...here, id: 'x', seed: 0.5 }] })], 'broken.json');
    expect(await actions.importProject(broken)).toBeNull();
    expect(errors()).toEqual(['Could not import broken.json: runs[0].seed is 0.5, not a whole number']);
    expect(studio.getState().runs).toEqual([here]);
  });
});
