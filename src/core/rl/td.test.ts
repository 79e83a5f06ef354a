import { describe, expect, it } from 'vitest';
import { CancelledError } from '../util/errors';
import { createRng } from '../util/rng';
import { rollout } from './evaluate';
import { TD_PARAMS } from './params';
import { resolveRunParams, runGridAgent } from './runGrid';
import { createTdLearner, runTd } from './td';
import type { EpisodeLog } from './types';
import { cliffWalking, customGrid, defaultCustomGrid } from './worlds';

const CLIFF_ROW_ABOVE = 2; // the row next to the cliff (row 3 is start, cliff, goal)

describe('Q-learning on FrozenLake 4×4 slippery (issue 17 verification)', () => {
  it('with the default preset, the greedy policy succeeds in ≥ 70% of 10,000 episodes on 5 of 5 seeds', async () => {
    const rates: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = await runGridAgent({ env: { id: 'frozenlake', slippery: true }, algo: 'q-learning', params: { seed }, evaluationEpisodes: 10_000, evaluationSeed: 1000 + seed });
      rates.push(run.evaluation.success_rate);
    }
    // Gymnasium's reward threshold is 0.70; the optimum is about 0.74.
    for (const rate of rates) expect(rate).toBeGreaterThanOrEqual(0.7);
  }, 30_000);
});

describe('Q-learning and SARSA on CliffWalking (Sutton & Barto, Example 6.6)', () => {
  const cliff = cliffWalking();
  const greedyPath = async (algo: 'q-learning' | 'sarsa', seed: number) => {
    const params = resolveRunParams(algo, { id: 'cliff' }, { seed }) as never;
    const result = await runTd(algo, cliff, params);
    return { path: rollout(cliff, result.policy, createRng(0)), curve: result.curve };
  };

  it.each([1, 2, 3])('Q-learning walks the 13-step path along the cliff (seed %i)', async (seed) => {
    const { path } = await greedyPath('q-learning', seed);
    expect(path.reachedGoal).toBe(true);
    expect(path.path).toEqual([36, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 47]);
  });

  it.each([1, 2, 3])('SARSA takes a safer path, off the row next to the cliff for most of its length (seed %i)', async (seed) => {
    const { path } = await greedyPath('sarsa', seed);
    expect(path.reachedGoal).toBe(true);
    const inner = path.path.slice(1, -1); // without the start and the goal
    const besideCliff = inner.filter((s) => Math.floor(s / 12) === CLIFF_ROW_ABOVE).length;
    expect(besideCliff / inner.length).toBeLessThan(0.25);
    expect(path.path.length - 1).toBeGreaterThan(13);
  });

  it('each learner\'s best moves reach the goal from the preset, on 40 seeds of 40 (no greedy loop)', async () => {
    const looped: string[] = [];
    for (const algo of ['q-learning', 'sarsa', 'expected-sarsa'] as const) {
      for (let seed = 1; seed <= 40; seed++) {
        const params = resolveRunParams(algo, { id: 'cliff' }, { seed }) as never;
        const { policy } = await runTd(algo, cliff, params);
        if (!rollout(cliff, policy, createRng(0)).reachedGoal) looped.push(`${algo} seed ${seed}`);
      }
    }
    expect(looped).toEqual([]);
  }, 60_000);

  it('SARSA earns more per episode while learning than Q-learning (it falls less often)', async () => {
    const mean = (curve: readonly EpisodeLog[]) => curve.slice(-200).reduce((sum, l) => sum + l.return, 0) / 200;
    const q = await greedyPath('q-learning', 7);
    const sarsa = await greedyPath('sarsa', 7);
    expect(mean(sarsa.curve)).toBeGreaterThan(mean(q.curve));
  });
});

