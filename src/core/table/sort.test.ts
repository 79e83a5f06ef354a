import { describe, expect, it } from 'vitest';
import { categorical, numeric } from '../testing/tables';
import { sortRows } from './sort';

describe('sortRows', () => {
  it('sorts numbers either way with missing values last and ties in file order', () => {
    const c = numeric('x', [3, NaN, 1, 3, 2]);
    expect(Array.from(sortRows(c, false))).toEqual([2, 4, 0, 3, 1]);
    expect(Array.from(sortRows(c, true))).toEqual([0, 3, 4, 2, 1]);
  });

  it('sorts categories by label, not by code', () => {
    const c = categorical('c', ['pear', null, 'apple', 'fig', 'apple']);
    expect(Array.from(sortRows(c, false))).toEqual([2, 4, 3, 0, 1]);
    expect(Array.from(sortRows(c, true))).toEqual([0, 3, 2, 4, 1]);
  });
});
