import type { ParamSchema, ParamsOf, RawParams } from '../../params';
import type { ControlEnvId } from '../types';

/**
 * The deep Q-network's parameters, drawn as a form by the studio and parsed from `--param` by the
 * CLI. Shared names (gamma, alpha, epsilon, epsilonMin, episodes, seed) mean what they mean for the
 * tabular learners. The defaults are the CartPole preset (held to Gymnasium's reward threshold by
 * the `rl` bench); `DQN_PRESETS` changes what MountainCar needs.
 */
export const DQN_PARAMS = {
  episodes: {
    type: 'number',
    label: 'Episodes',
    help: 'The most games the agent plays while learning. Training may stop earlier once a check of the greedy policy reaches the target return.',
    default: 600,
    min: 1,
    max: 100_000,
    integer: true,
  },
  gamma: {
    type: 'number',
    label: 'Discount (γ)',
    help: 'How much a reward one step later is worth compared with one now. Near 1 the agent plans far ahead; near 0 it grabs what is close.',
    default: 0.99,
    min: 0,
    max: 1,
  },
  alpha: {
    type: 'number',
    label: 'Learning rate (α)',
    help: 'The step size of the Adam optimiser that fits the Q-network. Too large and the values swing and forget; too small and learning crawls.',
    default: 0.001,
    min: 1e-6,
    max: 0.1,
    log: true,
  },
  epsilon: {
    type: 'number',
    label: 'Exploration (ε)',
    help: 'The chance of a random action instead of the best one known so far, at the start of learning. 1 means the agent begins by acting at random.',
    default: 1,
    min: 0,
    max: 1,
  },
  epsilonMin: {
    type: 'number',
    label: 'Smallest ε',
    help: 'ε never falls below this, so the agent keeps trying something new now and then.',
    default: 0.05,
    min: 0,
    max: 1,
  },
  epsilonSchedule: {
    type: 'choice',
    label: 'ε schedule',
    help: 'Linear takes ε straight down to its floor over the decay steps; exponential closes most of the gap early and the rest slowly.',
    default: 'linear',
    options: [
      { value: 'linear', label: 'Linear' },
      { value: 'exponential', label: 'Exponential' },
    ],
  },
  epsilonDecaySteps: {
    type: 'number',
    label: 'ε decay steps',
    help: 'How many environment steps ε takes to fall (linear: all the way to its floor; exponential: 63% of the way).',
    default: 10_000,
    min: 1,
    max: 10_000_000,
    integer: true,
  },
  hiddenLayers: {
    type: 'number',
    label: 'Hidden layers',
    help: 'How many layers of units sit between the observation and the Q-values. Two is plenty for CartPole.',
    default: 2,
    min: 1,
    max: 4,
    integer: true,
  },
  hiddenUnits: {
    type: 'number',
    label: 'Units per layer',
    help: 'The width of each hidden layer. Wider networks can represent finer value functions but train more slowly.',
    default: 64,
    min: 4,
    max: 512,
    integer: true,
  },
  activation: {
    type: 'choice',
    label: 'Activation',
    help: 'The non-linearity of the hidden units.',
    default: 'relu',
    options: [
      { value: 'relu', label: 'ReLU' },
      { value: 'tanh', label: 'tanh' },
      { value: 'elu', label: 'ELU' },
    ],
  },
  batchSize: {
    type: 'number',
    label: 'Batch size',
    help: 'How many remembered transitions each update learns from.',
    default: 64,
    min: 1,
    max: 1024,
    integer: true,
  },
  bufferSize: {
    type: 'number',
    label: 'Replay memory',
    help: 'How many past transitions the agent remembers and samples its updates from. Sampling old experience breaks up the correlation between consecutive steps.',
    default: 50_000,
    min: 100,
    max: 2_000_000,
    integer: true,
  },
  learningStarts: {
    type: 'number',
    label: 'Steps before learning',
    help: 'The agent only acts (at random, mostly) for this many steps to fill its memory before the first update.',
    default: 1000,
    min: 0,
    max: 1_000_000,
    integer: true,
  },
  trainEvery: {
    type: 'number',
    label: 'Update every k steps',
    help: 'One network update (one batch) after every k environment steps. Larger k trains faster in wall time but learns less per step.',
    default: 1,
    min: 1,
    max: 1000,
    integer: true,
  },
  targetUpdateEvery: {
    type: 'number',
    label: 'Target copy every',
    help: 'The target network, which supplies the values the online network learns towards, is a copy refreshed every this many steps. It keeps the targets from chasing their own tail. Unused when τ is above 0.',
    default: 500,
    min: 1,
    max: 1_000_000,
    integer: true,
  },
  tau: {
    type: 'number',
    label: 'Soft target τ',
    help: '0 copies the target network outright every so many steps; above 0 moves it a fraction τ towards the online network after every update (a soft update) instead.',
    default: 0,
    min: 0,
    max: 1,
  },
  doubleDqn: {
    type: 'boolean',
    label: 'Double DQN',
    help: 'Picks the next action with the online network but values it with the target network (van Hasselt et al. 2016), which curbs DQN’s habit of overestimating values.',
    default: true,
  },
  evalEvery: {
    type: 'number',
    label: 'Check every (episodes)',
    help: 'Every this many episodes the greedy policy (no exploration) plays a few test games; the best network seen is kept. 0 turns the checks off and keeps the last network.',
    default: 10,
    min: 0,
    max: 100_000,
    integer: true,
    off: { value: 0, label: 'never' },
  },
  evalEpisodes: {
    type: 'number',
    label: 'Games per check',
    help: 'How many greedy test games each check plays; their mean return is what is compared.',
    default: 10,
    min: 1,
    max: 1000,
    integer: true,
  },
  stopAtReturn: {
    type: 'number',
    label: 'Stop at return',
    help: 'Training stops once a check’s mean return reaches this. CartPole’s most is 500 per game.',
    default: 500,
    min: -1_000_000,
    max: 1_000_000,
  },
  seed: {
    type: 'number',
    label: 'Seed',
    help: 'Fixes the random choices (exploration, starting states, initial weights, replay samples), so the same settings learn exactly the same way again.',
    default: 1,
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
  },
} as const satisfies ParamSchema;

/** The resolved DQN parameters. */
export type DqnParams = ParamsOf<typeof DQN_PARAMS>;

/**
 * What each environment changes from the defaults (the CartPole preset). MountainCar's reward is −1
 * every step until the flag, so nothing is learned until random play first reaches it: more
 * exploration for longer, a shorter horizon and more episodes. No reward shaping.
 */
export const DQN_PRESETS: Readonly<Record<ControlEnvId, RawParams>> = {
  cartpole: {},
  mountaincar: {
    episodes: 1500,
    gamma: 0.99,
    epsilonDecaySteps: 100_000,
    epsilonMin: 0.05,
    bufferSize: 100_000,
    targetUpdateEvery: 1000,
    stopAtReturn: -110,
    evalEvery: 20,
  },
};
