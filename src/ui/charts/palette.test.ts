import { describe, expect, it } from 'vitest';
import { contrast, inkOn } from './diverging';
import { GROUP_COLOURS, shareShade } from './palette';

describe('confusion-matrix shades', () => {
  it('shade a share like hsla over white: none is white, all is the full colour at 85 %', () => {
    expect(shareShade(152, 60, 0)).toBe('#ffffff');
    // hsl(152, 60%, 45%) is #2eb872; 85 % of it over white (the browser drew #4dc38b for the hsla).
    expect(shareShade(152, 60, 1)).toBe('#4dc28c');
  });

  it('carry text that passes 4.5:1 at every share (white on the diagonal was 2.17:1)', () => {
    expect(contrast('#ffffff', shareShade(152, 60, 1))).toBeLessThan(4.5);
    for (const [hue, saturation] of [[152, 60], [8, 70]]) {
      for (let share = 0; share <= 1; share += 0.01) {
        const bg = shareShade(hue, saturation, share);
        expect(contrast(inkOn(bg), bg), `hue ${hue} at ${share}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('start the group colours with the studio green, which carries white at 4.5:1', () => {
    expect(GROUP_COLOURS[0]).toBe('#247a4c');
    expect(contrast('#ffffff', GROUP_COLOURS[0])).toBeGreaterThanOrEqual(4.5);
  });
});
