import type { Rng } from '../util/rng';
import type { GridWorld } from './types';

/** Q-values closer than this to the best count as tied (float noise between symmetric actions). */
export const TIE_TOLERANCE = 1e-9;

/** The greedy action: the lowest-numbered action whose value is within TIE_TOLERANCE of the best (NumPy's argmax, robust to rounding). */
export function greedyAction(q: ArrayLike<number>): number {
  let best = -Infinity;
  for (let a = 0; a < q.length; a++) if (q[a] > best) best = q[a];
  for (let a = 0; a < q.length; a++) if (q[a] >= best - TIE_TOLERANCE * Math.max(1, Math.abs(best))) return a;
  return 0;
}

/** ε-greedy: a random action with probability ε, otherwise a best action (ties broken at random so untried actions get their turn). */
export function epsilonGreedy(q: ArrayLike<number>, epsilon: number, rng: Rng): number {
  if (rng.next() < epsilon) return rng.int(q.length);
  let best = -Infinity;
  let count = 0;
  let choice = 0;
  for (let a = 0; a < q.length; a++) {
    if (q[a] > best) {
      best = q[a];
      count = 1;
      choice = a;
    } else if (q[a] === best && rng.int(++count) === 0) {
      choice = a; // reservoir sampling over the tied best actions
    }
  }
  return choice;
}

/** A Q-table as nStates rows of nActions values. */
export type QTable = Float64Array[];

/** A zero Q-table for `env`. */
export function zeroQ(env: GridWorld): QTable {
  return Array.from({ length: env.nStates }, () => new Float64Array(env.nActions));
}

/** One-step lookahead: Q[s][a] = Σ p·(r + γ·V[s'] unless done) from the known dynamics. */
export function lookahead(env: GridWorld, values: ArrayLike<number>, gamma: number, s: number, a: number): number {
  let total = 0;
  for (const t of env.transitions(s, a)) total += t.p * (t.reward + (t.done ? 0 : gamma * values[t.next]));
  return total;
}

/** The plain-data parts of a result from a Q-table: Q as arrays, V = max Q (0 at terminal states), the greedy policy. */
export function summariseQ(env: GridWorld, q: QTable): { q: number[][]; values: number[]; policy: number[] } {
  const rows = q.map((row) => Array.from(row));
  const policy = rows.map((row) => greedyAction(row));
  const values = rows.map((row, s) => (env.terminal[s] ? 0 : row[policy[s]]));
  return { q: rows, values, policy };
}
