import { resolveParams } from '../core/params';
import { getGridAlgorithm } from '../core/rl/algorithms';
import { sampleStep } from '../core/rl/grid';
import { VALUE_ITERATION } from '../core/rl/planning';
import type { AgentFile, EpisodeLog, GridWorld, RlHooks, TabularResult } from '../core/rl/types';
import { makeGridWorld } from '../core/rl/worlds';
import { CancelledError, SaplingError } from '../core/util/errors';
import { createRng } from '../core/util/rng';
import { type GridOutcome, type GridPicture, type LabEnvChoice, type LabOutcome, type LabProgress, type LabRequest, type Rollout, isGridEnv } from './rlProtocol';
import { type ControlHooks, controlOutcome, playControl, trainControl } from './rlControl';
import { createYield } from './yieldToEvents';

/** Episodes are sent to the page at most this often, in ms (a tabular learner plays thousands a second). */
const SEND_EVERY_MS = 100;

/**
 * The lab's jobs in its worker (a thin adapter over src/core/rl, STYLE.md §5): describe a grid
 * world, train or solve on it with progress and Cancel, play a saved agent without learning, and
 * read an agent file.
 */
export class RlJobs {
  /** Counts Cancel presses: a job stops once the count differs from the one it started with. */
  private cancels = 0;
  private readonly yieldToEvents = createYield();

  /** Asks the running job to stop at its next check (between episodes). */
  cancel(): void {
    this.cancels++;
  }

  /** A grid world as the page draws it; a hand-drawn grid that cannot be used throws its reason. */
  describe(env: LabEnvChoice): GridPicture {
    return picture(gridWorld(env));
  }

  /** Trains (or solves) `req.algo` on `req.env`, streaming episodes; the learned values beside value iteration's. */
  async train(req: LabRequest, onProgress: (p: LabProgress) => void): Promise<LabOutcome> {
    const at = this.cancels;
    const stopped = () => this.cancels !== at;
    if (!isGridEnv(req.env.id)) return trainControl(req, (episodes) => this.controlHooks(stopped, onProgress, episodes));
    const world = gridWorld(req.env);
    const algo = getGridAlgorithm(req.algo);
    const params = resolveParams(algo.schema, req.params, algo.label);
    const episodes = Number((params as { episodes?: number }).episodes ?? 0);
    const result = await algo.run(world, params as never, this.hooks(stopped, onProgress, episodes));
    if (stopped()) throw new CancelledError();
    const gamma = Number((params as { gamma?: number }).gamma ?? 0.99);
    const exact = algo.exact ? result : await VALUE_ITERATION.run(world, resolveParams(VALUE_ITERATION.schema, { gamma }), {});
    const agent: AgentFile = { format: 'sapling-agent', version: 1, env: agentEnv(req.env), algo: algo.id, params: params as AgentFile['params'], policy: result.policy, values: result.values, q: result.q, curve: result.curve };
    return gridOutcome(req.env, world, algo.id, result, exact, gamma, JSON.stringify(agent, null, 1));
  }

  /** One episode of the agent in `agentJson` following its greedy policy, without learning (slips drawn from `seed`). */
  play(agentJson: string, seed: number): Rollout {
    const agent = JSON.parse(agentJson) as AgentFile;
    const env = labEnv(agent);
    if (!isGridEnv(env.id)) return playControl(agent, seed);
    if (!agent.policy) throw new SaplingError('bad-agent', 'agent file: a grid agent needs its "policy"');
    const world = gridWorld(env);
    const rng = createRng(seed);
    const states = [world.start];
    const actions: number[] = [];
    const rewards: number[] = [];
    let s = world.start;
    let done = false;
    for (let t = 0; t < world.maxSteps && !done; t++) {
      const a = agent.policy[s];
      const step = sampleStep(world, s, a, rng);
      actions.push(a);
      rewards.push(step.reward);
      states.push(step.next);
      s = step.next;
      done = step.done;
    }
    return { kind: 'grid', states, actions, rewards, done };
  }

