import { describe, expect, it } from 'vitest';
import { IDLE_JOB, type Job, jobReducer } from './job';

describe('jobReducer', () => {
  it('runs idle → running → succeeded, keeping the last result through a later failure', () => {
    let job: Job<number> = IDLE_JOB;
    job = jobReducer(job, { type: 'start' });
    expect(job.state).toBe('running');
    job = jobReducer(job, { type: 'progress', progress: { stage: 'train', fraction: 0.5 } });
    expect(job.progress).toEqual({ stage: 'train', fraction: 0.5 });
    job = jobReducer(job, { type: 'succeed', result: 7 });
    expect(job).toEqual({ state: 'succeeded', result: 7 });
    job = jobReducer(jobReducer(job, { type: 'start' }), { type: 'fail', error: 'boom' });
    expect(job).toEqual({ state: 'failed', error: 'boom', result: 7 });
  });

  it('ignores events that do not fit the current state', () => {
    const done: Job<number> = { state: 'succeeded', result: 1 };
    expect(jobReducer(done, { type: 'cancel' })).toBe(done);
    expect(jobReducer(done, { type: 'progress', progress: { stage: 'x' } })).toBe(done);
    expect(jobReducer(IDLE_JOB as Job<number>, { type: 'succeed', result: 2 })).toBe(IDLE_JOB);
  });
});
