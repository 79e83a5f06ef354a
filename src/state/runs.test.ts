import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFixture } from '../core/testing/runs';
import { type RunStore, openRunStore } from './runHistory';
import { loadRuns, recordRun, runClock } from './runs';
import { INITIAL_STATE, type StudioState, studio } from './store';

const before: StudioState = {
  ...INITIAL_STATE,
  dataset: { state: 'succeeded', result: { name: 'iris.csv', fingerprint: 'abc', profile: { rows: 150, columns: [{}, {}, {}, {}, {}], warnings: [] } } as never },
  target: 'species',
  targetSummary: { task: 'multiclass' } as never,
  recipe: runFixture().recipe,
  modelId: 'tree',
  modelParams: { maxDepth: 3 },
  seed: 9,
};

/** The real clock and namer, put back after each test that replaces them. */
const realClock = { ...runClock };

afterEach(() => {
  Object.assign(runClock, realClock);
  vi.restoreAllMocks();
});

describe('recording runs', () => {
  it('keeps runs in memory and says so once when IndexedDB fails, and records every ending', async () => {
    studio.setState(INITIAL_STATE, true);
    const told: string[] = [];
    await loadRuns((m) => told.push(m), () => Promise.reject(new Error('private window')));
    expect(told).toEqual([expect.stringMatching(/cannot be saved in this browser \(private window\): runs are kept in memory only and will be lost when the page is reloaded/)]);
    let t = Date.parse('2026-11-26T10:00:00Z');
    runClock.now = () => t;
    let n = 0;
    runClock.newId = () => `run-${++n}`;
    const started = runClock.now();
    t += 1500;
    const failed = await recordRun('train', before, started, { status: 'failed', error: new Error('one class') });
    expect(failed).toMatchObject({ id: 'run-1', status: 'failed', error: 'one class', durationMs: 1500, startedAt: '2026-11-26T10:00:00.000Z', seed: 9, data: { name: 'iris.csv', fingerprint: 'abc', rows: 150, columns: 5 }, problem: { target: 'species', task: 'multiclass' }, model: { id: 'tree', params: { maxDepth: 3 } } });
    t += 1000;
    await recordRun('auto', before, t - 10, { status: 'cancelled' });
    expect(studio.getState().runs.map((r) => [r.id, r.status, r.kind])).toEqual([['run-2', 'cancelled', 'auto'], ['run-1', 'failed', 'train']]);
    expect(told).toHaveLength(1);
    // Nothing is recorded without data.
    expect(await recordRun('train', INITIAL_STATE, t, { status: 'cancelled' })).toBeNull();
  });

  it('loads saved runs at start, merged with any recorded meanwhile, and leaves out records it cannot read', async () => {
    const saved = [runFixture({ id: 'old', startedAt: '2026-11-25T10:00:00.000Z' }), { id: 'broken' }];
    const store: RunStore = { list: async () => saved as never, put: async () => {}, delete: async () => {}, replaceAll: async () => {} };
    // Fresh modules: the history opens once per page.
    vi.resetModules();
    const fresh = { store: await import('./store'), runs: await import('./runs') };
    fresh.store.studio.setState({ runs: [runFixture({ id: 'new' })] });
    const told: string[] = [];
    await fresh.runs.loadRuns((m) => told.push(m), async () => store);
    expect(fresh.store.studio.getState().runs.map((r) => r.id)).toEqual(['new', 'old']);
    expect(told).toEqual(['1 saved run of the run history could not be read and is not shown.']);
  });

  it('keeps runs in memory and says so once when a write fails after the history opened', async () => {
    vi.resetModules();
    const fresh = { store: await import('./store'), runs: await import('./runs'), runActions: await import('./runActions') };
    fresh.store.studio.setState(INITIAL_STATE, true);
    const factory = new IDBFactory();
    const told: string[] = [];
    await fresh.runs.loadRuns((m) => told.push(m), () => openRunStore(factory));
    expect(told).toEqual([]);
    let n = 0;
    fresh.runs.runClock.newId = () => `run-${++n}`;
    // The browser gives up the write's transaction (storage full, say) after the put was asked for.
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
      this.transaction.abort();
      return {} as IDBRequest<IDBValidKey>;
    });
    await fresh.runs.recordRun('train', before, Date.parse('2026-11-26T10:00:00Z'), { status: 'cancelled' });
    expect(told).toEqual([expect.stringMatching(/^The run history cannot be saved in this browser \(IndexedDB transaction aborted\): runs are kept in memory only and will be lost when the page is reloaded/)]);
    await fresh.runs.recordRun('train', before, Date.parse('2026-11-26T10:01:00Z'), { status: 'cancelled' });
    // Both runs are in the history; the second never went near IndexedDB, and nothing more was said.
    expect(fresh.store.studio.getState().runs.map((r) => r.id)).toEqual(['run-2', 'run-1']);
    expect(put).toHaveBeenCalledTimes(1);
    expect(told).toHaveLength(1);
    // What was kept in memory is what an export writes.
    expect(JSON.parse(await (await fresh.runActions.exportProjectFile()).text()).runs.map((r: { id: string }) => r.id)).toEqual(['run-2', 'run-1']);
    put.mockRestore();
    expect(await (await openRunStore(factory)).list()).toEqual([]);
  });
});
