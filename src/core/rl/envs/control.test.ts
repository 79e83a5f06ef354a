import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { CartPole } from './cartpole';
import { createControlEnv } from './control';
import * as ref from './control.reference';
import type { ControlTrajectory } from './control.reference';
import { MountainCar } from './mountainCar';

/** Steps `env` from the trajectory's start with its actions; every observation must equal Gymnasium's float32 one. */
function replay(env: CartPole | MountainCar, t: ControlTrajectory): void {
  env.resetTo(t.start);
  t.actions.forEach((action, i) => {
    const r = env.step(action);
    expect(Array.from(r.observation), `step ${i + 1}`).toEqual(t.observations[i]);
    expect(r.reward).toBe(t.rewards[i]);
    expect(r.terminated, `terminated at step ${i + 1}`).toBe(t.terminated[i]);
    expect(r.truncated).toBe(false);
  });
}

describe('CartPole-v1 (against scripts/rl-control-reference.py, Gymnasium\'s equations)', () => {
  it('follows alternating pushes step for step', () => replay(new CartPole(), ref.cartpoleAlternating));
  it('ends when the pole leans past 12°', () => {
    replay(new CartPole(), ref.cartpolePushRight);
    const last = ref.cartpolePushRight.observations.at(-1)!;
    expect(Math.abs(last[2])).toBeGreaterThan(0.2094);
  });
  it('ends when the cart leaves ±2.4', () => {
    replay(new CartPole(), ref.cartpoleRunOffLeft);
    expect(ref.cartpoleRunOffLeft.observations.at(-1)![0]).toBeLessThan(-2.4);
  });
  it('works the first step out by hand from the equations of motion', () => {
    // From rest, pushing right: temp = 10/1.1; θ̈ = −temp / (0.5·(4/3 − 0.1/1.1)); ẍ = temp − 0.05·θ̈/1.1.
    const temp = 10 / 1.1;
    const thetaAcc = -temp / (0.5 * (4 / 3 - 0.1 / 1.1));
    const xAcc = temp - (0.05 * thetaAcc) / 1.1;
    const r = new CartPole();
    r.resetTo([0, 0, 0, 0]);
    const o = r.step(1).observation;
    expect(o[0]).toBe(0);
    expect(o[1]).toBe(Math.fround(0.02 * xAcc));
    expect(o[3]).toBe(Math.fround(0.02 * thetaAcc));
  });
  it('pays 0 for steps after the episode ended, as Gymnasium does', () => {
    const env = new CartPole();
    env.resetTo([0, 0, 0.2, 1]);
    expect(env.step(1)).toMatchObject({ terminated: true, reward: 1 });
    expect(env.step(1).reward).toBe(0);
  });
  it('resets uniformly within ±0.05 and repeats with a seed', () => {
    const a = createControlEnv('cartpole').reset(createRng(3));
    const b = createControlEnv('cartpole').reset(createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    const env = new CartPole();
    const rng = createRng(1);
    let max = 0;
    for (let i = 0; i < 500; i++) for (const v of env.reset(rng)) max = Math.max(max, Math.abs(v));
    expect(max).toBeLessThanOrEqual(0.05);
    expect(max).toBeGreaterThan(0.049);
  });
  it('truncates at 500 steps', () => {
    // A balancing controller (push towards the pole's lean) keeps the pole up until TimeLimit cuts in.
    const env = new CartPole();
    let o = env.reset(createRng(7));
    let steps = 0;
    for (;;) {
      const r = env.step(o[2] + 0.5 * o[3] > 0 ? 1 : 0);
      steps++;
      o = r.observation;
      expect(r.terminated).toBe(false);
      if (r.truncated) break;
    }
    expect(steps).toBe(500);
  });
  it('rejects an unknown action', () => {
    const env = new CartPole();
    env.reset(createRng(1));
    expect(() => env.step(2)).toThrow(/actions are 0 \(push left\) and 1/);
  });
});

describe('MountainCar-v0 (against scripts/rl-control-reference.py)', () => {
  it('stops at the left wall', () => {
    replay(new MountainCar(), ref.mountaincarLeftWall);
    expect(ref.mountaincarLeftWall.observations[2]).toEqual([Math.fround(-1.2), 0]);
  });
  it('reaches the flag by pushing with its motion, step for step', () => {
    replay(new MountainCar(), ref.mountaincarPump);
    expect(ref.mountaincarPump.observations.at(-1)![0]).toBeGreaterThanOrEqual(0.5);
  });
  it('works a step out by hand', () => {
    const env = new MountainCar();
    env.resetTo([-0.5, 0]);
    const v = 0.001 - Math.cos(-1.5) * 0.0025;
    expect(Array.from(env.step(2).observation)).toEqual([Math.fround(-0.5 + v), Math.fround(v)]);
  });
  it('truncates at 200 steps and resets in [−0.6, −0.4) at rest', () => {
    const env = new MountainCar();
    const rng = createRng(2);
    for (let i = 0; i < 200; i++) {
      const [p, v] = env.reset(rng);
      expect(p).toBeGreaterThanOrEqual(-0.6);
      expect(p).toBeLessThan(-0.4);
      expect(v).toBe(0);
    }
    let truncatedAt = 0;
    for (let i = 1; i <= 200 && !truncatedAt; i++) if (env.step(1).truncated) truncatedAt = i;
    expect(truncatedAt).toBe(200);
  });
  it('names the known environments when given an unknown one', () => {
    expect(() => createControlEnv('acrobot')).toThrow(/known: cartpole, mountaincar/);
  });
});
