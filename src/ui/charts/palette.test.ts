import { describe, expect, it } from 'vitest';
import { GROUP_COLOURS, contrast, shareShade, textOn } from './palette';

describe('colours that can be read', () => {
  it('computes WCAG contrast ratios (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#2f8f5b', '#ffffff')).toBeCloseTo(4.03, 1);
  });

  it('shades a share like hsla over white: none is white, all is the full colour at 85 %', () => {
    expect(shareShade(152, 60, 0)).toBe('#ffffff');
    // hsl(152, 60%, 45%) is #2eb872; 85 % of it over white.
    expect(shareShade(152, 60, 1)).toBe('#4dc28c');
  });

  it('picks the text colour that passes 4.5:1 on every confusion-matrix shade', () => {
    // The diagonal (green) and the mistakes (red, a little lighter so the text always reads on it).
    for (const [hue, saturation, lightness] of [[152, 60, 45], [8, 70, 55]]) {
      for (let share = 0; share <= 1; share += 0.01) {
        const bg = shareShade(hue, saturation, share, lightness);
        expect(contrast(textOn(bg), bg), `hue ${hue} at ${share}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('starts the group colours with the studio green', () => {
    expect(GROUP_COLOURS[0]).toBe('#247a4c');
  });
});
