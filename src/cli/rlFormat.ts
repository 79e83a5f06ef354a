import type { EpisodeLog, GridWorld, PolicyEvaluation } from '../core/rl/types';
import { num, table } from './format';

/** What `sapling rl` prints: the learning curve by tenths, the greedy policy as arrows, the values, the evaluation. */

const ARROWS: Readonly<Record<string, string>> = { left: '←', down: '↓', right: '→', up: '↑' };
const CELL_LETTERS: Readonly<Record<string, string>> = { hole: 'H', goal: 'G', wall: '#', cliff: 'C' };
/** Width of the curve's bar column. */
const BAR = 20;

/** The learning curve as a table: one row per tenth of the episodes (mean return and steps, ε), with a bar of the mean return. */
export function formatCurve(curve: readonly EpisodeLog[]): string {
  const parts = Math.min(10, curve.length);
  const rows: { range: string; ret: number; steps: number; eps: string }[] = [];
  for (let i = 0; i < parts; i++) {
    const slice = curve.slice(Math.floor((i * curve.length) / parts), Math.floor(((i + 1) * curve.length) / parts));
    const mean = (f: (l: EpisodeLog) => number) => slice.reduce((s, l) => s + f(l), 0) / slice.length;
    rows.push({
      range: `${slice[0].episode}–${slice[slice.length - 1].episode}`,
      ret: mean((l) => l.return),
      steps: mean((l) => l.steps),
      eps: `${num(Number(slice[0].epsilon.toFixed(3)))}→${num(Number(slice[slice.length - 1].epsilon.toFixed(3)))}`,
    });
  }
  const lo = Math.min(0, ...rows.map((r) => r.ret));
  const hi = Math.max(...rows.map((r) => r.ret));
  const bar = (v: number) => '█'.repeat(hi > lo ? Math.round((BAR * (v - lo)) / (hi - lo)) : 0);
  return table([['episodes', 'mean return', 'mean steps', 'ε', ''], ...rows.map((r) => [r.range, num(r.ret), num(r.steps), r.eps, bar(r.ret)])]);
}

/** The greedy policy drawn on the grid: an arrow per cell, S at the start, letters for holes, cliff, walls and goals. */
export function formatPolicy(world: GridWorld, policy: readonly number[]): string {
  const lines: string[] = [];
  for (let r = 0; r < world.rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < world.cols; c++) {
      const s = r * world.cols + c;
      const letter = CELL_LETTERS[world.cells[s]];
      cells.push(letter ?? `${ARROWS[world.actionNames[policy[s]]] ?? policy[s]}`);
    }
    lines.push(`  ${cells.join(' ')}`);
  }
  return lines.join('\n');
}

/** Each state's value on the grid (3 decimals), terminal and wall cells as their letter. */
export function formatValues(world: GridWorld, values: readonly number[]): string {
  const rows: string[][] = [];
  for (let r = 0; r < world.rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < world.cols; c++) {
      const s = r * world.cols + c;
      row.push(world.terminal[s] || world.cells[s] === 'wall' || world.cells[s] === 'cliff' ? (CELL_LETTERS[world.cells[s]] ?? '') : values[s].toFixed(3));
    }
    rows.push(row);
  }
  const width = Math.max(...rows.flat().map((v) => v.length));
  return rows.map((row) => `  ${row.map((v) => v.padStart(width)).join(' ')}`).join('\n');
}

/** One line: the greedy evaluation. */
export function formatEvaluation(e: PolicyEvaluation): string {
  return `greedy policy over ${e.episodes.toLocaleString('en-US')} episodes: mean return ${num(e.mean_return)}, success rate ${(100 * e.success_rate).toFixed(1)}%`;
}
