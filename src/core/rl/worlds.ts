import { SaplingError } from '../util/errors';
import { buildGridWorld, cellsFromMap } from './grid';
import type { CustomGridSpec, GridEnvId, GridWorld } from './types';

/**
 * The grid worlds, with Gymnasium's dynamics exactly (gymnasium/envs/toy_text/frozen_lake.py and
 * cliffwalking.py), and the editable custom grid.
 */

/** Gymnasium's default FrozenLake maps (MAPS["4x4"], MAPS["8x8"]). */
export const FROZEN_LAKE_MAPS: Readonly<Record<'4x4' | '8x8', readonly string[]>> = {
  '4x4': ['SFFF', 'FHFH', 'FFFH', 'HFFG'],
  '8x8': ['SFFFFFFF', 'FFFFFFFF', 'FFFHFFFF', 'FFFFFHFF', 'FFFHFFFF', 'FHHFFFHF', 'FHFFHFHF', 'FFFHFFFG'],
};

/** FrozenLake's (and the custom grid's) actions: 0 left, 1 down, 2 right, 3 up, in rotation order for the slip. */
const LAKE_MOVES: readonly (readonly [number, number])[] = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
];
const LAKE_ACTIONS = ['left', 'down', 'right', 'up'];

/** CliffWalking's actions: 0 up, 1 right, 2 down, 3 left. */
const CLIFF_MOVES: readonly (readonly [number, number])[] = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];
const CLIFF_ACTIONS = ['up', 'right', 'down', 'left'];

/**
 * CliffWalking has no TimeLimit in Gymnasium; Sapling cuts an episode off after this many steps so
 * that a greedy policy walking in circles (early in learning) ends.
 */
export const CLIFF_MAX_STEPS = 1000;

/** FrozenLake 4×4 or 8×8 (Gymnasium's default maps), slippery or not: reward 1 at the goal, holes end the episode. */
export function frozenLake(size: '4x4' | '8x8', slippery: boolean): GridWorld {
  const map = FROZEN_LAKE_MAPS[size];
  const cells = cellsFromMap(map);
  return buildGridWorld({
    id: size === '4x4' ? 'frozenlake' : 'frozenlake8',
    rows: map.length,
    cols: map[0].length,
    cells,
    moves: LAKE_MOVES,
    actionNames: LAKE_ACTIONS,
    slippery,
    // Gymnasium registers FrozenLake-v1 with max_episode_steps 100 and FrozenLake8x8-v1 with 200.
    maxSteps: size === '4x4' ? 100 : 200,
    enter: (_from, to) => ({ next: to, reward: cells[to] === 'goal' ? 1 : 0, done: cells[to] === 'goal' || cells[to] === 'hole' }),
  });
}

/**
 * CliffWalking 4×12: −1 per step; stepping into the cliff costs −100 and sends the agent back to
 * the start WITHOUT ending the episode (Gymnasium ≥ 0.26; older versions ended it); the goal ends it.
 */
export function cliffWalking(): GridWorld {
  const cells = cellsFromMap(['FFFFFFFFFFFF', 'FFFFFFFFFFFF', 'FFFFFFFFFFFF', 'SCCCCCCCCCCG']);
  const start = cells.indexOf('start');
  return buildGridWorld({
    id: 'cliff',
    rows: 4,
    cols: 12,
    cells,
    moves: CLIFF_MOVES,
    actionNames: CLIFF_ACTIONS,
    slippery: false,
    maxSteps: CLIFF_MAX_STEPS,
    enter: (_from, to) => (cells[to] === 'cliff' ? { next: start, reward: -100, done: false } : { next: to, reward: -1, done: cells[to] === 'goal' }),
  });
}

/** The custom grid's defaults: an empty 5×5 room, start top left, goal bottom right. */
export function defaultCustomGrid(): CustomGridSpec {
  const cells = Array.from({ length: 25 }, () => 'free' as const) as CustomGridSpec['cells'][number][];
  cells[0] = 'start';
  cells[24] = 'goal';
  return { rows: 5, cols: 5, cells, stepCost: 0.01, goalReward: 1, pitReward: -1, cellReward: 0.5, slippery: false, maxSteps: 100 };
}

/** The most cells a custom grid may have (it is drawn and solved on a school laptop). */
export const MAX_CUSTOM_CELLS = 400;

/**
 * An editable grid (FrozenLake's moves and slip): walls block, a pit ends the episode with
 * `pitReward`, the goal ends it with `goalReward`, a reward cell pays `cellReward` each time it is
 * entered, and every step costs `stepCost`.
 */
export function customGrid(spec: CustomGridSpec): GridWorld {
  const { rows, cols, cells } = spec;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows * cols > MAX_CUSTOM_CELLS) {
    throw new SaplingError('bad-grid', `a custom grid is 1 to ${MAX_CUSTOM_CELLS} cells, got ${rows}×${cols}`);
  }
  if (cells.length !== rows * cols) throw new SaplingError('bad-grid', `a ${rows}×${cols} grid has ${rows * cols} cells, got ${cells.length}`);
  if (cells.filter((c) => c === 'start').length !== 1) throw new SaplingError('bad-grid', 'a custom grid needs exactly one start cell');
  if (!cells.includes('goal')) throw new SaplingError('bad-grid', 'a custom grid needs a goal cell');
  if (cells.includes('cliff')) throw new SaplingError('bad-grid', 'a custom grid uses "hole" for pits, not "cliff"');
  return buildGridWorld({
    id: 'custom',
    rows,
    cols,
    cells,
    moves: LAKE_MOVES,
    actionNames: LAKE_ACTIONS,
    slippery: spec.slippery,
    maxSteps: spec.maxSteps,
    enter: (_from, to) => {
      const kind = cells[to];
      const paid = kind === 'goal' ? spec.goalReward : kind === 'hole' ? spec.pitReward : kind === 'reward' ? spec.cellReward : 0;
      return { next: to, reward: paid - spec.stepCost, done: kind === 'goal' || kind === 'hole' };
    },
  });
}

/** The grid worlds by id (custom needs its spec). */
export function makeGridWorld(id: GridEnvId, options: { readonly slippery?: boolean; readonly grid?: CustomGridSpec } = {}): GridWorld {
  switch (id) {
    case 'frozenlake':
      return frozenLake('4x4', options.slippery ?? true);
    case 'frozenlake8':
      return frozenLake('8x8', options.slippery ?? true);
    case 'cliff':
      return cliffWalking();
    case 'custom':
      return customGrid(options.grid ?? defaultCustomGrid());
  }
}
