import { describe, expect, it } from 'vitest';
import { contrast, divergingColour, inkOn, NO_VALUE_COLOUR } from './diverging';

describe('divergingColour', () => {
  it('runs from blue at −1 through white at 0 to orange at +1', () => {
    expect(divergingColour(-1)).toBe('#2166ac');
    expect(divergingColour(0)).toBe('#ffffff');
    expect(divergingColour(1)).toBe('#d9822b');
    expect(divergingColour(0.5)).toBe('#ecc195');
    expect(divergingColour(-3)).toBe('#2166ac');
    expect(divergingColour(Number.NaN)).toBe(NO_VALUE_COLOUR);
  });
});

describe('inkOn', () => {
  it('keeps printed values readable (4.5:1) at both ends of the scale and everywhere between', () => {
    expect(inkOn(divergingColour(-1))).toBe('#ffffff');
    expect(inkOn(divergingColour(1))).toBe('#000000');
    expect(inkOn(divergingColour(0))).toBe('#000000');
    for (let v = -1; v <= 1.0001; v += 0.01) {
      const background = divergingColour(v);
      expect(contrast(inkOn(background), background), `${v.toFixed(2)} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#2f8f5b')).toBeCloseTo(4.04, 2);
  });
});
