import { type RunRecord, newestFirst } from '../core/project/runRecord';

/**
 * Where the run history is kept between visits: the browser's IndexedDB (database "sapling",
 * object store "runs", keyed by the run's id), over the raw API — four operations do not need a
 * library. `memoryRunStore` is the stand-in when IndexedDB is not available (private windows,
 * storage full or blocked): the runs then last as long as the page.
 */
export interface RunStore {
  /** Every run kept, newest first. */
  list(): Promise<RunRecord[]>;
  /** Adds runs, or replaces those with the same ids (one transaction). */
  put(...runs: RunRecord[]): Promise<void>;
  delete(id: string): Promise<void>;
  /** Empties the store and writes `runs` in its place (one transaction: all or nothing). */
  replaceAll(runs: readonly RunRecord[]): Promise<void>;
}

const DATABASE = 'sapling';
const DATABASE_VERSION = 1;
const RUNS = 'runs';

/** Opens (creating on first use) the run store in IndexedDB; rejects when IndexedDB cannot be used. */
export function openRunStore(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<RunStore> {
  return new Promise((resolve, reject) => {
    if (!factory) {
      reject(new Error('this browser offers no IndexedDB'));
      return;
    }
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DATABASE, DATABASE_VERSION);
    } catch (e) {
      // Some browsers throw here (instead of failing the request) in private windows.
      reject(e);
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(idbRunStore(request.result));
    request.onerror = () => reject(request.error ?? new Error('IndexedDB would not open'));
    request.onblocked = () => reject(new Error('the run history is open in an older version of Sapling in another tab'));
  });
}

function idbRunStore(db: IDBDatabase): RunStore {
  // Another tab upgrading the database asks this one to let go.
  db.onversionchange = () => db.close();
  /** Runs `work` in one transaction and settles when the transaction has committed (or failed). */
  const transact = <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(RUNS, mode);
      const request = work(tx.objectStore(RUNS));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  return {
    async list() {
      const runs = (await transact('readonly', (store) => store.getAll() as IDBRequest<RunRecord[]>)) ?? [];
      return newestFirst(runs);
    },
    async put(...runs) {
      await transact('readwrite', (store) => {
        for (const run of runs) store.put(run);
      });
    },
    async delete(id) {
      await transact('readwrite', (store) => store.delete(id));
    },
    async replaceAll(runs) {
      await transact('readwrite', (store) => {
        store.clear();
        for (const run of runs) store.put(run);
      });
    },
  };
}

/** A run store in memory (copies in, copies out, as IndexedDB would). */
export function memoryRunStore(initial: readonly RunRecord[] = []): RunStore {
  const runs = new Map(initial.map((r) => [r.id, structuredClone(r)]));
  return {
    async list() {
      return newestFirst([...runs.values()].map((r) => structuredClone(r)));
    },
    async put(...added) {
      for (const run of added) runs.set(run.id, structuredClone(run));
    },
    async delete(id) {
      runs.delete(id);
    },
    async replaceAll(replacement) {
      runs.clear();
      for (const run of replacement) runs.set(run.id, structuredClone(run));
    },
  };
}
