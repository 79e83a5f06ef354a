/**
 * The life of a long job (load, train, predict) as a small state machine, changed in one reducer:
 * idle → running → succeeded | failed | cancelled, and running again from any of those.
 */
export type JobState = 'idle' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Where a running job is: a stage name and, when known, the fraction done. */
export interface JobProgressState {
  readonly stage: string;
  readonly fraction?: number;
}

/** A job and what it produced. `result` survives a later failure so nothing shown is lost. */
export interface Job<T> {
  readonly state: JobState;
  readonly progress?: JobProgressState;
  readonly result?: T;
  readonly error?: string;
}

export type JobEvent<T> =
  | { readonly type: 'start' }
  | { readonly type: 'progress'; readonly progress: JobProgressState }
  | { readonly type: 'succeed'; readonly result: T }
  | { readonly type: 'fail'; readonly error: string }
  | { readonly type: 'cancel' };

/** A job that has not run. */
export const IDLE_JOB: Job<never> = { state: 'idle' };

/** The next state of a job; events that make no sense in the current state leave it unchanged. */
export function jobReducer<T>(job: Job<T>, event: JobEvent<T>): Job<T> {
  switch (event.type) {
    case 'start':
      return { state: 'running', progress: { stage: 'starting', fraction: 0 }, result: job.result };
    case 'progress':
      return job.state === 'running' ? { ...job, progress: event.progress } : job;
    case 'succeed':
      return job.state === 'running' ? { state: 'succeeded', result: event.result } : job;
    case 'fail':
      return job.state === 'running' ? { state: 'failed', error: event.error, result: job.result } : job;
    case 'cancel':
      return job.state === 'running' ? { state: 'cancelled', result: job.result } : job;
  }
}
