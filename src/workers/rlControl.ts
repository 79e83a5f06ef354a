import { fromAgentNetwork, createGreedyPlayer, runControl } from '../core/rl/dqn';
import { CONTROL_ENVS } from '../core/rl/envs/control';
import { serializeAgentFile } from '../core/rl/agentFile';
import type { AgentFile, ControlEnvId, RlHooks } from '../core/rl/types';
import { SaplingError } from '../core/util/errors';
import { createRng } from '../core/util/rng';
import { resolveDqnParams } from '../core/rl/dqn';
import type { ControlOutcome, LabRequest, Rollout } from './rlProtocol';

/** The control side of the lab's worker: DQN on CartPole or MountainCar (dqn's `runControl`), and a saved network played without learning. */

/** The hooks a DQN run is given, `onStep` included: the lab draws the cart from it while training. */
export type ControlHooks = RlHooks;

/** Trains DQN on the request's control problem, the form's values over that problem's preset; `hooks` are made for the run's episode count. */
export async function trainControl(req: LabRequest, hooks: (episodes: number) => ControlHooks): Promise<ControlOutcome> {
  const envId = controlId(req.env.id);
  const params = resolveDqnParams(envId, req.params);
  const { agent, dqn, evaluation } = await runControl(envId, req.params, hooks(params.episodes));
  const note = `${dqn.stopReason}. ${dqn.steps.toLocaleString('en-US')} steps, ${dqn.updates.toLocaleString('en-US')} network updates.`;
  return { kind: 'control', env: req.env, envId, algo: 'dqn', curve: agent.curve, agentJson: serializeAgentFile(agent), note, evaluation };
}

/** One episode of a saved Q-network, greedy, from `seed`: every observation it went through. */
export function playControl(agent: AgentFile, seed: number): Rollout {
  const envId = controlId(agent.env.id);
  if (!agent.network) throw new SaplingError('bad-agent-file', 'network: a control agent needs its network');
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

/** A control outcome from a loaded agent file (its network's shapes checked). */
export function controlOutcome(agent: AgentFile, agentJson: string, env: LabRequest['env']): ControlOutcome {
  const envId = controlId(agent.env.id);
  if (!agent.network) throw new SaplingError('bad-agent-file', 'network: a control agent needs its network');
  fromAgentNetwork(agent.network);
  return { kind: 'control', env: { ...env, id: envId }, envId, algo: agent.algo, curve: agent.curve, agentJson, evaluation: agent.evaluation };
}

function controlId(id: string): ControlEnvId {
  if (id !== 'cartpole' && id !== 'mountaincar') throw new SaplingError('not-control', `${id} is not a control problem (cartpole, mountaincar)`);
  return id;
}
