/**
 * Runs deleted while the history could not reach IndexedDB: their ids are kept in localStorage
 * until IndexedDB has deleted them too, so a reload does not bring them back (issue 11). Each
 * delete is marked first and unmarked once IndexedDB confirms it; the history applies what is
 * left when it next loads.
 */
export interface Tombstones {
  /** Ids of runs deleted but perhaps still in IndexedDB. */
  ids(): string[];
  /** Marks runs deleted; false when the marks could not be kept. */
  add(ids: readonly string[]): boolean;
  /** Forgets marks (IndexedDB has deleted those runs, or they were put back). */
  remove(ids: readonly string[]): void;
}

const KEY = 'sapling.deletedRuns';

/** The browser's localStorage, or undefined where it is missing or refused (some private windows throw on access). */
function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Tombstones in `storage` (localStorage by default) under one key, as a JSON list of ids. */
export function storedTombstones(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = browserStorage()): Tombstones {
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
      // Untrusted like any stored data: only strings count.
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const write = (ids: readonly string[]): boolean => {
    if (!storage) return false;
    try {
      if (ids.length) storage.setItem(KEY, JSON.stringify(ids));
      else storage.removeItem(KEY);
      return true;
    } catch {
      return false;
    }
  };
  return {
    ids: read,
    add: (ids) => write([...new Set([...read(), ...ids])]),
    remove: (ids) => {
      const gone = new Set(ids);
      const before = read();
      if (before.some((id) => gone.has(id))) write(before.filter((id) => !gone.has(id)));
    },
  };
}

/** Tombstones in memory (tests, and where no storage is offered). */
export function memoryTombstones(): Tombstones {
  const kept = new Set<string>();
  return {
    ids: () => [...kept],
    add: (ids) => (ids.forEach((id) => kept.add(id)), true),
    remove: (ids) => ids.forEach((id) => kept.delete(id)),
  };
}
