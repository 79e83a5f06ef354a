import type { ParamsOf } from '../params';
import { CancelledError } from '../util/errors';
import { createRng } from '../util/rng';
import { sampleStep } from './grid';
import { TD_PARAMS } from './params';
import { epsilonGreedy, type QTable, summariseQ, zeroQ } from './qtable';
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

/** What one step of a learner did (the studio animates these). */
export interface TdStep {
  readonly state: number;
  readonly action: number;
  readonly reward: number;
  readonly next: number;
  /** The episode ended in a terminal state (a hole, the goal). */
  readonly done: boolean;
  /** The episode's log, when this step ended it (terminal or the step limit). */
  readonly log?: EpisodeLog;
}

/** A TD learner one step at a time: the studio single-steps it; runTd drives it to the end. */
export interface TdLearner {
  /** The live Q-table (nStates rows of nActions), updated in place by each step. */
  readonly q: QTable;
  /** The current state of the episode under way. */
  state(): number;
  /** The current ε. */
  epsilon(): number;
  /** Episodes finished so far. */
  episodes(): number;
  /** One environment step and its update. */
  step(): TdStep;
  /** The plain-data result so far. */
  result(): TabularResult;
}

/**
 * Creates one of the three learners on `env` (see the file comment for the targets). Following
 * Sutton & Barto's boxes, SARSA picks its next action before the update and keeps it; Q-learning and
 * expected SARSA pick each action when they take it, after the previous update.
 */
export function createTdLearner(algo: TdId, env: GridWorld, params: TdParams): TdLearner {
  const rng = createRng(params.seed);
  const Q = zeroQ(env);
  const curve: EpisodeLog[] = [];
  const { alpha, gamma } = params;
  let epsilon = params.epsilon;
  let s = env.start;
  let pending: number | null = null; // SARSA's chosen next action
  let total = 0;
  let steps = 0;
  const step = (): TdStep => {
    const a = pending ?? epsilonGreedy(Q[s], epsilon, rng);
    pending = null;
    const t = sampleStep(env, s, a, rng);
    steps++;
    total += t.reward;
    let future = 0;
    let nextAction: number | null = null;
    if (!t.done) {
      if (algo === 'sarsa') {
        nextAction = epsilonGreedy(Q[t.next], epsilon, rng);
        future = Q[t.next][nextAction];
      } else if (algo === 'q-learning') future = maxOf(Q[t.next]);
      else future = expectedValue(Q[t.next], epsilon);
    }
    Q[s][a] += alpha * (t.reward + gamma * future - Q[s][a]);
    const from = s;
    // An episode cut off at the step limit is not terminal: its last update above bootstrapped.
    if (t.done || steps >= env.maxSteps) {
      const log: EpisodeLog = { episode: curve.length + 1, return: total, steps, epsilon };
      curve.push(log);
      epsilon = Math.max(params.epsilonMin, epsilon * params.epsilonDecay);
      s = env.start;
      total = 0;
      steps = 0;
      return { state: from, action: a, reward: t.reward, next: t.next, done: t.done, log };
    }
    s = t.next;
    pending = nextAction;
    return { state: from, action: a, reward: t.reward, next: t.next, done: false };
  };
  return {
    q: Q,
    state: () => s,
    epsilon: () => epsilon,
    episodes: () => curve.length,
    step,
    result: () => ({ algo, ...summariseQ(env, Q), curve: [...curve], iterations: curve.length }),
  };
}

/** Runs one of the three learners on `env` for `params.episodes` episodes. */
export async function runTd(algo: TdId, env: GridWorld, params: TdParams, hooks: RlHooks = {}): Promise<TabularResult> {
  const learner = createTdLearner(algo, env, params);
  while (learner.episodes() < params.episodes) {
    const { log } = learner.step();
    if (!log) continue;
    hooks.onEpisode?.(log);
    if (hooks.shouldStop?.()) throw new CancelledError();
    if (log.episode % EPISODES_PER_YIELD === 0) await hooks.yieldToEvents?.();
  }
  return learner.result();
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
