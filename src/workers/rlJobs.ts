import { resolveParams } from '../core/params';
import { getGridAlgorithm, isGridAlgo } from '../core/rl/algorithms';
import { parseAgentFile, serializeAgentFile } from '../core/rl/agentFile';
import { sampleStep } from '../core/rl/grid';
import { VALUE_ITERATION } from '../core/rl/planning';
import { gridWorldOf, runGridAgent } from '../core/rl/runGrid';
import type { AgentEnv, AgentFile, EpisodeLog, GridWorld, RlHooks, TabularResult } from '../core/rl/types';
import { defaultCustomGrid } from '../core/rl/worlds';
import { CancelledError, SaplingError } from '../core/util/errors';
import { createRng } from '../core/util/rng';
import { type ControlHooks, controlOutcome, playControl, trainControl } from './rlControl';
import { type GridOutcome, type GridPicture, type LabEnvChoice, type LabOutcome, type LabProgress, type LabRequest, type Rollout, isGridEnv } from './rlProtocol';
import { createYield } from './yieldToEvents';

/** Episodes are sent to the page at most this often, in ms (a tabular learner plays thousands a second). */
const SEND_EVERY_MS = 100;

/**
 * The lab's jobs in its worker (a thin adapter over src/core/rl, STYLE.md §5): describe a grid
 * world, train or solve on it with progress and Cancel (rl-core's `runGridAgent`, dqn's
 * `runControl`), play a saved agent without learning, and read an agent file (`parseAgentFile`).
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
    return picture(gridWorldOf(agentEnv(env)));
  }

  /** Trains (or solves) `req.algo` on `req.env` from its preset, streaming episodes; the learned values beside value iteration's. */
  async train(req: LabRequest, onProgress: (p: LabProgress) => void): Promise<LabOutcome> {
    const at = this.cancels;
    const stopped = () => this.cancels !== at;
    if (!isGridEnv(req.env.id)) return trainControl(req, (episodes) => this.controlHooks(stopped, onProgress, episodes));
    if (!isGridAlgo(req.algo)) throw new SaplingError('unknown-algo', `${req.algo} does not run on grid worlds`);
    const env = agentEnv(req.env);
    const run = await runGridAgent({ env, algo: req.algo, params: req.params }, this.hooks(stopped, onProgress, Number(resolvedEpisodes(req))));
    if (stopped()) throw new CancelledError();
    const world = gridWorldOf(env);
    return gridOutcome(req.env, world, run.agent, await this.exactFor(world, run.agent, run.result), serializeAgentFile(run.agent));
  }

  /** One episode of the agent in `agentJson` following its greedy policy, without learning (slips and starts drawn from `seed`). */
  play(agentJson: string, seed: number): Rollout {
    const agent = parseAgentFile(agentJson);
    if (!isGridEnv(agent.env.id)) return playControl(agent, seed);
    if (!agent.policy) throw new SaplingError('bad-agent-file', 'policy: a grid agent needs its policy');
    const world = gridWorldOf(agent.env);
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

  /** Reads an agent file (checked by `parseAgentFile`: errors name the place) and what the page shows of it. */
  async load(text: string): Promise<LabOutcome> {
    const agent = parseAgentFile(text);
    const env = labEnv(agent.env);
    if (!isGridEnv(env.id)) return controlOutcome(agent, text, env);
    const world = gridWorldOf(agent.env);
    return gridOutcome(env, world, agent, await this.exactFor(world, agent), text);
  }

  /** Value iteration on `world` with the agent's discount: the exact answer beside the learned one (the result itself for the planners). */
  private async exactFor(world: GridWorld, agent: AgentFile, result?: TabularResult): Promise<{ values: readonly number[]; policy: readonly number[]; gamma: number }> {
    const gamma = Number(agent.params.gamma ?? 0.99);
    const exact = result && getGridAlgorithm(agent.algo).exact ? result : await VALUE_ITERATION.run(world, resolveParams(VALUE_ITERATION.schema, { gamma }), {});
    return { values: exact.values, policy: exact.policy, gamma };
  }

  /** Hooks for a DQN run: the grid's, plus the state now at most every SEND_EVERY_MS/2 for the live picture. */
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

/** The episodes a learner will play (preset and form), for the progress fraction; 0 for the planners. */
function resolvedEpisodes(req: LabRequest): number {
  const algo = getGridAlgorithm(req.algo);
  if (algo.exact) return 0;
  return Number(req.params.episodes ?? presetEpisodes(req));
}

function presetEpisodes(req: LabRequest): number {
  const algo = getGridAlgorithm(req.algo);
  return Number((resolveParams(algo.schema, {}, algo.label) as { episodes?: number }).episodes ?? 0);
}

/** A grid world as the page draws it. */
function picture(world: GridWorld): GridPicture {
  return { id: world.id, rows: world.rows, cols: world.cols, cells: world.cells, start: world.start, actionNames: world.actionNames, maxSteps: world.maxSteps };
}

function gridOutcome(env: LabEnvChoice, world: GridWorld, agent: AgentFile, exact: GridOutcome['exact'], agentJson: string): GridOutcome {
  return { kind: 'grid', env, grid: picture(world), algo: agent.algo, values: agent.values ?? [], policy: agent.policy ?? [], exact, curve: agent.curve, agentJson, evaluation: agent.evaluation };
}

/** The agent file's environment from a lab choice (slip only where it means something). */
function agentEnv(env: LabEnvChoice): AgentEnv {
  if (env.id === 'custom') return { id: 'custom', slippery: env.custom.slippery, grid: env.custom };
  if (env.id === 'frozenlake' || env.id === 'frozenlake8') return { id: env.id, slippery: env.slippery };
  return { id: env.id };
}

/** A lab choice from an agent file's environment (a hand-drawn grid kept from the file, else the default room). */
function labEnv(env: AgentEnv): LabEnvChoice {
  return { id: env.id, slippery: env.slippery ?? true, custom: env.grid ?? defaultCustomGrid() };
}

