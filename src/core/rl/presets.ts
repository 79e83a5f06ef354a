import type { RawParams } from '../params';
import { isGridAlgo } from './algorithms';
import type { RlAlgoId, RlEnvId } from './types';

/**
 * Presets: the parameters each algorithm starts from on each world, chosen so that it learns there
 * reliably. The schema defaults are the FrozenLake 4×4 ones (tests hold Q-learning to Gymnasium's
 * reward threshold with them on 5 of 5 seeds); other worlds override a few. `--param` and the
 * studio's form change them from there.
 */
const LEARNER_PRESETS: Partial<Record<RlEnvId, RawParams>> = {
  // 64 states and long slippery walks: more episodes, slower decay of ε.
  frozenlake8: { episodes: 60000, epsilonDecay: 0.99993, alpha: 0.03 },
  // Sutton & Barto, Example 6.6: undiscounted, constant ε 0.1; exploration that never stops is what
  // makes SARSA keep away from the edge. The book's α 0.5 over 500 episodes leaves the values noisy
  // enough that SARSA's best moves lead round in a circle on 4 seeds in 40 (an agent a class would
  // watch pacing until the step limit); α 0.1 over 1,000 episodes reached the goal on 40 of 40 for
  // Q-learning (13 steps), SARSA (15–17) and expected SARSA (15).
  cliff: { gamma: 1, alpha: 0.1, epsilon: 0.1, epsilonDecay: 1, epsilonMin: 0.1, episodes: 1000 },
  // A small room without slips learns fast.
  custom: { episodes: 2000, epsilonDecay: 0.998, alpha: 0.1 },
};

/** The preset parameters of `algo` on `env` (the schema's defaults fill the rest). */
export function presetParams(algo: RlAlgoId, env: RlEnvId): RawParams {
  if (!isGridAlgo(algo) || algo === 'value-iteration' || algo === 'policy-iteration') return {};
  return LEARNER_PRESETS[env] ?? {};
}
