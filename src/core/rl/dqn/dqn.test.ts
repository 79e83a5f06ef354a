import { describe, expect, it } from 'vitest';
import { createDenseTrainer } from '../../models/mlp/dense';
import { createRng } from '../../util/rng';
import { CONTROL_ENVS } from '../envs/control';
import { dqnSpec, dqnStreams, runDqn } from './dqn';
import { evaluatePolicy } from './evaluate';
import { resolveDqnParams } from './control';
import { createGreedyPlayer, foldInputScaling, scaleObservation } from './qNetwork';
import { ReplayBuffer } from './replayBuffer';
import { epsilonAt } from './schedule';

/** A CartPole setting small enough to learn something in a couple of seconds (a single hidden layer of 32). */
const QUICK = {
  episodes: 60,
  hiddenLayers: 1,
  hiddenUnits: 32,
  alpha: 0.005,
  batchSize: 32,
  learningStarts: 200,
  targetUpdateEvery: 100,
  epsilonDecaySteps: 1500,
  evalEvery: 10,
  evalEpisodes: 5,
  stopAtReturn: 150,
  seed: 2,
};

describe('replay buffer', () => {
  it('keeps the last `capacity` transitions as a ring', () => {
    const buffer = new ReplayBuffer(3, 2);
    for (let t = 0; t < 5; t++) buffer.push([t, -t], t % 2, t * 10, [t + 1, -t - 1], t === 4);
    expect(buffer.size).toBe(3);
    // Slots 0 and 1 were overwritten by transitions 3 and 4; slot 2 still holds transition 2.
    expect(Array.from(buffer.observations)).toEqual([3, -3, 4, -4, 2, -2]);
    expect(Array.from(buffer.nextObservations)).toEqual([4, -4, 5, -5, 3, -3]);
    expect(Array.from(buffer.rewards)).toEqual([30, 40, 20]);
    expect(Array.from(buffer.actions)).toEqual([1, 0, 0]);
    expect(Array.from(buffer.done)).toEqual([0, 1, 0]);
    const slots = new Int32Array([2, 0]);
    const rows = new Float32Array(4);
    buffer.gather(buffer.observations, slots, rows);
    expect(Array.from(rows)).toEqual([2, -2, 3, -3]);
  });
  it('samples only filled slots, all of them', () => {
    const buffer = new ReplayBuffer(100, 1);
    for (let t = 0; t < 7; t++) buffer.push([t], 0, 0, [t], false);
    const slots = new Int32Array(2000);
    buffer.sample(createRng(1), slots);
    expect(new Set(slots)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });
});

describe('ε schedule', () => {
  it('falls linearly to its floor and stays there', () => {
    expect(epsilonAt('linear', 0, 1, 0.05, 1000)).toBe(1);
    expect(epsilonAt('linear', 500, 1, 0.05, 1000)).toBeCloseTo(0.525, 12);
    expect(epsilonAt('linear', 1000, 1, 0.05, 1000)).toBe(0.05);
    expect(epsilonAt('linear', 5000, 1, 0.05, 1000)).toBe(0.05);
  });
  it('closes the gap by a factor e every decay period when exponential', () => {
    expect(epsilonAt('exponential', 1000, 1, 0.1, 1000)).toBeCloseTo(0.1 + 0.9 / Math.E, 12);
    expect(epsilonAt('exponential', 2000, 1, 0.1, 1000)).toBeCloseTo(0.1 + 0.9 / Math.E ** 2, 12);
  });
});

describe('Q-network', () => {
  it('folds the input scaling into the first layer: raw observations give the scaled network\'s Q-values', () => {
    const env = CONTROL_ENVS.mountaincar.create();
    const trainer = createDenseTrainer(dqnSpec(env, resolveDqnParams('mountaincar'), 5));
    const spec = trainer.spec;
    const raw = { inputs: spec.inputs, hidden: spec.hidden, outputs: spec.outputs, weights: trainer.getWeights() };
    const folded = createGreedyPlayer(foldInputScaling(raw, 'mountaincar'));
    const scaled = new Float32Array(2);
    for (const obs of [[-0.5, 0], [-1.2, -0.07], [0.45, 0.05]]) {
      scaleObservation('mountaincar', obs, scaled);
      const expected = Array.from(trainer.forward(scaled, 1));
      Array.from(folded.q(obs)).forEach((q, a) => expect(q).toBeCloseTo(expected[a], 5));
    }
  });
});

describe('DQN on CartPole', () => {
  it('improves the greedy return within a few seconds of training', async () => {
    const params = resolveDqnParams('cartpole', QUICK);
    const info = CONTROL_ENVS.cartpole;
    const play = (act: (o: Float64Array) => number) => evaluatePolicy(info.create(), act, 30, createRng(99), info.succeeded).mean_return;
    // The untrained network (the same seeded initial weights) mostly pushes one way: about 10 steps.
    const untrained = createDenseTrainer(dqnSpec(info.create(), params, dqnStreams(params.seed).networkSeed));
    const before = play((o) => {
      const x = new Float32Array(4);
      scaleObservation('cartpole', o, x);
      const q = untrained.forward(x, 1);
      return q[1] > q[0] ? 1 : 0;
    });
    const episodes: number[] = [];
    const result = await runDqn('cartpole', params, { onEpisode: (log) => episodes.push(log.episode) });
    const after = play(createGreedyPlayer(result.network).act);
    expect(before).toBeLessThan(30);
    expect(after).toBeGreaterThan(100);
    expect(episodes).toEqual(result.curve.map((l) => l.episode));
    expect(result.updates).toBeGreaterThan(500);
  });
  it('repeats exactly with the same seed', async () => {
    const params = resolveDqnParams('cartpole', { ...QUICK, episodes: 15 });
    const [a, b] = [await runDqn('cartpole', params), await runDqn('cartpole', params)];
    expect(a.curve).toEqual(b.curve);
    expect(a.network.weights).toEqual(b.network.weights);
    const other = await runDqn('cartpole', { ...params, seed: 3 });
    expect(other.curve).not.toEqual(a.curve);
  });
  it("shows every training step's raw observation to onStep (the lab draws the cart from them)", async () => {
    const params = resolveDqnParams('cartpole', { ...QUICK, episodes: 4, evalEvery: 0 });
    const seen: { episode: number; x: number[] }[] = [];
    const result = await runDqn('cartpole', params, { onStep: (o, episode) => seen.push({ episode, x: Array.from(o) }) });
    for (const log of result.curve) expect(seen.filter((s) => s.episode === log.episode)).toHaveLength(log.steps);
    // Raw CartPole states (cart within ±2.4 m until the episode's last step), not the network's scaled inputs.
    const last = result.curve[0].steps - 1;
    expect(seen.slice(0, last).every((s) => s.x.length === 4 && Math.abs(s.x[0]) <= 2.4)).toBe(true);
  });
  it('stops when asked', async () => {
    let seen = 0;
    const run = runDqn('cartpole', resolveDqnParams('cartpole', { ...QUICK, episodes: 1000 }), { onEpisode: () => seen++, shouldStop: () => seen >= 3 });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    expect(seen).toBe(3);
  });
});
