import { createStore } from 'zustand/vanilla';
import type { CellKind, CustomGridSpec, EpisodeLog } from '../core/rl/types';
import { defaultCustomGrid } from '../core/rl/worlds';
import type { GridPicture, LabEnvChoice, LabOutcome, Rollout } from '../workers/rlProtocol';
import { IDLE_JOB, type Job } from './job';

/**
 * The *Learn by doing* lab's state, a store of its own beside the studio's (the lab shares nothing
 * with the lifecycle's data and model): the environment and algorithm picked, the training job with
 * its streamed episodes, and the greedy agent's last run. Change it only through labActions.ts.
 */
export interface LabState {
  /** True while the lab is shown instead of the lifecycle. */
  readonly open: boolean;
  readonly env: LabEnvChoice;
  /** The grid world picked, as drawn before any training (null for the control problems or until described). */
  readonly picture: GridPicture | null;
  /** Why the hand-drawn grid cannot be used (no start, no goal), or null. */
  readonly gridError: string | null;
  /** Why the last agent file could not be loaded, or null. */
  readonly loadError: string | null;
  readonly algo: string;
  /** Each algorithm's form values (defaults where unset). */
  readonly params: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly training: Job<LabOutcome>;
  /** The running (or last) training's episodes, for the live charts. */
  readonly curve: readonly EpisodeLog[];
  /** The control problem's state now, during training (CartPole: x, ẋ, θ, θ̇; MountainCar: position, velocity). */
  readonly frame: readonly number[] | null;
  /** Where the shown agent came from: trained here, or a file's name. */
  readonly agentFrom: string | null;
  /** An episode of the greedy agent, without learning, for the player. */
  readonly rollout: Job<Rollout>;
}

/** A 5×5 grid to start editing from: start top left, goal bottom right, two walls and a pit between. */
export function startingCustomGrid(): CustomGridSpec {
  const room = defaultCustomGrid();
  const cells: CellKind[] = [...room.cells];
  cells[6] = 'wall';
  cells[12] = 'wall';
  cells[18] = 'hole';
  cells[8] = 'reward';
  return { ...room, cells };
}

/** The state of a fresh lab. */
export const INITIAL_LAB: LabState = {
  open: false,
  env: { id: 'frozenlake', slippery: true, custom: startingCustomGrid() },
  picture: null,
  gridError: null,
  loadError: null,
  algo: 'value-iteration',
  params: {},
  training: IDLE_JOB,
  curve: [],
  frame: null,
  agentFrom: null,
  rollout: IDLE_JOB,
};

/** The lab's one store (framework-free; React reads it through `useLab`). */
export const lab = createStore<LabState>(() => INITIAL_LAB);
