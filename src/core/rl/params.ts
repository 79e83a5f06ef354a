import type { NumberParam, ParamSchema } from '../params';

/**
 * The RL algorithms' parameter schemas (drawn as forms by the studio, parsed from `--param` by the
 * CLI). Names are shared across algorithms so a preset or a lesson can speak of `gamma` anywhere.
 * The learners' defaults are the FrozenLake 4×4 preset that the tests hold to Gymnasium's reward
 * threshold (see presets.ts for the other worlds).
 */

/** The discount γ. */
export const GAMMA: NumberParam = {
  type: 'number',
  label: 'Discount (γ)',
  help: 'How much a reward one step later is worth compared with one now. Near 1 the agent plans far ahead; near 0 it grabs what is close.',
  default: 0.99,
  min: 0,
  max: 1,
};

/** The learning rate α of the temporal-difference learners. */
export const ALPHA: NumberParam = {
  type: 'number',
  label: 'Learning rate (α)',
  help: 'How far each update moves a Q-value towards its new estimate. Small values learn slowly but steadily; large ones react fast and wobble, especially when moves are slippery.',
  default: 0.05,
  min: 0,
  max: 1,
  log: true,
};

/** The starting exploration rate ε. */
export const EPSILON: NumberParam = {
  type: 'number',
  label: 'Exploration (ε)',
  help: 'The chance of trying a random action instead of the best one known so far, at the start of learning. 1 means the agent begins by wandering at random.',
  default: 1,
  min: 0,
  max: 1,
};

/** ε's per-episode decay factor. */
export const EPSILON_DECAY: NumberParam = {
  type: 'number',
  label: 'ε decay per episode',
  help: 'After each episode ε is multiplied by this, so the agent explores less as it learns more. 1 keeps ε constant.',
  default: 0.9995,
  min: 0,
  max: 1,
};

/** The floor of ε. */
export const EPSILON_MIN: NumberParam = {
  type: 'number',
  label: 'Smallest ε',
  help: 'ε never decays below this, so the agent keeps trying something new now and then.',
  default: 0.01,
  min: 0,
  max: 1,
};

/** The number of episodes a learner plays. */
export const EPISODES: NumberParam = {
  type: 'number',
  label: 'Episodes',
  help: 'How many games the agent plays while learning. Each runs from the start until the goal, a hole or the step limit.',
  default: 15000,
  min: 1,
  max: 1_000_000,
  integer: true,
};

/** The random seed. */
export const SEED: NumberParam = {
  type: 'number',
  label: 'Seed',
  help: 'Fixes the random choices (exploration and slips), so the same settings learn exactly the same way again. Change it to see another run.',
  default: 42,
  min: 0,
  max: 2 ** 31 - 1,
  integer: true,
};

/** The exact planners' tolerance θ. */
export const THETA: NumberParam = {
  type: 'number',
  label: 'Tolerance (θ)',
  help: 'The sweeps stop once no state’s value changes by more than this. Smaller is more exact and takes more sweeps.',
  default: 1e-10,
  min: 1e-14,
  max: 1,
  log: true,
};

/** The exact planners' cap on sweeps (or improvement rounds). */
export const MAX_ITERATIONS: NumberParam = {
  type: 'number',
  label: 'Most sweeps',
  help: 'A safety cap on the number of sweeps over all states, in case the values converge slowly (γ close to 1).',
  default: 100_000,
  min: 1,
  max: 10_000_000,
  integer: true,
};

/** Value iteration's parameters. */
export const VALUE_ITERATION_PARAMS = { gamma: GAMMA, theta: THETA, maxIterations: MAX_ITERATIONS } satisfies ParamSchema;

/** Policy iteration's parameters (θ is the policy-evaluation tolerance). */
export const POLICY_ITERATION_PARAMS = { gamma: GAMMA, theta: THETA, maxIterations: MAX_ITERATIONS } satisfies ParamSchema;

/** Q-learning's, SARSA's and expected SARSA's parameters (ε-greedy with a per-episode decay). */
export const TD_PARAMS = {
  gamma: GAMMA,
  alpha: ALPHA,
  epsilon: EPSILON,
  epsilonDecay: EPSILON_DECAY,
  epsilonMin: EPSILON_MIN,
  episodes: EPISODES,
  seed: SEED,
} satisfies ParamSchema;
