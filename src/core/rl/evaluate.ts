import { createRng, type Rng } from '../util/rng';
import { sampleStep } from './grid';
import type { GridWorld, PolicyEvaluation } from './types';

/** One greedy episode: the cells visited (from the start), its return and whether it reached a goal. */
export interface Rollout {
  readonly path: readonly number[];
  readonly return: number;
  readonly reachedGoal: boolean;
}

/** Plays `policy` (an action per state) once from the start, up to the world's step limit. */
export function rollout(env: GridWorld, policy: readonly number[], rng: Rng): Rollout {
  const path = [env.start];
  let s = env.start;
  let total = 0;
  for (let step = 0; step < env.maxSteps; step++) {
    const t = sampleStep(env, s, policy[s], rng);
    total += t.reward;
    s = t.next;
    path.push(s);
    if (t.done) return { path, return: total, reachedGoal: env.cells[s] === 'goal' };
  }
  return { path, return: total, reachedGoal: false };
}

/**
 * Evaluates a greedy policy without learning: `episodes` episodes from the start (seeded), each to
 * the goal, a hole or the world's step limit. Returns are undiscounted, as Gymnasium's evaluation
 * wrappers record them; success is reaching a goal cell.
 */
export function evaluatePolicy(env: GridWorld, policy: readonly number[], episodes: number, seed: number): PolicyEvaluation {
  const rng = createRng(seed);
  let total = 0;
  let successes = 0;
  for (let e = 0; e < episodes; e++) {
    const r = rollout(env, policy, rng);
    total += r.return;
    if (r.reachedGoal) successes++;
  }
  return { episodes, mean_return: episodes > 0 ? total / episodes : 0, success_rate: episodes > 0 ? successes / episodes : 0 };
}
