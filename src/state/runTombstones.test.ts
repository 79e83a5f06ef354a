import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFixture } from '../core/testing/runs';
import { type RunStore, openRunStore } from './runHistory';
import { storedTombstones } from './runTombstones';

const a = runFixture({ id: 'a', startedAt: '2026-11-26T10:00:00.000Z' });
const b = runFixture({ id: 'b', startedAt: '2026-11-26T12:00:00.000Z' });
const c = runFixture({ id: 'c', startedAt: '2026-11-26T11:00:00.000Z' });

/** localStorage as a Map. */
function fakeStorage() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

/** An IndexedDB store that lists but refuses every write (storage full, blocked by the browser). */
async function refusingWrites(factory: IDBFactory): Promise<RunStore> {
  const real = await openRunStore(factory);
  const refuse = async () => {
    throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
  };
  return { list: () => real.list(), put: refuse, delete: refuse, replaceAll: refuse };
}

/** A fresh page: new state modules over `open`, tombstones in `storage`. */
async function page(open: () => Promise<RunStore>, storage: ReturnType<typeof fakeStorage>) {
  vi.resetModules();
  const store = await import('./store');
  const runs = await import('./runs');
  const actions = await import('./runActions');
  const told: string[] = [];
  await runs.loadRuns((m) => told.push(m), open, storedTombstones(storage));
  const ids = () => store.studio.getState().runs.map((r) => r.id);
  return { studio: store.studio, actions, told, ids };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('run history fallen back to memory', () => {
  it('says so, and runs deleted then do not come back after a reload', async () => {
    const factory = new IDBFactory();
    await (await openRunStore(factory)).put(a, b, c);
    const storage = fakeStorage();

    const first = await page(() => refusingWrites(factory), storage);
    expect(first.ids()).toEqual(['b', 'c', 'a']);
    expect(first.studio.getState().runsInMemory).toBe(false);
    await first.actions.deleteRun('a');
    expect(first.studio.getState().runsInMemory).toBe(true);
    expect(first.told).toEqual([expect.stringMatching(/^The run history cannot be saved in this browser \(the quota has been exceeded\): runs are kept in memory only and will be lost when the page is reloaded\. Use "Export project"/)]);
    // Deleted again while in memory: the memory store takes it, the mark stays.
    await first.actions.deleteRun('c');
    expect(first.ids()).toEqual(['b']);
    expect(JSON.parse(storage.items.get('sapling.deletedRuns')!)).toEqual(['a', 'c']);

    // Reload with IndexedDB writable again: the deleted runs stay deleted, in IndexedDB too.
    const second = await page(() => openRunStore(factory), storage);
    expect(second.ids()).toEqual(['b']);
    expect(second.studio.getState().runsInMemory).toBe(false);
    expect(second.told).toEqual([]);
    expect((await (await openRunStore(factory)).list()).map((r) => r.id)).toEqual(['b']);
    expect(storage.items.has('sapling.deletedRuns')).toBe(false);
  });

  it('keeps the marks while IndexedDB still refuses, and forgets a mark when the delete is undone', async () => {
    const factory = new IDBFactory();
    await (await openRunStore(factory)).put(a, b, c);
    const storage = fakeStorage();
    const first = await page(() => refusingWrites(factory), storage);
    const deleted = (await first.actions.deleteRun('a'))!;
    await first.actions.deleteRun('b');
    await first.actions.restoreRuns([deleted]);
    expect(first.ids()).toEqual(['c', 'a']);

    const second = await page(() => refusingWrites(factory), storage);
    expect(second.ids()).toEqual(['c', 'a']);
    expect(JSON.parse(storage.items.get('sapling.deletedRuns')!)).toEqual(['b']);
    // Cleared in memory: nothing comes back.
    await second.actions.clearRuns();
    const third = await page(() => openRunStore(factory), storage);
    expect(third.ids()).toEqual([]);
    expect(await (await openRunStore(factory)).list()).toEqual([]);
  });

  it('with IndexedDB working, a delete leaves no mark behind', async () => {
    const factory = new IDBFactory();
    await (await openRunStore(factory)).put(a, b);
    const storage = fakeStorage();
    const first = await page(() => openRunStore(factory), storage);
    await first.actions.deleteRun('a');
    expect(storage.items.size).toBe(0);
    expect(first.studio.getState().runsInMemory).toBe(false);
    expect((await page(() => openRunStore(factory), storage)).ids()).toEqual(['b']);
  });

  it('a browser without IndexedDB is in memory from the start, and says so', async () => {
    const storage = fakeStorage();
    const first = await page(() => openRunStore(undefined), storage);
    expect(first.studio.getState().runsInMemory).toBe(true);
    expect(first.told).toHaveLength(1);
  });

  it('reads only strings from stored marks', () => {
    const storage = fakeStorage();
    storage.setItem('sapling.deletedRuns', '[1, "x", null, {"__proto__": 1}]');
    expect(storedTombstones(storage).ids()).toEqual(['x']);
    storage.setItem('sapling.deletedRuns', 'not json');
    expect(storedTombstones(storage).ids()).toEqual([]);
    expect(storedTombstones(undefined).add(['y'])).toBe(false);
  });
});
