import { getNiceTickValues } from 'recharts';
// Not in recharts' public API (nor typed): the reference for the fixed-domain ticks its number axes use.
// @ts-expect-error recharts ships no declarations for its lib/ files
import { getTickValuesFixedDomain } from 'recharts/lib/util/scale/getNiceTickValues';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/util/rng';
import { fixedAxisTicks, niceAxisTicks } from './axisTicks';

describe('niceAxisTicks', () => {
  it('covers a loss axis from zero with five round ticks, as recharts drew it', () => {
    // Worked by hand: step (0.41 − 0) / 4 = 0.1025 rounds up to 0.15 (a multiple of 0.05); 3 steps cover 0.41, a fifth tick is added on top.
    expect(niceAxisTicks(0, 0.41)).toEqual([0, 0.15, 0.3, 0.45, 0.6]);
    expect(niceAxisTicks(0, 0.66)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceAxisTicks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('agrees with recharts on random domains', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const scale = 10 ** (rng.int(9) - 4);
      const a = Number((rng.normal() * scale).toPrecision(1 + rng.int(6)));
      const b = i % 3 === 0 ? 0 : Number((rng.normal() * scale).toPrecision(1 + rng.int(6)));
      const decimals = i % 5 !== 0;
      expect(niceAxisTicks(Math.min(a, b), Math.max(a, b), 5, decimals), `[${a}, ${b}]`).toEqual(getNiceTickValues([Math.min(a, b), Math.max(a, b)], 5, decimals));
    }
  });
});

describe('fixedAxisTicks', () => {
  it('steps from the first epoch to the last in whole numbers', () => {
    expect(fixedAxisTicks(1, 100, 5, false)).toEqual([1, 26, 51, 76, 100]);
    expect(fixedAxisTicks(1, 68, 5, false)).toEqual([1, 21, 41, 61, 68]);
    expect(fixedAxisTicks(1, 17, 5, false)).toEqual([1, 5, 9, 13, 17]);
    expect(fixedAxisTicks(3, 3, 5, false)).toEqual([3]);
  });

  it('agrees with recharts on random domains', () => {
    const rng = createRng(11);
    for (let i = 0; i < 2000; i++) {
      const decimals = i % 2 === 0;
      const lo = decimals ? Number((rng.normal() * 10 ** (rng.int(6) - 3)).toPrecision(1 + rng.int(5))) : 1 + rng.int(50);
      // Both ends as a chart's data gives them (a loss, an epoch), not sums with binary noise, on which decimal.js and doubles round apart.
      const hi = decimals ? Number((lo + rng.next() * 10 ** (rng.int(6) - 2)).toPrecision(1 + rng.int(5))) : lo + rng.int(5000);
      expect(fixedAxisTicks(lo, hi, 5, decimals), `[${lo}, ${hi}]`).toEqual(getTickValuesFixedDomain([lo, hi], 5, decimals));
    }
  });
});
