import { SaplingError } from '../../util/errors';
import type { Rng } from '../../util/rng';
import type { ControlEnv } from '../types';

/**
 * MountainCar-v0 as Gymnasium 1.0 defines it (gymnasium/envs/classic_control/mountain_car.py, after
 * Moore 1990): an underpowered car in a valley must rock back and forth to reach the flag at 0.5.
 * Reward −1 per step; TimeLimit truncates at 200 steps.
 */
export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  goalVelocity: 0,
  force: 0.001,
  gravity: 0.0025,
  maxSteps: 200,
} as const;

/** A MountainCar-v0 environment with its own state; `reset` before the first `step`. */
export class MountainCar implements ControlEnv {
  readonly id = 'mountaincar';
  readonly observationSize = 2;
  readonly nActions = 3;
  readonly actionNames = ['push left', 'no push', 'push right'] as const;
  /** position, velocity in float64, as Gymnasium keeps them (observations are rounded to float32). */
  private readonly state = new Float64Array(2);
  private steps = 0;

  /** Starts an episode: position uniform in [−0.6, −0.4), velocity 0. */
  reset(rng: Rng): Float64Array {
    this.state[0] = -0.6 + 0.2 * rng.next();
    this.state[1] = 0;
    this.steps = 0;
    return this.observe();
  }

  /** Starts an episode from a given position and velocity (tests, the studio's replays). */
  resetTo(state: ArrayLike<number>): Float64Array {
    if (state.length !== 2) throw new SaplingError('bad-state', `MountainCar's state has 2 numbers (position, velocity), got ${state.length}`);
    this.state[0] = state[0];
    this.state[1] = state[1];
    this.steps = 0;
    return this.observe();
  }

  /** 0 pushes left, 1 does nothing, 2 pushes right. */
  step(action: number): { observation: Float64Array; reward: number; terminated: boolean; truncated: boolean } {
    if (action !== 0 && action !== 1 && action !== 2) {
      throw new SaplingError('bad-action', `MountainCar's actions are 0 (push left), 1 (no push) and 2 (push right), got ${action}`);
    }
    const m = MOUNTAIN_CAR;
    let position = this.state[0];
    let velocity = this.state[1];
    velocity += (action - 1) * m.force + Math.cos(3 * position) * -m.gravity;
    velocity = Math.min(Math.max(velocity, -m.maxSpeed), m.maxSpeed);
    position += velocity;
    position = Math.min(Math.max(position, m.minPosition), m.maxPosition);
    // The left wall is inelastic.
    if (position === m.minPosition && velocity < 0) velocity = 0;
    this.state[0] = position;
    this.state[1] = velocity;
    this.steps++;
    const terminated = position >= m.goalPosition && velocity >= m.goalVelocity;
    return { observation: this.observe(), reward: -1, terminated, truncated: this.steps >= m.maxSteps };
  }

  /** Gymnasium returns `np.array(state, dtype=np.float32)`. */
  private observe(): Float64Array {
    return Float64Array.of(Math.fround(this.state[0]), Math.fround(this.state[1]));
  }
}
