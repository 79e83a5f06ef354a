import type { ControlRunner } from '../types';
import { playControl, runControl } from './control';
import { DQN_PARAMS } from './params';

export { runControl, playControl, resolveDqnParams, EVALUATION_EPISODES } from './control';
export type { DqnRunResult } from './control';
export { runDqn } from './dqn';
export type { DqnResult, DqnCheck } from './dqn';
export { DQN_PARAMS, DQN_PRESETS } from './params';
export type { DqnParams } from './params';
export { createGreedyPlayer, fromAgentNetwork } from './qNetwork';
export type { GreedyPlayer, QNetwork } from './qNetwork';

/** DQN as the CLI and the studio reach the control environments (Contract 2's ControlRunner). */
export const DQN_RUNNER: ControlRunner = { schema: DQN_PARAMS, run: runControl, play: playControl };
