import { CancelledError } from '../../util/errors';
import type { Rng } from '../../util/rng';
import type { ControlEnv, PolicyEvaluation } from '../types';

/**
 * Plays `episodes` games with a fixed policy (no learning, no exploration) and reports the mean
 * return and the share of games that succeeded (`succeeded` of how each game ended).
 */
export function evaluatePolicy(
  env: ControlEnv,
  act: (observation: Float64Array) => number,
  episodes: number,
  rng: Rng,
  succeeded: (terminated: boolean) => boolean,
  shouldStop?: () => boolean,
): PolicyEvaluation & { readonly returns: readonly number[] } {
  const returns: number[] = [];
  let successes = 0;
  for (let e = 0; e < episodes; e++) {
    if (shouldStop?.()) throw new CancelledError();
    let observation = env.reset(rng);
    let total = 0;
    for (;;) {
      const r = env.step(act(observation));
      total += r.reward;
      observation = r.observation;
      if (r.terminated || r.truncated) {
        if (succeeded(r.terminated)) successes++;
        break;
      }
    }
    returns.push(total);
  }
  const mean = returns.reduce((a, b) => a + b, 0) / Math.max(1, episodes);
  return { episodes, mean_return: mean, success_rate: successes / Math.max(1, episodes), returns };
}
