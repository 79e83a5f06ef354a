import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { runFixture } from '../core/testing/runs';
import { memoryRunStore, openRunStore } from './runHistory';

const a = runFixture({ id: 'a', startedAt: '2026-11-26T10:00:00.000Z' });
const b = runFixture({ id: 'b', startedAt: '2026-11-26T12:00:00.000Z' });
const c = runFixture({ id: 'c', startedAt: '2026-11-26T11:00:00.000Z' });

describe('run store', () => {
  it('keeps runs in IndexedDB across openings: newest first, put replaces by id, delete, clear and import', async () => {
    const factory = new IDBFactory();
    const store = await openRunStore(factory);
    expect(await store.list()).toEqual([]);
    await store.put(a, b);
    await store.put(c);
    await store.put({ ...a, seed: 7 });
    const again = await openRunStore(factory);
    expect((await again.list()).map((r) => [r.id, r.seed])).toEqual([['b', 42], ['c', 42], ['a', 7]]);
    await again.delete('c');
    expect((await again.list()).map((r) => r.id)).toEqual(['b', 'a']);
    await again.replaceAll([c]);
    expect(await again.list()).toEqual([c]);
  });

  it('rejects when there is no IndexedDB, and a memory store stands in with the same behaviour', async () => {
    await expect(openRunStore(undefined)).rejects.toThrow('no IndexedDB');
    const memory = memoryRunStore([a]);
    await memory.put(b, c);
    const listed = await memory.list();
    expect(listed.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    // Copies out: changing what was listed changes nothing kept.
    (listed[0] as { seed: number }).seed = 1;
    expect((await memory.list())[0].seed).toBe(42);
    await memory.replaceAll([]);
    expect(await memory.list()).toEqual([]);
  });
});
