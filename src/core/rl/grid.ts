import { SaplingError } from '../util/errors';
import type { Rng } from '../util/rng';
import type { CellKind, GridWorld, Transition } from './types';

/**
 * The machinery shared by every grid world: a table of Gymnasium-style transitions P[s][a] built
 * once from the cells and a rule for what entering a cell does, and sampling a step from it.
 */

/** What entering a cell gives: the state one lands in, the reward and whether the episode ends. */
export type Outcome = { readonly next: number; readonly reward: number; readonly done: boolean };

/** How a grid world is described to `buildGridWorld`. */
export interface GridDescription {
  readonly id: string;
  readonly rows: number;
  readonly cols: number;
  readonly cells: readonly CellKind[];
  /** Per action: the [row, col] step (Gymnasium's numbering for the world). */
  readonly moves: readonly (readonly [number, number])[];
  readonly actionNames: readonly string[];
  /** FrozenLake's slip: action a becomes (a−1) mod 4, a, (a+1) mod 4 with 1/3 each (the moves must be in rotation order). */
  readonly slippery: boolean;
  readonly maxSteps: number;
  /** What moving from `from` into cell `to` (clamped to the grid, walls already applied) gives. */
  readonly enter: (from: number, to: number) => Outcome;
}

/** Builds a grid world's transition table (Gymnasium's `P`) from its description. */
export function buildGridWorld(d: GridDescription): GridWorld {
  const nStates = d.rows * d.cols;
  const nActions = d.moves.length;
  const start = d.cells.indexOf('start');
  if (start < 0) throw new SaplingError('bad-grid', `grid "${d.id}" has no start cell`);
  const terminal = d.cells.map((c) => c === 'goal' || c === 'hole');
  const table: Transition[][][] = [];
  for (let s = 0; s < nStates; s++) {
    const row: Transition[][] = [];
    for (let a = 0; a < nActions; a++) {
      // Gymnasium: in a hole or at the goal every action stays put with reward 0 and done.
      if (terminal[s] || d.cells[s] === 'wall') {
        row.push([{ p: 1, next: s, reward: 0, done: true }]);
        continue;
      }
      const intended = d.slippery ? [(a + nActions - 1) % nActions, a, (a + 1) % nActions] : [a];
      row.push(intended.map((b) => ({ p: 1 / intended.length, ...d.enter(s, moveTo(d, s, b)) })));
    }
    table.push(row);
  }
  return {
    id: d.id,
    rows: d.rows,
    cols: d.cols,
    nStates,
    nActions,
    actionNames: d.actionNames,
    cells: d.cells,
    start,
    maxSteps: d.maxSteps,
    terminal,
    slippery: d.slippery,
    transitions: (state, action) => table[state][action],
  };
}

/** The cell a move from `s` leads to: clamped at the edges, and staying put in front of a wall. */
function moveTo(d: GridDescription, s: number, action: number): number {
  const [dr, dc] = d.moves[action];
  const r = Math.min(d.rows - 1, Math.max(0, Math.floor(s / d.cols) + dr));
  const c = Math.min(d.cols - 1, Math.max(0, (s % d.cols) + dc));
  const to = r * d.cols + c;
  return d.cells[to] === 'wall' ? s : to;
}

/**
 * Samples one step of `env` from `state` with `action`, as Gymnasium's categorical_sample does
 * (the first outcome whose cumulative probability exceeds a uniform draw).
 */
export function sampleStep(env: GridWorld, state: number, action: number, rng: Rng): Transition {
  const outcomes = env.transitions(state, action);
  if (outcomes.length === 1) return outcomes[0];
  const u = rng.next();
  let cumulative = 0;
  for (const o of outcomes) {
    cumulative += o.p;
    if (cumulative > u) return o;
  }
  return outcomes[outcomes.length - 1];
}

/** Parses a map in Gymnasium's letters (S start, F free, H hole, G goal; plus W wall, C cliff, R reward) into cells. */
export function cellsFromMap(map: readonly string[]): CellKind[] {
  const kinds: Readonly<Record<string, CellKind>> = { S: 'start', F: 'free', H: 'hole', G: 'goal', W: 'wall', C: 'cliff', R: 'reward' };
  return map.flatMap((line) =>
    [...line].map((letter) => {
      const kind = kinds[letter];
      if (!kind) throw new SaplingError('bad-grid', `unknown map letter "${letter}" (known: ${Object.keys(kinds).join(', ')})`);
      return kind;
    }),
  );
}
