import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { sampleStep } from './grid';
import { cliffWalking, customGrid, defaultCustomGrid, frozenLake } from './worlds';

// Expected transitions are worked by hand from Gymnasium's frozen_lake.py and cliffwalking.py.
describe('FrozenLake', () => {
  const lake = frozenLake('4x4', true);

  it('has Gymnasium default 4×4 map, action names and time limit', () => {
    const letters: Record<string, string> = { start: 'S', free: 'F', hole: 'H', goal: 'G' };
    expect(lake.cells.map((c) => letters[c]).join('')).toBe('SFFF' + 'FHFH' + 'FFFH' + 'HFFG');
    expect(lake.cells.filter((c) => c === 'hole').length).toBe(4);
    expect(lake.actionNames).toEqual(['left', 'down', 'right', 'up']);
    expect([lake.nStates, lake.nActions, lake.start, lake.maxSteps]).toEqual([16, 4, 0, 100]);
    expect(frozenLake('8x8', true).maxSteps).toBe(200);
  });

  it('slips: LEFT from the start is up, left or down with 1/3 each (in Gymnasium order)', () => {
    expect(lake.transitions(0, 0)).toEqual([
      { p: 1 / 3, next: 0, reward: 0, done: false },
      { p: 1 / 3, next: 0, reward: 0, done: false },
      { p: 1 / 3, next: 4, reward: 0, done: false },
    ]);
  });

  it('pays 1 on entering the goal and ends there; holes end with 0', () => {
    // State 14, RIGHT: down (stays, bottom edge), right (goal), up (10).
    expect(lake.transitions(14, 2)).toEqual([
      { p: 1 / 3, next: 14, reward: 0, done: false },
      { p: 1 / 3, next: 15, reward: 1, done: true },
      { p: 1 / 3, next: 10, reward: 0, done: false },
    ]);
    // State 4, RIGHT: the intended move enters the hole at 5.
    expect(lake.transitions(4, 2)[1]).toEqual({ p: 1 / 3, next: 5, reward: 0, done: true });
    expect(lake.transitions(5, 1)).toEqual([{ p: 1, next: 5, reward: 0, done: true }]);
    expect(lake.terminal.filter(Boolean).length).toBe(5);
  });

  it('does not slip when not slippery', () => {
    expect(frozenLake('4x4', false).transitions(0, 1)).toEqual([{ p: 1, next: 4, reward: 0, done: false }]);
  });

  it('samples slips with their probabilities', () => {
    const rng = createRng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 30000; i++) {
      const t = sampleStep(lake, 6, 1, rng); // DOWN from 6: right (7, hole), down (10), left (5, hole)
      counts.set(t.next, (counts.get(t.next) ?? 0) + 1);
    }
    for (const next of [5, 7, 10]) expect(Math.abs((counts.get(next) ?? 0) / 30000 - 1 / 3)).toBeLessThan(0.015);
  });
});

describe('CliffWalking', () => {
  const cliff = cliffWalking();

  it('numbers actions 0 up, 1 right, 2 down, 3 left', () => {
    expect(cliff.actionNames).toEqual(['up', 'right', 'down', 'left']);
    expect([cliff.rows, cliff.cols, cliff.start]).toEqual([4, 12, 36]);
  });

  it('sends the agent back to the start with −100 and does NOT end the episode', () => {
    expect(cliff.transitions(36, 1)).toEqual([{ p: 1, next: 36, reward: -100, done: false }]);
    expect(cliff.transitions(30, 2)).toEqual([{ p: 1, next: 36, reward: -100, done: false }]);
  });

  it('costs −1 a step and ends on the goal', () => {
    expect(cliff.transitions(36, 0)).toEqual([{ p: 1, next: 24, reward: -1, done: false }]);
    expect(cliff.transitions(35, 2)).toEqual([{ p: 1, next: 47, reward: -1, done: true }]);
    expect(cliff.transitions(0, 3)).toEqual([{ p: 1, next: 0, reward: -1, done: false }]);
  });
});

describe('custom grid', () => {
  const spec = { ...defaultCustomGrid(), rows: 2, cols: 3, cells: ['start', 'wall', 'goal', 'reward', 'hole', 'free'] as const, stepCost: 0.1 };

  it('walls block, pits and goals end with their rewards, reward cells pay and go on, every step costs', () => {
    const grid = customGrid({ ...spec, cells: [...spec.cells] });
    expect(grid.transitions(0, 2)).toEqual([{ p: 1, next: 0, reward: -0.1, done: false }]); // into the wall
    expect(grid.transitions(0, 1)).toEqual([{ p: 1, next: 3, reward: 0.4, done: false }]); // reward cell 0.5
    expect(grid.transitions(3, 2)).toEqual([{ p: 1, next: 4, reward: -1.1, done: true }]); // pit −1
    expect(grid.transitions(5, 3)).toEqual([{ p: 1, next: 2, reward: 0.9, done: true }]); // goal 1
  });

  it('rejects grids without a start or goal, or of the wrong size', () => {
    expect(() => customGrid({ ...spec, cells: ['free', 'wall', 'goal', 'reward', 'hole', 'free'] })).toThrow(/exactly one start/);
    expect(() => customGrid({ ...spec, cells: ['start', 'wall', 'free', 'reward', 'hole', 'free'] })).toThrow(/needs a goal/);
    expect(() => customGrid({ ...spec, cells: ['start', 'goal'] })).toThrow(/has 6 cells, got 2/);
    expect(() => customGrid({ ...spec, rows: 30, cols: 30 })).toThrow(/1 to 400 cells/);
  });
});
