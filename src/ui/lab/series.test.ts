import { describe, expect, it } from 'vitest';
import { movingAverage, smoothingWindow, thinnedIndices } from './series';

describe('movingAverage', () => {
  it('averages the trailing window, and what there is before the window fills', () => {
    expect(movingAverage([1, 2, 3, 4, 5], 3)).toEqual([1, 1.5, 2, 3, 4]);
  });
  it('is the series itself with a window of 1 and empty for no points', () => {
    expect(movingAverage([4, -2, 7], 1)).toEqual([4, -2, 7]);
    expect(movingAverage([], 10)).toEqual([]);
  });
  it('keeps its running sum exact over a long series of 0/1 rewards', () => {
    const wins = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const avg = movingAverage(wins, 100);
    expect(avg[999]).toBeCloseTo(0.25, 12);
  });
});

describe('smoothingWindow and thinnedIndices', () => {
  it('smooths over about a twentieth of the run, within 5 and 100', () => {
    expect(smoothingWindow(10)).toBe(5);
    expect(smoothingWindow(1000)).toBe(50);
    expect(smoothingWindow(100000)).toBe(100);
  });
  it('keeps every point of a short run and thins a long one, keeping the last', () => {
    expect(thinnedIndices(5, 400)).toEqual([0, 1, 2, 3, 4]);
    const t = thinnedIndices(1001, 400);
    expect(t.length).toBeLessThanOrEqual(402);
    expect(t[t.length - 1]).toBe(1000);
    expect(thinnedIndices(0)).toEqual([]);
  });
});