describe('the TD update', () => {
  // A 1×2 corridor, start then goal (reward 1), no step cost, greedy (ε 0), α 0.5: each episode
  // ends with one move right whose target is 1 (terminal, nothing to bootstrap), so after n
  // episodes Q(start, right) = 1 − 0.5ⁿ; bumping into an edge earns 0 from a state worth 0, so those Q stay 0.
  const corridor = customGrid({ ...defaultCustomGrid(), rows: 1, cols: 2, cells: ['start', 'goal'], stepCost: 0, maxSteps: 50 });
  const params = { gamma: 0.9, alpha: 0.5, epsilon: 0, epsilonDecay: 1, epsilonMin: 0, episodes: 3, seed: 4 };

  it.each(['q-learning', 'sarsa', 'expected-sarsa'] as const)('%s moves Q towards the target by α', async (algo) => {
    const result = await runTd(algo, corridor, params);
    expect(result.q[0][2]).toBeCloseTo(1 - 0.5 ** 3, 12);
    expect([result.q[0][0], result.q[0][1], result.q[0][3]]).toEqual([0, 0, 0]);
    expect(result.policy[0]).toBe(2);
  });

  it('decays ε per episode down to its floor, logs every episode and repeats with a seed', async () => {
    const logs: EpisodeLog[] = [];
    const world = cliffWalking();
    const p = { ...resolveRunParams('q-learning', { id: 'cliff' }), epsilon: 1, epsilonDecay: 0.5, epsilonMin: 0.2, episodes: 5 } as never;
    const result = await runTd('q-learning', world, p, { onEpisode: (l) => logs.push(l) });
    expect(result.curve.map((l) => l.epsilon)).toEqual([1, 0.5, 0.25, 0.2, 0.2]);
    expect(logs).toEqual(result.curve);
    expect((await runTd('q-learning', world, p)).q).toEqual(result.q);
    expect((await runTd('q-learning', world, { ...(p as object), seed: 99 } as never)).q).not.toEqual(result.q);
  });

  it('steps one move at a time, as runTd runs it', async () => {
    const world = cliffWalking();
    const p = { ...resolveRunParams('sarsa', { id: 'cliff' }), episodes: 3 } as never;
    const learner = createTdLearner('sarsa', world, p);
    let moves = 0;
    let state = learner.state();
    expect(state).toBe(36);
    while (learner.episodes() < 3) {
      const step = learner.step();
      expect(step.state).toBe(state);
      // Falling off the cliff puts the agent back at the start; otherwise it is where the move led.
      state = step.log ? 36 : learner.state();
      if (!step.log) expect(learner.state()).toBe(step.reward === -100 ? 36 : step.next);
      moves++;
    }
    const result = learner.result();
    expect(result.curve.reduce((n, l) => n + l.steps, 0)).toBe(moves);
    expect(await runTd('sarsa', world, p)).toEqual(result);
  });

  it('stops when asked between episodes', async () => {
    let episodes = 0;
    const p = { ...resolveRunParams('sarsa', { id: 'cliff' }) } as never;
    await expect(runTd('sarsa', cliffWalking(), p, { onEpisode: () => episodes++, shouldStop: () => episodes >= 4 })).rejects.toBeInstanceOf(CancelledError);
    expect(episodes).toBe(4);
  });

  it('the schema names its parameters as the issue does, each with a label and help', () => {
    expect(Object.keys(TD_PARAMS)).toEqual(['gamma', 'alpha', 'epsilon', 'epsilonDecay', 'epsilonMin', 'episodes', 'seed']);
    for (const spec of Object.values(TD_PARAMS)) expect(spec.help.length).toBeGreaterThan(30);
  });
});

describe('presets', () => {
  it('the custom grid’s preset learns the default room: the greedy path is the shortest one (8 moves)', async () => {
    const run = await runGridAgent({ env: { id: 'custom', grid: defaultCustomGrid() }, algo: 'q-learning', params: { seed: 3 }, evaluationEpisodes: 10 });
    expect(run.evaluation.success_rate).toBe(1);
    expect(run.evaluation.mean_return).toBeCloseTo(1 - 8 * 0.01, 9);
  });

  it('FrozenLake 8×8’s preset reaches a success rate near value iteration’s', async () => {
    const run = await runGridAgent({ env: { id: 'frozenlake8', slippery: true }, algo: 'q-learning', params: { seed: 1 }, evaluationEpisodes: 2000 });
    expect(run.evaluation.success_rate).toBeGreaterThan(0.7); // value iteration's policy: about 0.86
  }, 20_000);
});
