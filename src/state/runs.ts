import { type RunKind, type RunOutcome, type RunRecord, buildRunRecord, mergeRuns, newestFirst } from '../core/project/runRecord';
import { validateRun } from '../core/project/validateRun';
import type { ValidationSpec } from '../core/train/config';
import { errorMessage } from '../core/util/errors';
import type { ModelSummary } from '../workers/protocol';
import { type RunStore, memoryRunStore, openRunStore } from './runHistory';
import { type Tombstones, storedTombstones } from './runTombstones';
import { type StudioState, studio } from './store';

/**
 * The run history: every training, Auto run and tuning recorded when it ends, in the store's
 * `runs` (small records, newest first) and in IndexedDB so it survives reloads. When IndexedDB
 * cannot be used the runs stay in memory, the person is told once (and the panel keeps saying so),
 * and deletes are remembered as tombstones (runTombstones.ts) so a reload does not undo them.
 */

/** The clock and the namer of runs (replaced in tests, STYLE.md §8). */
export const runClock = {
  now: (): number => Date.now(),
  newId: (): string => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`),
};

let storage: Promise<RunStore> | null = null;
/** Says a problem with keeping runs to the person (the studio's error display). */
let tell: (message: string) => void = () => {};
let toldUnavailable = false;
let toldNoTombstones = false;
/** Whether changes go to IndexedDB (false once fallen back to memory). */
let durable = false;
let tombstones: Tombstones = storedTombstones();

/**
 * Opens the history (once) and loads its runs into the store, merged with any recorded meanwhile;
 * `onProblem` shows what goes wrong with keeping them.
 */
export async function loadRuns(onProblem: (message: string) => void, open: () => Promise<RunStore> = () => openRunStore(), marks: Tombstones = storedTombstones()): Promise<void> {
  tell = onProblem;
  tombstones = marks;
  // Some browsers throw at once (not through the request) in private windows: catch both ways.
  storage ??= Promise.resolve()
    .then(open)
    .then((store) => ((durable = true), store))
    .catch(unavailable);
  const store = await storage;
  let saved: RunRecord[] = [];
  try {
    saved = await store.list();
  } catch (e) {
    unavailable(e);
  }
  saved = await withoutDeleted(saved, store);
  const valid = saved.flatMap((r, i) => {
    try {
      return [validateRun(r, `saved run ${i + 1}`)];
    } catch {
      return [];
    }
  });
  if (valid.length < saved.length) tell(`${saved.length - valid.length} saved run${saved.length - valid.length === 1 ? '' : 's'} of the run history could not be read and ${saved.length - valid.length === 1 ? 'is' : 'are'} not shown.`);
  studio.setState((s) => ({ runs: mergeRuns(s.runs, valid).runs }));
}

/** Leaves out runs deleted while the history was in memory, and deletes them from IndexedDB now if it can. */
async function withoutDeleted(saved: RunRecord[], store: RunStore): Promise<RunRecord[]> {
  const dead = new Set(tombstones.ids());
  if (dead.size === 0) return saved;
  if (durable) {
    try {
      for (const id of dead) await store.delete(id);
      tombstones.remove([...dead]);
    } catch {
      // Still refused: the marks stay for the next load.
    }
  }
  return saved.filter((r) => !dead.has(r.id));
}

/** Switches to keeping runs in memory (those in the store), saying so once. */
function unavailable(e: unknown): RunStore {
  const memory = memoryRunStore(studio.getState().runs);
  storage = Promise.resolve(memory);
  durable = false;
  studio.setState({ runsInMemory: true });
  if (toldUnavailable) return memory;
  toldUnavailable = true;
  tell(`The run history cannot be saved in this browser (${errorMessage(e)}): runs are kept in memory only and will be lost when the page is reloaded. Use "Export project" in Run history to keep them.`);
  return memory;
}

/**
 * Applies a change to the kept runs; a failure to keep it falls back to memory and says so once.
 * Resolves to true when the change reached IndexedDB.
 */
export async function persist(change: (store: RunStore) => Promise<void>): Promise<boolean> {
  storage ??= Promise.resolve(memoryRunStore());
  try {
    await change(await storage);
    return durable;
  } catch (e) {
    unavailable(e);
    return false;
  }
}

/**
 * Deletes runs from the history's storage so that they stay deleted: each is marked first, and
 * the mark is dropped once IndexedDB confirms; runs deleted in memory stay marked until a later
 * load deletes them from IndexedDB. `change` does the deleting.
 */
export async function persistDelete(ids: readonly string[], change: (store: RunStore) => Promise<void>): Promise<void> {
  const marked = tombstones.add(ids);
  if (await persist(change)) {
    tombstones.remove(ids);
  } else if (!marked && !toldNoTombstones) {
    toldNoTombstones = true;
    tell('This browser will not keep a note of deleted runs either: runs deleted now may come back after a reload.');
  }
}

/** Puts runs back in the history's storage (Undo): they are no longer marked deleted. */
export async function persistRestore(runs: readonly RunRecord[]): Promise<void> {
  tombstones.remove(runs.map((r) => r.id));
  await persist((store) => store.put(...runs));
}

/** How a run ended, as the studio sees it. */
export type StudioRunOutcome = { readonly status: 'succeeded'; readonly summary: ModelSummary } | { readonly status: 'failed'; readonly error: unknown } | { readonly status: 'cancelled' };

/**
 * Records a finished run (any kind, any ending) in the history: `before` is the studio's state
 * when the run started (its data, problem, recipe, model and seed), `startedAt` the time it
 * started by `runClock.now()`, `validation` the cross-validation the run did (none if absent).
 * Does nothing when no data was loaded.
 */
export async function recordRun(kind: RunKind, before: StudioState, startedAt: number, outcome: StudioRunOutcome, validation?: ValidationSpec): Promise<RunRecord | null> {
  const dataset = before.dataset.result;
  const task = before.noTarget ?? before.targetSummary?.task;
  if (!dataset || !before.recipe || !before.modelId || !task) return null;
  const problem = before.noTarget ? { target: null, task: before.noTarget } : { target: before.target!, task: before.targetSummary!.task };
  const run = buildRunRecord(
    {
      kind,
      startedAt: new Date(startedAt).toISOString(),
      durationMs: Math.max(0, runClock.now() - startedAt),
      data: { name: dataset.name, fingerprint: dataset.fingerprint, rows: dataset.profile.rows, columns: dataset.profile.columns.length },
      problem,
      recipe: before.recipe,
      model: { id: before.modelId, params: before.modelParams },
      seed: before.seed,
      // What the run used (Auto, tuning and runs without a target do not cross-validate the result), not the form.
      validation: validation ? { folds: validation.folds, method: validation.method ?? 'k-fold', group: validation.group ?? null } : { folds: 0, method: 'k-fold', group: null },
      backend: before.backend.report?.active ?? null,
      outcome: studioOutcome(outcome),
    },
    runClock.newId,
  );
  studio.setState((s) => ({ runs: newestFirst([run, ...s.runs]) }));
  await persist((store) => store.put(run));
  return run;
}

function studioOutcome(outcome: StudioRunOutcome): RunOutcome {
  if (outcome.status === 'succeeded') return { status: 'succeeded', report: outcome.summary.report };
  if (outcome.status === 'failed') return { status: 'failed', error: errorMessage(outcome.error) };
  return outcome;
}
