import { resolveParams } from '../core/params';
import { runDqn } from '../core/rl/dqn/dqn';
import { DQN_PARAMS, DQN_PRESETS } from '../core/rl/dqn/params';
import { createGreedyPlayer, fromAgentNetwork, toAgentNetwork } from '../core/rl/dqn/qNetwork';
import { CONTROL_ENVS } from '../core/rl/envs/control';
import type { AgentFile, ControlEnvId, RlHooks } from '../core/rl/types';
import { SaplingError } from '../core/util/errors';
import { createRng } from '../core/util/rng';
import type { ControlOutcome, LabRequest, Rollout } from './rlProtocol';

/** The control side of the lab's worker: DQN on CartPole or MountainCar, and a saved network played without learning. */

/**
 * The hooks a DQN run is given, plus the one the lab would like for the live picture: every
 * environment step's observation. `runDqn` may ignore it (then the page shows the start position
 * while training, and the agent itself once trained).
 */
export type ControlHooks = RlHooks & { readonly onStep?: (observation: ArrayLike<number>, episode: number) => void };

/** Trains DQN on the request's control problem, the form's values over that problem's preset; `hooks` are made for the run's episode count. */
export async function trainControl(req: LabRequest, hooks: (episodes: number) => ControlHooks): Promise<ControlOutcome> {
  const envId = controlId(req.env.id);
  const params = resolveParams(DQN_PARAMS, { ...DQN_PRESETS[envId], ...req.params }, 'DQN');
  const result = await runDqn(envId, params, hooks(params.episodes));
  const agent: AgentFile = { format: 'sapling-agent', version: 1, env: { id: envId }, algo: 'dqn', params: params as AgentFile['params'], network: toAgentNetwork(result.network), curve: result.curve };
  return { kind: 'control', env: req.env, envId, algo: 'dqn', curve: result.curve, agentJson: JSON.stringify(agent), note: `${result.stopReason}. ${result.steps.toLocaleString('en-US')} steps, ${result.updates.toLocaleString('en-US')} network updates.` };
}

/** One episode of a saved Q-network, greedy, from `seed`: every observation it went through. */
export function playControl(agent: AgentFile, seed: number): Rollout {
  const envId = controlId(agent.env.id);
  if (!agent.network) throw new SaplingError('bad-agent', 'agent file: a control agent needs its "network"');
  const player = createGreedyPlayer(fromAgentNetwork(agent.network));
  const env = CONTROL_ENVS[envId].create();
  let observation = env.reset(createRng(seed));
  const observations: number[][] = [Array.from(observation)];
  const actions: number[] = [];
  const rewards: number[] = [];
  for (let t = 0; t < CONTROL_ENVS[envId].maxSteps; t++) {
    const a = player.act(observation);
    const r = env.step(a);
    actions.push(a);
    rewards.push(r.reward);
    observation = r.observation;
    observations.push(Array.from(observation));
    if (r.terminated || r.truncated) break;
  }
  return { kind: 'control', envId, observations, actions, rewards };
}

/** A control outcome from a loaded agent file. */
export function controlOutcome(agent: AgentFile, agentJson: string, env: LabRequest['env']): ControlOutcome {
  const envId = controlId(agent.env.id);
  if (!agent.network) throw new SaplingError('bad-agent', 'agent file: a control agent needs its "network"');
  fromAgentNetwork(agent.network);
  return { kind: 'control', env: { ...env, id: envId }, envId, algo: agent.algo, curve: agent.curve, agentJson };
}

function controlId(id: string): ControlEnvId {
  if (id !== 'cartpole' && id !== 'mountaincar') throw new SaplingError('not-control', `${id} is not a control problem (cartpole, mountaincar)`);
  return id;
}
