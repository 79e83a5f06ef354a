import { describe, expect, it } from 'vitest';
import { isMissingToken, parseBoolean, parseDate, parseIsoDate, parseNumber } from './cells';
import { inferKind } from './infer';

describe('cells', () => {
  it('recognises the missing markers in any case and with spaces', () => {
    for (const m of ['', ' ', 'NA', 'na', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', '?', ' NA ']) expect(isMissingToken(m), m).toBe(true);
    for (const v of ['0', 'none', 'NAN!', '??', 'nil', 'Nab']) expect(isMissingToken(v), v).toBe(false);
  });

  it('reads integers, decimals, exponents, leading + and .5, and nothing else', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber('-3.25')).toBe(-3.25);
    expect(parseNumber('+7')).toBe(7);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('5.')).toBe(5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('2.5E-2')).toBe(0.025);
    expect(parseNumber(' 8 ')).toBe(8);
    for (const bad of ['abc', '1,5', '0x1F', '1e', '--1', 'Infinity', '']) expect(parseNumber(bad), bad).toBeNaN();
  });

  it('reads booleans and ISO dates (as UTC, offsets applied, impossible dates rejected)', () => {
    expect([parseBoolean('TRUE'), parseBoolean('no'), parseBoolean('maybe')]).toEqual([1, 0, -1]);
    expect(parseIsoDate('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseIsoDate('2024-03-01 12:30')).toBe(Date.UTC(2024, 2, 1, 12, 30));
    expect(parseIsoDate('2024-03-01T12:30:15.250Z')).toBe(Date.UTC(2024, 2, 1, 12, 30, 15, 250));
    expect(parseIsoDate('2024-03-01T12:00:00+02:00')).toBe(Date.UTC(2024, 2, 1, 10));
    expect(parseIsoDate('2023-02-30')).toBeNaN();
    expect(parseIsoDate('2023-13-01')).toBeNaN();
    expect(parseIsoDate('01/02/2023')).toBeNaN();
  });

  it('infers the kind a person would give a column', () => {
    expect(inferKind(['1', '2.5', 'NA', '']).kind).toBe('numeric');
    expect(inferKind(['yes', 'No', 'NA']).kind).toBe('boolean');
    expect(inferKind(['2024-01-01', '2024-02-01'])).toEqual({ kind: 'datetime', dateOrder: 'iso', ambiguousDates: false });
    expect(inferKind(['red', 'green', 'red', '1']).kind).toBe('categorical');
    expect(inferKind(['NA', '', '?']).kind).toBe('numeric');
    const sentences = Array.from({ length: 20 }, (_, i) => `this is a fairly long free-text comment number ${i}`);
    expect(inferKind(sentences).kind).toBe('text');
  });

  it('reads day/month and month/day dates, and says when the order is ambiguous', () => {
    expect(inferKind(['31/01/2024', '01/02/2024'])).toEqual({ kind: 'datetime', dateOrder: 'dmy', ambiguousDates: false });
    expect(inferKind(['01/31/2024', '02/01/2024'])).toEqual({ kind: 'datetime', dateOrder: 'mdy', ambiguousDates: false });
    expect(inferKind(['01.02.2024', '03.04.2024'])).toEqual({ kind: 'datetime', dateOrder: 'dmy', ambiguousDates: true });
    expect(inferKind(['2024/01/31 08:30'])).toEqual({ kind: 'datetime', dateOrder: 'ymd', ambiguousDates: false });
    expect(inferKind(['31/01/2024', '01/31/2024']).kind).toBe('categorical');
    expect(parseDate('31/01/2024', 'dmy')).toBe(Date.UTC(2024, 0, 31));
    expect(parseDate('01/31/2024 13:05:09', 'mdy')).toBe(Date.UTC(2024, 0, 31, 13, 5, 9));
    expect(parseDate('31/02/2024', 'dmy')).toBeNaN();
  });
});
