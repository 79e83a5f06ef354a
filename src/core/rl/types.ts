import type { ParamSchema, ParamsOf, RawParams } from '../params';
import type { Rng } from '../util/rng';

/**
 * The reinforcement-learning contract (issue 17, Contract 2): environments, the learners' progress
 * and results, and the hooks a host (CLI, worker) passes in. A leaf: it imports only types.
 * Add to it; never remove or rename (dqn, rl-studio and lessons code against it).
 */

/** What a grid cell is. 'cliff' sends the agent back to the start (CliffWalking); 'hole' ends the episode. */
export type CellKind = 'start' | 'free' | 'wall' | 'hole' | 'cliff' | 'goal' | 'reward';

/** The grid worlds Sapling knows. */
export type GridEnvId = 'frozenlake' | 'frozenlake8' | 'cliff' | 'custom';
/** The continuous-observation (control) environments, owned by the dqn part. */
export type ControlEnvId = 'cartpole' | 'mountaincar';
/** Any environment id (what `--env` and the agent file name). */
export type RlEnvId = GridEnvId | ControlEnvId;

/** The tabular algorithms (exact planners and learners) over grid worlds. */
export type GridAlgoId = 'value-iteration' | 'policy-iteration' | 'q-learning' | 'sarsa' | 'expected-sarsa';
/** Any algorithm id (what `--algo` and the agent file name). */
export type RlAlgoId = GridAlgoId | 'dqn';

/** One outcome of taking an action in a state, with its probability (Gymnasium's `P[s][a]` entries). */
export interface Transition {
  readonly p: number;
  readonly next: number;
  readonly reward: number;
  readonly done: boolean;
}

/** A finite environment whose dynamics are known (Gymnasium's P[s][a]): value/policy iteration read it, the learners only step it. */
export interface GridWorld {
  readonly id: string; // 'frozenlake' | 'frozenlake8' | 'cliff' | 'custom'
  readonly rows: number;
  readonly cols: number;
  readonly nStates: number;
  readonly nActions: number;
  readonly actionNames: readonly string[]; // Gymnasium's numbering for this environment
  readonly cells: readonly CellKind[]; // row by row: 'start'|'free'|'wall'|'hole'|'cliff'|'goal'|'reward'
  readonly start: number;
  transitions(state: number, action: number): readonly Transition[];
  /** Gymnasium's TimeLimit (FrozenLake 4×4: 100, 8×8: 200); CliffWalking has none, Sapling caps it (see cliffWalking.ts). */
  readonly maxSteps: number;
  /** States where an episode has ended (holes, the goal): no action is taken there; their value is 0. */
  readonly terminal: readonly boolean[];
  /** Whether moves slip (FrozenLake's is_slippery); false for CliffWalking. */
  readonly slippery: boolean;
}

/** A continuous-observation environment (CartPole, MountainCar), Gymnasium's rules. */
export interface ControlEnv {
  readonly id: string;
  readonly observationSize: number;
  readonly nActions: number;
  readonly actionNames: readonly string[];
  reset(rng: Rng): Float64Array;
  step(action: number): { readonly observation: Float64Array; readonly reward: number; readonly terminated: boolean; readonly truncated: boolean };
}

/** Progress of a learner, one entry per episode. */
export interface EpisodeLog {
  readonly episode: number;
  readonly return: number;
  readonly steps: number;
  readonly epsilon: number;
}

/**
 * What a host passes to a run, as models' TrainContext: progress per episode (per sweep for the exact
 * planners), a stop flag polled between episodes (the run throws CancelledError once it is true), and
 * a yield so a worker's Cancel message can arrive.
 */
export interface RlHooks {
  readonly onEpisode?: (log: EpisodeLog) => void;
  readonly shouldStop?: () => boolean;
  readonly yieldToEvents?: () => Promise<void>;
  /** Exact planners: called after each sweep with the values so far (the studio animates them). */
  readonly onSweep?: (sweep: { readonly iteration: number; readonly delta: number; readonly values: readonly number[] }) => void;
  /** Control learners: every environment step's observation while training (the lab draws the cart live; it throttles). */
  readonly onStep?: (observation: ArrayLike<number>, episode: number) => void;
}

/**
 * What a tabular algorithm returns: plain data (survives JSON and postMessage). States row by row,
 * actions in the environment's Gymnasium numbering.
 */
export interface TabularResult {
  readonly algo: GridAlgoId;
  /** Q[s][a]; the exact planners give the Q of their final values (one-step lookahead). */
  readonly q: readonly (readonly number[])[];
  /** V[s]: max_a Q[s][a] for the learners, the converged values for the planners; 0 at terminal states. */
  readonly values: readonly number[];
  /** The greedy action per state (ties go to the lowest action number, as NumPy's argmax). */
  readonly policy: readonly number[];
  /** One entry per episode for the learners; empty for the exact planners. */
  readonly curve: readonly EpisodeLog[];
  /** Sweeps (value iteration) or improvement rounds (policy iteration); the episodes run for the learners. */
  readonly iterations: number;
}

