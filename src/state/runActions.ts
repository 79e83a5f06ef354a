import { makeProjectFile, parseProjectFile, projectFileChunks } from '../core/project/projectFile';
import { type RunRecord, newestFirst } from '../core/project/runRecord';
import { errorMessage } from '../core/util/errors';
import { blobFromChunks, writeAll } from '../core/util/textChunks';
import { goTo, setNoTarget, setTarget, setTask, showError } from './actions';
import { train } from './modelJobs';
import { persistDelete, persistRestore, runClock } from './runs';
import { studio } from './store';

/**
 * What the Run history panel does with the runs: re-run one, delete (and undo), clear, export
 * and import the project file.
 */

/** Why a run cannot be re-run on the data loaded now; null when it can (the same data is loaded). */
export function rerunBlocker(run: RunRecord): string | null {
  const loaded = studio.getState().dataset.result;
  if (loaded?.fingerprint === run.data.fingerprint) return null;
  const needs = `This run needs the data it was trained on: ${run.data.name} (${run.data.rows.toLocaleString('en-US')} rows, ${run.data.columns} columns)`;
  if (!loaded) return `${needs}. No data is loaded: load that file on Data, then re-run.`;
  const same = loaded.name === run.data.name ? ', read differently or changed since' : '';
  return `${needs}. The data loaded now (${loaded.name}, ${loaded.profile.rows.toLocaleString('en-US')} rows${same}) is not the same: load that file on Data, then re-run.`;
}

/**
 * Restores a run's problem, recipe, model, parameters, seed and validation and trains again on
 * Train (a tuning run trains the settings it found); says what data it needs when other data is
 * loaded. Resolves, once the training has started, to whether it did.
 */
export async function rerun(run: RunRecord): Promise<boolean> {
  const blocker = rerunBlocker(run);
  if (blocker) {
    showError(blocker);
    return false;
  }
  if (studio.getState().training.state === 'running') {
    showError('A training is running: wait for it to finish, or cancel it, before re-running.');
    return false;
  }
  if (run.problem.target === null) {
    setNoTarget(run.problem.task);
  } else {
    await setTarget(run.problem.target);
    if (studio.getState().targetSummary?.task !== run.problem.task) await setTask(run.problem.task);
  }
  const s = studio.getState();
  if (s.target !== run.problem.target || (s.noTarget ?? s.targetSummary?.task) !== run.problem.task) return false;
  const params = run.kind === 'tune' && run.result ? run.result.params : run.model.params;
  studio.setState({ recipe: run.recipe, modelId: run.model.id, modelParams: params, seed: run.seed, validation: { ...run.validation } });
  goTo('train');
  void train();
  return true;
}

/** Removes a run from the history; resolves to it (for Undo). */
export async function deleteRun(id: string): Promise<RunRecord | undefined> {
  const run = studio.getState().runs.find((r) => r.id === id);
  if (!run) return undefined;
  studio.setState((s) => ({ runs: s.runs.filter((r) => r.id !== id) }));
  await persistDelete([id], (store) => store.delete(id));
  return run;
}

/** Empties the history; resolves to the runs it held (for Undo). */
export async function clearRuns(): Promise<readonly RunRecord[]> {
  const { runs } = studio.getState();
  studio.setState({ runs: [] });
  await persistDelete(runs.map((r) => r.id), (store) => store.replaceAll([]));
  return runs;
}

/** Puts runs back (Undo of a delete or a clear); runs already there stay as they are. */
export async function restoreRuns(runs: readonly RunRecord[]): Promise<void> {
  const ids = new Set(studio.getState().runs.map((r) => r.id));
  const missing = runs.filter((r) => !ids.has(r.id));
  studio.setState((s) => ({ runs: newestFirst([...s.runs, ...missing]) }));
  await persistRestore(missing);
}

/** The project file of the whole history, as a JSON Blob (written in chunks: a long history can outgrow a string). */
export function exportProjectFile(): Promise<Blob> {
  const file = makeProjectFile(studio.getState().runs, new Date(runClock.now()));
  return blobFromChunks((write) => writeAll(projectFileChunks(file), write), 'application/json');
}

/**
 * Reads a project file and adds its runs to the history, merged by id (runs already here are
 * kept as they are). A file that does not validate changes nothing and its error is shown.
 * Resolves to the counts, or null when the file was refused.
 */
export async function importProject(file: File): Promise<{ added: number; already: number } | null> {
  let runs: readonly RunRecord[];
  try {
    runs = parseProjectFile(await file.text()).runs;
  } catch (e) {
    showError(`Could not import ${file.name}: ${errorMessage(e)}`);
    return null;
  }
  const ids = new Set(studio.getState().runs.map((r) => r.id));
  const fresh = runs.filter((r) => !ids.has(r.id));
  await restoreRuns(fresh);
  return { added: fresh.length, already: runs.length - fresh.length };
}
