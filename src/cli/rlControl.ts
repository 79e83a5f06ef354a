import { SaplingError } from '../core/util/errors';
import type { ControlRunner } from '../core/rl/types';

/**
 * Where `sapling rl` reaches DQN on CartPole and MountainCar (the dqn part of issue 17). Until that
 * part lands this says so; wiring it is this one function: return the module's ControlRunner
 * (`await import('../core/rl/dqn/…')`), loaded only when a control environment is asked for.
 */
export async function loadControlRunner(): Promise<ControlRunner> {
  throw new SaplingError('dqn-unavailable', 'dqn: not available yet (cartpole and mountaincar need the DQN part of Sapling)');
}
