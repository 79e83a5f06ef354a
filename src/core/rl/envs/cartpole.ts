import { SaplingError } from '../../util/errors';
import type { Rng } from '../../util/rng';
import type { ControlEnv } from '../types';

/**
 * CartPole-v1 as Gymnasium 1.0 defines it (gymnasium/envs/classic_control/cartpole.py, after Barto,
 * Sutton and Anderson 1983): a pole hinged on a cart that is pushed left or right with a fixed force.
 * Euler integration with τ 0.02 s; the episode ends when the cart leaves ±2.4 or the pole leans past
 * ±12°, and TimeLimit truncates it at 500 steps. Reward 1 for every step, the failing one included.
 */
export const CARTPOLE = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  /** Half the pole's length (Gymnasium's `length`). */
  length: 0.5,
  forceMag: 10.0,
  tau: 0.02,
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  maxSteps: 500,
  resetRange: 0.05,
} as const;

const TOTAL_MASS = CARTPOLE.massPole + CARTPOLE.massCart;
const POLEMASS_LENGTH = CARTPOLE.massPole * CARTPOLE.length;

/** A CartPole-v1 environment with its own state; `reset` before the first `step`. */
export class CartPole implements ControlEnv {
  readonly id = 'cartpole';
  readonly observationSize = 4;
  readonly nActions = 2;
  readonly actionNames = ['push left', 'push right'] as const;
  /** x, ẋ, θ, θ̇ in float64, as Gymnasium keeps them (observations are rounded to float32). */
  private readonly state = new Float64Array(4);
  private steps = 0;
  /** Gymnasium's `steps_beyond_terminated`: stepping a finished episode pays 0. */
  private terminatedAlready = false;

  /** Starts an episode: each state variable uniform in [−0.05, 0.05). */
  reset(rng: Rng): Float64Array {
    const r = CARTPOLE.resetRange;
    for (let i = 0; i < 4; i++) this.state[i] = -r + 2 * r * rng.next();
    return this.restart();
  }

  /** Starts an episode from a given state (tests, the studio's replays). */
  resetTo(state: ArrayLike<number>): Float64Array {
    if (state.length !== 4) throw new SaplingError('bad-state', `CartPole's state has 4 numbers (x, velocity, angle, angular velocity), got ${state.length}`);
    for (let i = 0; i < 4; i++) this.state[i] = state[i];
    return this.restart();
  }

  /** Pushes the cart: 0 left, 1 right. */
  step(action: number): { observation: Float64Array; reward: number; terminated: boolean; truncated: boolean } {
    if (action !== 0 && action !== 1) throw new SaplingError('bad-action', `CartPole's actions are 0 (push left) and 1 (push right), got ${action}`);
    const s = this.state;
    const [x, xDot, theta, thetaDot] = [s[0], s[1], s[2], s[3]];
    const force = action === 1 ? CARTPOLE.forceMag : -CARTPOLE.forceMag;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    // The same expressions, in the same order, as Gymnasium: equal float64 results step for step.
    const temp = (force + POLEMASS_LENGTH * thetaDot ** 2 * sin) / TOTAL_MASS;
    const thetaAcc = (CARTPOLE.gravity * sin - cos * temp) / (CARTPOLE.length * (4.0 / 3.0 - (CARTPOLE.massPole * cos ** 2) / TOTAL_MASS));
    const xAcc = temp - (POLEMASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
    s[0] = x + CARTPOLE.tau * xDot;
    s[1] = xDot + CARTPOLE.tau * xAcc;
    s[2] = theta + CARTPOLE.tau * thetaDot;
    s[3] = thetaDot + CARTPOLE.tau * thetaAcc;
    this.steps++;
    const terminated = s[0] < -CARTPOLE.xThreshold || s[0] > CARTPOLE.xThreshold || s[2] < -CARTPOLE.thetaThreshold || s[2] > CARTPOLE.thetaThreshold;
    const reward = this.terminatedAlready ? 0 : 1;
    if (terminated) this.terminatedAlready = true;
    return { observation: this.observe(), reward, terminated, truncated: this.steps >= CARTPOLE.maxSteps };
  }

  private restart(): Float64Array {
    this.steps = 0;
    this.terminatedAlready = false;
    return this.observe();
  }

  /** Gymnasium returns `np.array(state, dtype=np.float32)`. */
  private observe(): Float64Array {
    const o = new Float64Array(4);
    for (let i = 0; i < 4; i++) o[i] = Math.fround(this.state[i]);
    return o;
  }
}