  /** Reads an agent file (checked as `parseAgentFile` says) and what the page shows of it. */
  async load(text: string): Promise<LabOutcome> {
    const agent = parseAgent(text);
    const env = labEnv(agent);
    if (!isGridEnv(env.id)) return controlOutcome(agent, text, env);
    const world = gridWorld(env);
    const gamma = Number(agent.params.gamma ?? 0.99);
    const exact = await VALUE_ITERATION.run(world, resolveParams(VALUE_ITERATION.schema, { gamma }), {});
    const result: TabularResult = { algo: agent.algo as TabularResult['algo'], q: agent.q ?? [], values: agent.values ?? [], policy: agent.policy ?? [], curve: agent.curve, iterations: 0 };
    return gridOutcome(env, world, agent.algo, result, exact, gamma, text);
  }

  /** Hooks for a DQN run: the grid's, plus the state now at most every SEND_EVERY_MS for the live picture. */
  private controlHooks(stopped: () => boolean, onProgress: (p: LabProgress) => void, episodes: number): ControlHooks {
    let last = 0;
    return {
      ...this.hooks(stopped, onProgress, episodes),
      onStep: (observation, episode) => {
        const now = performance.now();
        if (now - last < SEND_EVERY_MS / 2) return;
        last = now;
        onProgress({ kind: 'frame', observation: Array.from(observation), episode });
      },
    };
  }

  /** Hooks for a run: episodes batched to the page, the stop check, and a yield so Cancel arrives. */
  private hooks(stopped: () => boolean, onProgress: (p: LabProgress) => void, episodes: number): RlHooks {
    let held: EpisodeLog[] = [];
    let last = 0;
    return {
      shouldStop: stopped,
      yieldToEvents: this.yieldToEvents,
      onEpisode: (log) => {
        held.push(log);
        const now = performance.now();
        if (now - last < SEND_EVERY_MS && log.episode < episodes) return;
        last = now;
        onProgress({ kind: 'episodes', logs: held, fraction: episodes ? log.episode / episodes : 0 });
        held = [];
      },
      onSweep: (sweep) => {
        const now = performance.now();
        if (now - last < SEND_EVERY_MS) return;
        last = now;
        onProgress({ kind: 'stage', stage: `sweep ${sweep.iteration}, largest change ${sweep.delta.toExponential(1)}` });
      },
    };
  }
}

/** The grid world of a lab choice. */
function gridWorld(env: LabEnvChoice): GridWorld {
  if (!isGridEnv(env.id)) throw new SaplingError('not-a-grid', `${env.id} is not a grid world`);
  return makeGridWorld(env.id as 'frozenlake', { slippery: env.slippery, grid: env.custom });
}

/** A grid world as the page draws it. */
function picture(world: GridWorld): GridPicture {
  return { id: world.id, rows: world.rows, cols: world.cols, cells: world.cells, start: world.start, actionNames: world.actionNames, maxSteps: world.maxSteps };
}

function gridOutcome(env: LabEnvChoice, world: GridWorld, algo: string, result: TabularResult, exact: TabularResult, gamma: number, agentJson: string): GridOutcome {
  return { kind: 'grid', env, grid: picture(world), algo, values: result.values, policy: result.policy, exact: { values: exact.values, policy: exact.policy, gamma }, curve: result.curve, agentJson };
}

/** The agent file's environment from a lab choice. */
function agentEnv(env: LabEnvChoice): AgentFile['env'] {
  if (env.id === 'custom') return { id: 'custom', slippery: env.custom.slippery, grid: env.custom };
  if (env.id === 'frozenlake' || env.id === 'frozenlake8') return { id: env.id, slippery: env.slippery };
  return { id: env.id };
}

/** A lab choice from an agent file's environment (the custom grid kept when the file has none). */
function labEnv(agent: AgentFile): LabEnvChoice {
  const e = agent.env;
  return { id: e.id, slippery: e.slippery ?? true, custom: e.grid ?? { rows: 1, cols: 2, cells: ['start', 'goal'], stepCost: 0, goalReward: 1, pitReward: -1, cellReward: 0, slippery: false, maxSteps: 100 } };
}

/** Stand-in until the agent file's own reader lands: JSON with the right format tag. */
function parseAgent(text: string): AgentFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SaplingError('bad-agent', 'the file is not JSON');
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== 'sapling-agent') throw new SaplingError('bad-agent', 'the file is not a Sapling agent file (no "format": "sapling-agent")');
  return raw as AgentFile;
}
