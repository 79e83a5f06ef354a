import type { ParamsOf } from '../params';
import { CancelledError } from '../util/errors';
import { createRng } from '../util/rng';
import { sampleStep } from './grid';
import { TD_PARAMS } from './params';
import { epsilonGreedy, summariseQ, zeroQ } from './qtable';
import type { EpisodeLog, GridAlgoId, GridAlgorithm, GridWorld, RlHooks, TabularResult } from './types';

/**
 * The temporal-difference learners (Sutton & Barto ch. 6): they only step the world, never read its
 * dynamics. One loop, three targets:
 *   Q-learning       r + γ·max_a' Q(s', a')          (off-policy: learns the greedy policy's values)
 *   SARSA            r + γ·Q(s', a') for the a' it will take (on-policy: learns the ε-greedy policy's)
 *   expected SARSA   r + γ·Σ π(a'|s')·Q(s', a') under the ε-greedy π
 * ε starts at `epsilon` and is multiplied by `epsilonDecay` after each episode, never below `epsilonMin`.
 * An episode cut off at the world's step limit is not terminal: its last update still bootstraps.
 */

type TdParams = ParamsOf<typeof TD_PARAMS>;
type TdId = Extract<GridAlgoId, 'q-learning' | 'sarsa' | 'expected-sarsa'>;

/** Episodes between yields to the host (an episode is at most a few hundred steps). */
const EPISODES_PER_YIELD = 200;

/** The value of `q` under the ε-greedy policy: ε·mean + (1−ε)·max (ties share the greedy share). */
function expectedValue(q: Float64Array, epsilon: number): number {
  let best = -Infinity;
  let sum = 0;
  for (let a = 0; a < q.length; a++) {
    sum += q[a];
    if (q[a] > best) best = q[a];
  }
  return (epsilon * sum) / q.length + (1 - epsilon) * best;
}

function maxOf(q: Float64Array): number {
  let best = -Infinity;
  for (let a = 0; a < q.length; a++) if (q[a] > best) best = q[a];
  return best;
}

/** Runs one of the three learners on `env`; see the file comment for the targets. */
export async function runTd(algo: TdId, env: GridWorld, params: TdParams, hooks: RlHooks = {}): Promise<TabularResult> {
  const rng = createRng(params.seed);
  const Q = zeroQ(env);
  const curve: EpisodeLog[] = [];
  let epsilon = params.epsilon;
  const { alpha, gamma } = params;
  for (let episode = 1; episode <= params.episodes; episode++) {
    let s = env.start;
    let a = epsilonGreedy(Q[s], epsilon, rng);
    let total = 0;
    let steps = 0;
    while (steps < env.maxSteps) {
      const t = sampleStep(env, s, a, rng);
      steps++;
      total += t.reward;
      // SARSA needs the next action before its update; the others choose it after (same draws either way).
      const nextAction = t.done ? 0 : epsilonGreedy(Q[t.next], epsilon, rng);
      let future = 0;
      if (!t.done) {
        if (algo === 'q-learning') future = maxOf(Q[t.next]);
        else if (algo === 'sarsa') future = Q[t.next][nextAction];
        else future = expectedValue(Q[t.next], epsilon);
      }
      Q[s][a] += alpha * (t.reward + gamma * future - Q[s][a]);
      if (t.done) break;
      s = t.next;
      a = nextAction;
    }
    const log: EpisodeLog = { episode, return: total, steps, epsilon };
    curve.push(log);
    hooks.onEpisode?.(log);
    epsilon = Math.max(params.epsilonMin, epsilon * params.epsilonDecay);
    if (hooks.shouldStop?.()) throw new CancelledError();
    if (episode % EPISODES_PER_YIELD === 0) await hooks.yieldToEvents?.();
  }
  return { algo, ...summariseQ(env, Q), curve, iterations: params.episodes };
}

/** Q-learning as a catalog entry. */
export const Q_LEARNING: GridAlgorithm<typeof TD_PARAMS> = {
  id: 'q-learning',
  label: 'Q-learning',
  help: 'Learns by playing: after each move it nudges its estimate of that move towards the reward plus the best it believes it can do from where it landed. It learns the best plan even while exploring, so on the cliff it finds the short path along the edge.',
  exact: false,
  schema: TD_PARAMS,
  run: (env, params, hooks) => runTd('q-learning', env, params, hooks),
};

/** SARSA as a catalog entry. */
export const SARSA: GridAlgorithm<typeof TD_PARAMS> = {
  id: 'sarsa',
  label: 'SARSA',
  help: 'Learns by playing, like Q-learning, but values each move by the move it will really take next, random ones included. It learns what its own exploring habits lead to, so on the cliff it prefers a safer path away from the edge.',
  exact: false,
  schema: TD_PARAMS,
  run: (env, params, hooks) => runTd('sarsa', env, params, hooks),
};

/** Expected SARSA as a catalog entry. */
export const EXPECTED_SARSA: GridAlgorithm<typeof TD_PARAMS> = {
  id: 'expected-sarsa',
  label: 'Expected SARSA',
  help: 'Like SARSA, but instead of the one next move it happens to pick, it averages over all next moves with the chances its exploring policy gives them. Its updates wobble less, so it can use a larger learning rate.',
  exact: false,
  schema: TD_PARAMS,
  run: (env, params, hooks) => runTd('expected-sarsa', env, params, hooks),
};
