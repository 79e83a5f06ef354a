import { resolveParams } from '../../params';
import type { RawParams } from '../../params';
import { SaplingError } from '../../util/errors';
import { createRng } from '../../util/rng';
import { CONTROL_ENVS, isControlEnvId } from '../envs/control';
import { AGENT_FILE_FORMAT, AGENT_FILE_VERSION } from '../types';
import type { AgentFile, ControlEnvId, ControlRunResult, PlayControl, PolicyEvaluation, RlHooks } from '../types';
import { runDqn } from './dqn';
import type { DqnResult } from './dqn';
import { evaluatePolicy } from './evaluate';
import { DQN_PARAMS, DQN_PRESETS } from './params';
import type { DqnParams } from './params';
import { createGreedyPlayer, fromAgentNetwork, toAgentNetwork } from './qNetwork';

/** Greedy episodes in the evaluation that `runControl` reports (Gymnasium's CartPole threshold is a mean over 100). */
export const EVALUATION_EPISODES = 100;

/** The seed of the evaluation games, apart from every stream training drew from. */
export function evaluationSeed(seed: number): number {
  return (seed ^ 0x5eed_e7a1) >>> 0;
}

/** The DQN parameters for an environment: its preset, then what was given (checked against the schema). */
export function resolveDqnParams(env: ControlEnvId, given: RawParams = {}): DqnParams {
  return resolveParams(DQN_PARAMS, { ...DQN_PRESETS[env], ...given }, 'dqn');
}

/** What `runControl` returns, with DQN's own account of the run. */
export interface DqnRunResult extends ControlRunResult {
  readonly dqn: DqnResult;
  readonly params: DqnParams;
}

/**
 * Trains a DQN agent (the environment's preset under `params`), evaluates its greedy policy over
 * `EVALUATION_EPISODES` games and packs both into an agent file: the CLI's and the studio's entry.
 */
export async function runControl(env: ControlEnvId, params: RawParams, hooks: RlHooks = {}): Promise<DqnRunResult> {
  if (!isControlEnvId(env)) throw new SaplingError('unknown-env', `DQN runs on the control environments (known: ${Object.keys(CONTROL_ENVS).join(', ')}), not "${String(env)}"`);
  const resolved = resolveDqnParams(env, params);
  const dqn = await runDqn(env, resolved, hooks);
  const player = createGreedyPlayer(dqn.network);
  const info = CONTROL_ENVS[env];
  const evalSeed = evaluationSeed(resolved.seed);
  const { returns: _, ...evaluation } = evaluatePolicy(info.create(), player.act, EVALUATION_EPISODES, createRng(evalSeed), info.succeeded, hooks.shouldStop);
  const agent: AgentFile = {
    format: AGENT_FILE_FORMAT,
    version: AGENT_FILE_VERSION,
    env: { id: env },
    algo: 'dqn',
    params: resolved,
    network: toAgentNetwork(dqn.network),
    curve: dqn.curve,
    evaluation,
    evaluationSeed: evalSeed,
  };
  return { agent, curve: dqn.curve, evaluation, dqn, params: resolved };
}

/** Plays a saved DQN agent greedily, without learning, for `episodes` games from `seed`. */
export const playControl: PlayControl = (agent: AgentFile, episodes: number, seed: number): Promise<PolicyEvaluation> => {
  const env = agent.env.id;
  if (!isControlEnvId(env)) throw new SaplingError('bad-agent', `agent file: a Q-network agent plays ${Object.keys(CONTROL_ENVS).join(' or ')}, not "${env}"`);
  if (!agent.network) throw new SaplingError('bad-agent', 'agent file: a DQN agent needs its network');
  const net = fromAgentNetwork(agent.network);
  const info = CONTROL_ENVS[env];
  const probe = info.create();
  if (net.inputs !== probe.observationSize || net.outputs !== probe.nActions) {
    throw new SaplingError('bad-agent', `agent file: the network takes ${net.inputs} inputs and gives ${net.outputs} Q-values, but ${info.label} has ${probe.observationSize} and ${probe.nActions}`);
  }
  const { returns: _, ...evaluation } = evaluatePolicy(probe, createGreedyPlayer(net).act, episodes, createRng(seed), info.succeeded);
  return Promise.resolve(evaluation);
};
