import { describe, expect, it } from 'vitest';
import { contrast } from '../charts/diverging';
import { NO_VALUE_FILL, valueColour, valueFill, valueRange } from './labColours';

describe('the grid value scale', () => {
  it('puts the lowest value at the light end, the highest at the dark end, and halfway between their mix', () => {
    expect(valueColour(0, 0, 1)).toBe('#f7fcf5');
    expect(valueColour(1, 0, 1)).toBe('#006d2c');
    // Halfway on seven stops is the fourth stop exactly.
    expect(valueColour(-50, -100, 0)).toBe('#a1d99b');
  });

  it('clamps outside the range, greys NaN, and uses the middle when every value is equal', () => {
    expect(valueColour(5, 0, 1)).toBe('#006d2c');
    expect(valueColour(-5, 0, 1)).toBe('#f7fcf5');
    expect(valueColour(Number.NaN, 0, 1)).toBe(NO_VALUE_FILL);
    expect(valueColour(3, 3, 3)).toBe('#a1d99b');
  });

  it('gives every shade an ink of at least 4.5:1 contrast', () => {
    for (let v = 0; v <= 1; v += 0.05) {
      const { fill, ink } = valueFill(v, 0, 1);
      expect(contrast(fill, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('finds the finite range of a grid’s values', () => {
    expect(valueRange([0.2, Number.NaN, -1, 0.5])).toEqual({ min: -1, max: 0.5 });
    expect(valueRange([])).toEqual({ min: 0, max: 0 });
  });
});
