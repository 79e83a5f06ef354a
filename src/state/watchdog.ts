import { bootEngine, chooseBackend, heldDataFile, loadCsv, setTask, showError, updateError } from './actions';
import { callsInFlight, dropEngine, requireEngine, whenIdle } from './engineHandle';
import { dispatch, set } from './jobs';
import { INITIAL_STATE, type StudioState, studio } from './store';

/**
 * The watchdog (issue 11): Cancel asks the engine to stop at its next check, but an engine stuck in
 * a loop that never checks (or never yields) cannot even hear the request. If the running calls
 * have not ended `timeoutMs` after Cancel, the page terminates the worker and starts a new one,
 * keeping everything that does not live in the engine (settings, run history) and reading the data
 * file again.
 */

/** How long Cancel waits for the engine before restarting it (tests shorten it). */
export const watchdogSettings = { timeoutMs: 5_000 };

let restarting: Promise<void> | null = null;

/** Stops the running job at its next check; restarts the engine if it does not stop in time. */
export async function cancel(): Promise<void> {
  // A busy engine answers this only when it is free again: the watchdog does not wait for it.
  void requireEngine().cancel().catch(() => {});
  if (callsInFlight() === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), watchdogSettings.timeoutMs)));
  const stuck = await Promise.race([whenIdle().then(() => false), timedOut]);
  clearTimeout(timer);
  if (stuck) await restartEngine();
}

/**
 * Throws the engine away and starts a new one: running jobs end as cancelled, the model that lived
 * in the engine is gone, the settings and run history stay, and the data file is read again (with
 * the person's problem, recipe and model restored), or the person is told to drop it again.
 */
export function restartEngine(): Promise<void> {
  restarting ??= doRestart().finally(() => (restarting = null));
  return restarting;
}

async function doRestart(): Promise<void> {
  const before = studio.getState();
  const seconds = watchdogSettings.timeoutMs / 1000;
  dropEngine(`the engine did not stop within ${seconds} s of Cancel`);
  for (const key of ['dataset', 'training', 'prediction'] as const) dispatch(key, { type: 'cancel' });
  // The fitted model, its tree, its measurements, its predictions and the row map lived in the engine.
  set({ current: null, tree: null, readings: {}, prediction: INITIAL_STATE.prediction, rowMap: INITIAL_STATE.rowMap, backend: { status: 'starting' } });
  const file = heldDataFile();
  const said = `The engine did not stop within ${seconds} s of Cancel, so it was restarted. Your settings and run history are kept.`;
  const lostModel = before.current ? ' The model trained before lived in the engine and is gone: train it again or import its file.' : '';
  const data = !before.dataset.result ? '' : file ? ` Your data (${file.name}) is being read again…` : ' Drop your data file on Data again to go on.';
  const id = showError(`${said}${data}${lostModel}`);
  if (!file || !before.dataset.result) set({ dataset: INITIAL_STATE.dataset });
  await bootEngine();
  const chosen = before.backend.report?.active;
  if (chosen && studio.getState().backend.report?.active !== chosen) await chooseBackend(chosen);
  if (!file || !before.dataset.result) return;
  const read = await readAgain(file, before);
  updateError(id, `${said} ${read ? `Your data (${file.name}) was read again.` : `Your data (${file.name}) could not be read again: drop it on Data again.`}${lostModel}`);
}

/** Reads `file` in the new engine and puts back the recipe the person had; false when the file could not be read. */
async function readAgain(file: File, before: StudioState): Promise<boolean> {
  await loadCsv(file);
  const now = studio.getState();
  if (now.dataset.state !== 'succeeded') return false;
  if (before.taskOverride && now.target === before.target) await setTask(before.taskOverride);
  // Reading the same file keeps the target, model and its settings, but proposes a fresh recipe.
  if (now.target === before.target && now.noTarget === before.noTarget) set({ recipe: before.recipe, exclusions: before.exclusions });
  return true;
}
