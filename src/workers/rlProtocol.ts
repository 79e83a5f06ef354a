import type { RawParams } from '../core/params';
import type { CellKind, CustomGridSpec, EpisodeLog } from '../core/rl/types';

/** What crosses between the page and the RL worker (src/workers/rlJobs.ts): plain data only. */

/** The environments of the lab: four grid worlds and two control problems. */
export const LAB_ENVS = ['frozenlake', 'frozenlake8', 'cliff', 'custom', 'cartpole', 'mountaincar'] as const;
export type LabEnvId = (typeof LAB_ENVS)[number];

/** Whether `id` is a grid world (tabular algorithms, the value grid) rather than a control problem (DQN). */
export function isGridEnv(id: LabEnvId): boolean {
  return id !== 'cartpole' && id !== 'mountaincar';
}

/** The environment picked: its id, FrozenLake's slipperiness, and the hand-drawn grid (used when id is 'custom'). */
export interface LabEnvChoice {
  readonly id: LabEnvId;
  readonly slippery: boolean;
  readonly custom: CustomGridSpec;
}

/** A grid world as the page draws it. */
export interface GridPicture {
  readonly id: string;
  readonly rows: number;
  readonly cols: number;
  readonly cells: readonly CellKind[];
  readonly start: number;
  readonly actionNames: readonly string[];
  readonly maxSteps: number;
}

/** A training (or a value/policy iteration) to run. */
export interface LabRequest {
  readonly env: LabEnvChoice;
  readonly algo: string;
  readonly params: RawParams;
}

/** Progress of a training: new episodes (batched), a picture of the environment now, or a stage. */
export type LabProgress =
  | { readonly kind: 'episodes'; readonly logs: readonly EpisodeLog[]; readonly fraction: number }
  | { readonly kind: 'frame'; readonly observation: readonly number[]; readonly episode: number }
  | { readonly kind: 'stage'; readonly stage: string; readonly fraction?: number };

/** A grid world's learned values and greedy policy beside value iteration's exact ones. */
export interface GridOutcome {
  readonly kind: 'grid';
  /** The environment it was trained on, as the picker holds it. */
  readonly env: LabEnvChoice;
  readonly grid: GridPicture;
  readonly algo: string;
  /** Each state's value (max over actions of Q for the learners), row by row. */
  readonly values: readonly number[];
  /** The greedy action of each state. */
  readonly policy: readonly number[];
  /** Value iteration on the same grid and discount: the exact answer to compare with. */
  readonly exact: { readonly values: readonly number[]; readonly policy: readonly number[]; readonly gamma: number };
  readonly curve: readonly EpisodeLog[];
  /** The agent file (format 'sapling-agent'), as JSON text ready to download. */
  readonly agentJson: string;
}

/** A control problem's learned network (DQN). */
export interface ControlOutcome {
  readonly kind: 'control';
  readonly env: LabEnvChoice;
  readonly envId: 'cartpole' | 'mountaincar';
  readonly algo: string;
  readonly curve: readonly EpisodeLog[];
  readonly agentJson: string;
  /** How the training ended, in words (DQN stops early once a check reaches its target). */
  readonly note?: string;
}

/** What a training or a loaded agent gives the page. */
export type LabOutcome = GridOutcome | ControlOutcome;

/** One episode of the greedy agent, without learning: the states (grid) or observations (control) it went through. */
export type Rollout =
  | { readonly kind: 'grid'; readonly states: readonly number[]; readonly actions: readonly number[]; readonly rewards: readonly number[]; readonly done: boolean }
  | { readonly kind: 'control'; readonly envId: 'cartpole' | 'mountaincar'; readonly observations: readonly (readonly number[])[]; readonly actions: readonly number[]; readonly rewards: readonly number[] };