/** A greedy policy's evaluation, named as report.json names it (issue 17). */
export interface PolicyEvaluation {
  readonly episodes: number;
  readonly mean_return: number;
  /** The share of episodes that reached the goal. */
  readonly success_rate: number;
}

/** An editable grid (the studio's custom world): cells row by row and what stepping costs and pays. */
export interface CustomGridSpec {
  readonly rows: number;
  readonly cols: number;
  /** Row by row; exactly one 'start', at least one 'goal'. 'cliff' is not used here ('hole' is the pit). */
  readonly cells: readonly CellKind[];
  /** Subtracted from the reward of every step (0 = free moves). */
  readonly stepCost: number;
  /** Paid on entering the goal (which ends the episode). */
  readonly goalReward: number;
  /** Paid on entering a pit (which ends the episode); usually negative. */
  readonly pitReward: number;
  /** Paid each time a 'reward' cell is entered (the episode goes on). */
  readonly cellReward: number;
  /** FrozenLake's slip: the intended move 1/3, each perpendicular one 1/3. */
  readonly slippery: boolean;
  /** Steps before an episode is cut off. */
  readonly maxSteps: number;
}

/** Which environment an agent was trained on: enough to rebuild it exactly. */
export interface AgentEnv {
  readonly id: RlEnvId;
  /** FrozenLake only (and custom grids, whose spec carries it too). */
  readonly slippery?: boolean;
  /** Custom grids only. */
  readonly grid?: CustomGridSpec;
}

/** A Q-network saved in an agent file (DQN): layer sizes and float32 weights as TF.js orders them. */
export interface AgentNetwork {
  readonly inputs: number;
  readonly hidden: readonly { readonly units: number; readonly activation: 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear' }[];
  readonly outputs: number;
  /** Per layer kernel (inputs×units, row-major) then bias, each base64 of little-endian float32. */
  readonly weights: readonly string[];
}

/** The `format` tag of an agent file. */
export const AGENT_FILE_FORMAT = 'sapling-agent';
/** The agent-file version this build writes (and the newest it reads). */
export const AGENT_FILE_VERSION = 1;

/**
 * A saved agent: what it learned (a greedy policy and values for grid worlds; a Q-table; or a
 * Q-network) with the environment, algorithm, parameters and learning curve that made it.
 * States row by row, actions in the environment's Gymnasium numbering.
 */
export interface AgentFile {
  readonly format: typeof AGENT_FILE_FORMAT;
  readonly version: typeof AGENT_FILE_VERSION;
  readonly env: AgentEnv;
  readonly algo: RlAlgoId;
  /** The resolved parameters, by their schema names. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** Grid worlds: the greedy action per state. */
  readonly policy?: readonly number[];
  /** Grid worlds: each state's value. */
  readonly values?: readonly number[];
  /** Grid worlds: Q[s][a]. */
  readonly q?: readonly (readonly number[])[];
  /** DQN: the online Q-network. */
  readonly network?: AgentNetwork;
  readonly curve: readonly EpisodeLog[];
  /** The greedy evaluation made when it was saved, if any. */
  readonly evaluation?: PolicyEvaluation;
  /** The seed of that evaluation's episodes, so playing the agent again can repeat it exactly. */
  readonly evaluationSeed?: number;
}

/** A tabular algorithm: its catalog entry, its parameter schema and a pure run over a grid world. */
export interface GridAlgorithm<S extends ParamSchema = ParamSchema> {
  readonly id: GridAlgoId;
  readonly label: string;
  /** Two or three sentences a student can read. */
  readonly help: string;
  /** True for the planners that read the dynamics (value and policy iteration); false for the learners that only step. */
  readonly exact: boolean;
  readonly schema: S;
  run(env: GridWorld, params: ParamsOf<S>, hooks?: RlHooks): Promise<TabularResult>;
}

/**
 * What the control side (DQN on CartPole / MountainCar, the dqn part) gives the CLI and the studio:
 * the agent file to save, its learning curve and its greedy evaluation.
 */
export interface ControlRunResult {
  readonly agent: AgentFile;
  readonly curve: readonly EpisodeLog[];
  readonly evaluation: PolicyEvaluation;
}

/** Trains a DQN agent on a control environment; `params` are raw (resolved against the DQN schema by the callee). */
export type RunControl = (env: ControlEnvId, params: RawParams, hooks?: RlHooks) => Promise<ControlRunResult>;

/** Plays a saved control agent greedily (no learning) for `episodes` episodes from `seed`. */
export type PlayControl = (agent: AgentFile, episodes: number, seed: number) => Promise<PolicyEvaluation>;

/** The control side as the CLI and the studio reach it: DQN's parameter schema, training and greedy play. */
export interface ControlRunner {
  readonly schema: ParamSchema;
  readonly run: RunControl;
  readonly play: PlayControl;
}
