import { describe, expect, it } from 'vitest';
import { coveringTicks, niceTicks } from './ticks';

describe('niceTicks', () => {
  it('gives round steps inside the range', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-2.3, 3.1, 6)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(niceTicks(0.012, 0.049, 4)).toEqual([0.02, 0.03, 0.04]);
  });

  it('gives one tick for an empty range', () => {
    expect(niceTicks(4, 4)).toEqual([4]);
  });
});

describe('coveringTicks', () => {
  it('encloses the range with round ticks', () => {
    expect(coveringTicks(0.27, 0.402)).toEqual([0.25, 0.3, 0.35, 0.4, 0.45]);
    expect(coveringTicks(0, 2320)).toEqual([0, 1000, 2000, 3000]);
  });
});
