import { errorMessage, isCancelled } from '../core/util/errors';
import { callback } from '../workers/client';
import type { MonitorRun, MonitorSplit, RetrainMode, RetrainResult } from '../workers/monitorProtocol';
import type { JobProgress } from '../workers/protocol';
import { becomeCurrent, clearErrors, showError } from './actions';
import { requireEngine, tracked } from './engineHandle';
import { type JobEvent, jobReducer } from './job';
import { set } from './jobs';
import { type StudioModel, trainedOrigin } from './modelOrigin';
import { recordRun, runClock } from './runs';
import { type StudioState, studio } from './store';

/**
 * Monitor's actions (issue 14): new data read and monitored in the engine's monitoring module
 * (`engine.monitor`), the report kept in the store (figures and sketches, no rows), and Retrain:
 * the model's recipe run again on new labelled rows, compared, and adopted as a run of the history.
 */

type MonitorJobKey = 'monitor' | 'retrain';
type Progress = (p: JobProgress) => void;

/** Moves Monitor's job or Retrain's through the job state machine. */
function dispatchJob<K extends MonitorJobKey>(key: K, event: JobEvent<NonNullable<StudioState[K]['result']>>): void {
  set((s) => ({ [key]: jobReducer(s[key] as never, event as never) }) as Partial<StudioState>);
}

/** Progress of Monitor's or Retrain's job as a worker callback (stages only: these jobs have no epochs to draw). */
function progressOf(key: MonitorJobKey): Progress {
  return callback((p: JobProgress) => {
    if (p.kind === 'stage') dispatchJob(key, { type: 'progress', progress: { stage: p.stage, fraction: p.fraction } });
  });
}

/** The split the screen starts with: each file a chunk when there are several, else five equal chunks. */
export function defaultSplit(files: number): MonitorSplit {
  return files > 1 ? { kind: 'files' } : { kind: 'chunks', chunks: 5 };
}

/** Reads new CSV files in the worker and monitors them against the current model, cut as `split` says. */
export async function monitorFiles(files: readonly File[], split: MonitorSplit = defaultSplit(files.length)): Promise<void> {
  await runJob('monitor', `Could not monitor ${files.map((f) => f.name).join(', ')}`, async (onProgress) => {
    await requireEngine().monitor.load(files, onProgress);
    return requireEngine().monitor.run(split, onProgress);
  });
  // A new batch of data has its own retraining.
  set({ retrain: { state: 'idle' } });
}

/** Monitors the new data already read again, cut another way (chunks, or a date column's period). */
export async function monitorAgain(split: MonitorSplit): Promise<void> {
  await runJob('monitor', 'Could not monitor the new data', (onProgress) => requireEngine().monitor.run(split, onProgress));
}

/** Runs the current model's recipe again on the rows `mode` names and compares it with the current model on the newest labelled rows. */
export async function retrain(mode: RetrainMode): Promise<void> {
  await runJob('retrain', 'Retraining failed', (onProgress) => requireEngine().monitor.retrain(mode, onProgress));
}

/**
 * Makes the retrained model the current one (Evaluate and Export show it) and records it in the
 * run history as a training of the model's recipe on the rows it learned from.
 */
export async function adoptRetrained(): Promise<void> {
  const { retrain: job } = studio.getState();
  const result = job.result;
  if (job.state !== 'succeeded' || !result) return;
  clearErrors('retrain');
  try {
    const summary = await requireEngine().monitor.adopt();
    const before = historyState(studio.getState(), result);
    const startedAt = runClock.now();
    const origin = trainedOrigin(before, startedAt);
    becomeCurrent({ ...summary, origin: origin ?? { source: 'imported', file: result.data.name, at: startedAt } });
    set({ retrain: { state: 'idle' } });
    await recordRun('train', before, startedAt, { status: 'succeeded', summary });
  } catch (e) {
    showError(`Could not adopt the retrained model: ${errorMessage(e)}`, 'retrain');
  }
}

/**
 * The studio's state as the run history reads it for a retraining: the data it learned from (old
 * and new rows), the target and task, and the recipe, model, settings and seed of the current
 * model's config (not the forms', which may have moved on).
 */
function historyState(s: StudioState, r: RetrainResult): StudioState {
  const profile = { ...(s.dataset.result?.profile ?? { columns: [] }), rows: r.data.rows, columns: Array.from({ length: r.data.columns }, (_, i) => s.dataset.result?.profile.columns[i] ?? { name: String(i) }) };
  const dataset = { state: 'succeeded' as const, result: { ...(s.dataset.result ?? {}), name: r.data.name, fingerprint: r.data.fingerprint, profile } } as StudioState['dataset'];
  const { problem, recipe, model, seed } = r.config;
  return { ...s, dataset, target: problem.target, noTarget: null, targetSummary: { ...(s.targetSummary ?? {}), task: problem.task } as StudioState['targetSummary'], recipe, modelId: model.id, modelParams: model.params ?? {}, seed };
}

/**
 * Runs Monitor's or Retrain's job against the current model: its progress shown, Cancel honoured,
 * the result kept with the model it belongs to, a failure said beside the job's controls.
 */
async function runJob<K extends MonitorJobKey>(key: K, failure: string, start: (onProgress: Progress) => Promise<K extends 'monitor' ? MonitorRun : RetrainResult>): Promise<void> {
  const model: StudioModel | null = studio.getState().current;
  clearErrors(key);
  if (!model) {
    showError('Train a model, or import a model file (Export), first.', key);
    return;
  }
  dispatchJob(key, { type: 'start' });
  try {
    const result = await tracked(start(progressOf(key)));
    dispatchJob(key, { type: 'succeed', result: { ...result, model } as never });
  } catch (e) {
    if (isCancelled(e)) {
      dispatchJob(key, { type: 'cancel' });
      return;
    }
    dispatchJob(key, { type: 'fail', error: errorMessage(e) });
    showError(`${failure}: ${errorMessage(e)}`, key);
  }
}

/** The last monitoring report as a JSON Blob (the `sapling monitor --out` format), or null before any. */
export function monitorReportBlob(): Blob | null {
  const report = studio.getState().monitor.result?.report;
  return report ? new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }) : null;
}
