import type { ControlRunner } from '../core/rl/types';

/**
 * Where `sapling rl` reaches DQN on CartPole and MountainCar (the dqn part of issue 17), loaded
 * only when a control environment is asked for.
 */
export async function loadControlRunner(): Promise<ControlRunner> {
  return (await import('../core/rl/dqn')).DQN_RUNNER;
}
