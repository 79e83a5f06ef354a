import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissingBytes, parseNumberBytes } from './fields';

const enc = new TextEncoder();
const num = (s: string, decimal = 46) => {
  const b = enc.encode(s);
  return parseNumberBytes(b, 0, b.length, decimal);
};

describe('parseNumberBytes', () => {
  it('reads what Number() reads, for every double printed by JavaScript (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Object.is(num(String(v)), v) || (v === 0 && num(String(v)) === 0)).toBe(true);
        expect(num(v.toFixed(4))).toBe(Number(v.toFixed(4)));
        expect(num(v.toExponential(6))).toBe(Number(v.toExponential(6)));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads signs, padding, .5, 5., exponents and decimal commas; rejects the rest', () => {
    expect(num('  -12.5 ')).toBe(-12.5);
    expect(num('+7')).toBe(7);
    expect(num('.5')).toBe(0.5);
    expect(num('5.')).toBe(5);
    expect(num('1E3')).toBe(1000);
    expect(num('2.5e-2')).toBe(0.025);
    expect(num('3,14', 44)).toBe(3.14);
    expect(num('12345678901234567890')).toBe(Number('12345678901234567890'));
    expect(num('0.1000000000000000055511151231257827')).toBe(Number('0.1000000000000000055511151231257827'));
    for (const bad of ['', '-', '.', 'e5', '1e', '1,5', '0x1F', '1.2.3', 'NaN', 'Infinity', '12a']) expect(num(bad), bad).toBeNaN();
  });

  it('knows the missing markers from bytes', () => {
    for (const m of ['', ' ', 'NA', 'na', 'N/A', 'nan', 'NULL', '?', ' NA ']) expect(isMissingBytes(enc.encode(m), 0, enc.encode(m).length), m).toBe(true);
    for (const v of ['0', 'none', 'nab', 'NAN!']) expect(isMissingBytes(enc.encode(v), 0, enc.encode(v).length), v).toBe(false);
  });
});
