import { describe, expect, it } from 'vitest';
import { defaultCustomGrid } from '../core/rl/worlds';
import { RlJobs } from './rlJobs';
import type { GridOutcome, LabEnvChoice, LabProgress } from './rlProtocol';

const lake: LabEnvChoice = { id: 'frozenlake', slippery: true, custom: defaultCustomGrid() };

describe('the lab’s worker jobs', () => {
  it('solves slippery FrozenLake 4×4 by value iteration: the start is worth 0.5420 (γ 0.99), and the exact values are its own', async () => {
    const outcome = (await new RlJobs().train({ env: lake, algo: 'value-iteration', params: {} }, () => {})) as GridOutcome;
    expect(outcome.kind).toBe('grid');
    expect(outcome.values[0]).toBeCloseTo(0.542, 4);
    expect(outcome.exact.values).toEqual(outcome.values);
    // Gymnasium's numbering: 0 left, 1 down, 2 right, 3 up; the optimal move at the start is left (into the wall, to avoid the holes).
    expect(outcome.policy[0]).toBe(0);
    expect(outcome.grid).toMatchObject({ rows: 4, cols: 4, start: 0 });
  });

  it('streams a learner’s episodes in batches, ending with the last, and puts value iteration beside what it learned', async () => {
    const batches: LabProgress[] = [];
    const outcome = (await new RlJobs().train({ env: lake, algo: 'q-learning', params: { episodes: 400, seed: 3 } }, (p) => batches.push(p))) as GridOutcome;
    const streamed = batches.flatMap((p) => (p.kind === 'episodes' ? p.logs : []));
    expect(streamed.map((e) => e.episode)).toEqual(outcome.curve.map((e) => e.episode));
    expect(streamed[streamed.length - 1].episode).toBe(400);
    expect(outcome.exact.values[0]).toBeCloseTo(0.542, 4);
  });

  it('stops at Cancel with a cancelled error', async () => {
    const jobs = new RlJobs();
    const run = jobs.train({ env: lake, algo: 'q-learning', params: { episodes: 1_000_000 } }, () => {});
    jobs.cancel();
    await expect(run).rejects.toThrow(/cancel/i);
  });

  it('plays a saved agent without learning, and loads its file back as it was', async () => {
    const jobs = new RlJobs();
    const outcome = (await jobs.train({ env: { ...lake, slippery: false }, algo: 'value-iteration', params: {} }, () => {})) as GridOutcome;
    const rollout = jobs.play(outcome.agentJson, 1);
    // Without slips the optimal agent walks straight to the goal in 6 moves.
    expect(rollout).toMatchObject({ kind: 'grid', done: true });
    if (rollout.kind !== 'grid') throw new Error('a grid rollout');
    expect(rollout.states[0]).toBe(0);
    expect(rollout.states[rollout.states.length - 1]).toBe(15);
    expect(rollout.actions).toHaveLength(6);
    const loaded = (await jobs.load(outcome.agentJson)) as GridOutcome;
    expect(loaded.values).toEqual(outcome.values);
    expect(loaded.policy).toEqual(outcome.policy);
    expect(loaded.env).toMatchObject({ id: 'frozenlake', slippery: false });
  });

  it('refuses a file that is not an agent with a clear reason', async () => {
    await expect(new RlJobs().load('{"format":"sapling-model"}')).rejects.toThrow(/not a Sapling agent file/);
    await expect(new RlJobs().load('not json')).rejects.toThrow(/not JSON/);
  });

  it('says why a hand-drawn grid cannot be used', () => {
    const custom = { ...defaultCustomGrid(), cells: defaultCustomGrid().cells.map((c) => (c === 'goal' ? 'free' : c)) };
    expect(() => new RlJobs().describe({ ...lake, id: 'custom', custom })).toThrow(/needs a goal/);
  });
});
