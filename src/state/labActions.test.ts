import { describe, expect, it } from 'vitest';
import type { CustomGridSpec } from '../core/rl/types';
import { defaultCustomGrid } from '../core/rl/worlds';
import { cycleCell, resizeGrid, setCell } from './labActions';

const grid: CustomGridSpec = defaultCustomGrid();

describe('editing the hand-drawn grid', () => {
  it('cycles a cell free → wall → pit → reward → goal → start, and a new start frees the old one', () => {
    let g = grid;
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      g = cycleCell(g, 7);
      seen.push(g.cells[7]);
    }
    expect(seen).toEqual(['wall', 'hole', 'reward', 'goal', 'start']);
    expect(g.cells[0]).toBe('free');
    expect(g.cells.filter((c) => c === 'start')).toHaveLength(1);
  });

  it('sets a kind directly without touching the input', () => {
    const g = setCell(grid, 3, 'wall');
    expect(g.cells[3]).toBe('wall');
    expect(grid.cells[3]).toBe('free');
  });

  it('resizes keeping the cells that fit, and puts back a lost goal', () => {
    const small = resizeGrid(grid, 3, 3);
    expect(small.cells).toHaveLength(9);
    expect(small.cells[0]).toBe('start');
    expect(small.cells[8]).toBe('goal');
    const big = resizeGrid(setCell(grid, 6, 'wall'), 6, 6);
    expect(big.cells[7]).toBe('wall'); // row 1, column 1 stays where it was
    expect(big.cells.filter((c) => c === 'goal')).toHaveLength(1);
  });
});
