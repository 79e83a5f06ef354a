import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundSignificant } from './significant';

describe('roundSignificant', () => {
  it('equals Number(x.toPrecision(d)) on any double and on float32 probabilities', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 15 }), (x, d) => Object.is(roundSignificant(x, d), Number(x.toPrecision(d))) || (x === 0 && roundSignificant(x, d) === 0)),
      { numRuns: 10_000 },
    );
    const f32 = new Float32Array(1);
    for (let i = 0; i < 50_000; i++) {
      f32[0] = Math.random() ** (1 + (i % 7));
      for (const d of [6, 7]) expect(roundSignificant(f32[0], d)).toBe(Number(f32[0].toPrecision(d)));
    }
  });

  it('keeps ties, powers of ten and non-finite values as toPrecision does', () => {
    const cases = [76.47205, 0.002750665, 81.07475, 0.5, 0.125, 1.0000005, 0.99999949999, 0.9999995, 999999.5, 1e-7, 123456.5, 2.5e-10, 1e21, 1e300, -0.0000123456789, Infinity, -Infinity];
    for (const x of cases) for (const d of [1, 3, 6, 7]) expect(roundSignificant(x, d)).toBe(Number(x.toPrecision(d)));
    expect(roundSignificant(NaN, 6)).toBeNaN();
    expect(roundSignificant(0.000123456789, 6)).toBe(0.000123457);
  });
});
