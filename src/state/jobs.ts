import type { EpochLog } from '../core/models/model';
import { leadingTrial } from '../core/tune/tune';
import { callback } from '../workers/client';
import type { JobProgress } from '../workers/protocol';
import { type Job, type JobEvent, jobReducer } from './job';
import { type StudioState, studio } from './store';

/** How the actions change the store: a patch, a job's event, a job's progress from the worker. */

/** Applies a patch (or a function of the state) to the store. */
export function set(patch: Partial<StudioState> | ((s: StudioState) => Partial<StudioState>)): void {
  studio.setState(patch);
}

/** Moves one of the store's jobs through its state machine. */
export function dispatch<K extends 'dataset' | 'training' | 'prediction'>(key: K, event: JobEvent<StudioState[K] extends Job<infer T> ? T : never>): void {
  set((s) => ({ [key]: jobReducer(s[key] as Job<unknown>, event as JobEvent<unknown>) }) as Partial<StudioState>);
}

/**
 * Epochs reach the store (and the live chart) at most this often, in ms: a fast model's hundreds
 * of rounds a second would otherwise redraw the page for each, and the drawing takes a core from
 * training (measured: boosting ran twice as slow).
 */
const EPOCH_FLUSH_MS = 150;

/** Progress of a job as a worker callback; `flush` hands over epochs still held back (call it when the job ends). */
export function progressTo(key: 'dataset' | 'training' | 'prediction') {
  let held: EpochLog[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!held.length) return;
    const logs = held;
    held = [];
    const last = logs[logs.length - 1];
    set((s) => ({ history: [...s.history, ...logs] }));
    dispatch(key, { type: 'progress', progress: { stage: 'training', fraction: last.epoch / last.epochs } });
  };
  const proxy = callback((p: JobProgress) => {
    if (p.kind === 'epoch' || p.kind === 'epochs') {
      if (p.kind === 'epoch') held.push(p.log);
      else held.push(...p.logs);
      timer ??= setTimeout(flush, EPOCH_FLUSH_MS);
    } else if (p.kind === 'trial') {
      const t = p.trial;
      // Trials run side by side arrive as they finish; the table lists them by number.
      set((s) => ({ trials: [...s.trials, t].sort((a, b) => a.index - b.index) }));
      const best = leadingTrial(studio.getState().trials);
      dispatch(key, { type: 'progress', progress: { stage: `trial ${t.index + 1} scored ${Number.isNaN(t.score) ? 'nothing (failed)' : t.score.toFixed(4)}${best ? `; best so far ${best.score.toFixed(4)}` : ''}`, fraction: p.fraction } });
    } else if (p.kind === 'ingest') {
      const mb = (n: number) => (n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0);
      const stage = `${p.rows.toLocaleString('en-US')} rows, ${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB`;
      dispatch(key, { type: 'progress', progress: { stage, fraction: p.totalBytes ? p.bytesRead / p.totalBytes : undefined } });
    } else {
      dispatch(key, { type: 'progress', progress: { stage: p.stage, fraction: p.fraction } });
    }
  });
  return Object.assign(proxy, { flush });
}
