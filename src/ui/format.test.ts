import { describe, expect, it } from 'vitest';
import { fmt, fmtCorrelation, fmtStat } from './format';

describe('fmtStat', () => {
  it('prints a figure that is rounding next to its column as 0 (the mean of a centred column)', () => {
    // scikit-learn's diabetes table: columns within ±0.2, means of about 1e-18.
    expect(fmtStat(-1.44e-18, 0.19)).toBe('0');
    expect(fmtStat(3.2e-17, 0.05)).toBe('0');
    expect(fmtStat(-1.25e-16, 0.2035)).toBe('0');
    expect(fmtStat(0, 5)).toBe('0');
    expect(fmtStat(-0, 5)).toBe('0');
  });

  it('keeps a small figure that is real for its column', () => {
    expect(fmtStat(0.0012, 0.19)).toBe('0.0012');
    expect(fmtStat(3e-7, 1e-6)).toBe('3e-7');
    expect(fmtStat(-2.5e-6)).toBe('-2.5e-6');
    expect(fmtStat(1.5e-12)).toBe('1.5e-12');
  });

  it('prints statistics to three significant figures', () => {
    expect(fmtStat(0.05312, 1)).toBe('0.0531');
    expect(fmtStat(0.3149, 1)).toBe('0.315');
    expect(fmtStat(0.08192, 0.2)).toBe('0.0819');
    expect(fmtStat(-0.004287, 0.2)).toBe('-0.00429');
    expect(fmtStat(43.92193, 59.6)).toBe('43.9');
    expect(fmtStat(5.459584, 59.6)).toBe('5.46');
    expect(fmtStat(2.5, 4)).toBe('2.5');
    expect(fmtStat(1, 4)).toBe('1');
  });

  it('never rounds away whole digits', () => {
    expect(fmtStat(2008.029, 2009)).toBe('2008');
    expect(fmtStat(4201.754, 6300)).toBe('4202');
    expect(fmtStat(123.456)).toBe('123');
    expect(fmtStat(-99.95)).toBe('-100');
    expect(fmtStat(1234567.8)).toBe('1,234,568');
  });

  it('uses powers of ten only for enormous figures, and says when there is none', () => {
    expect(fmtStat(2.31e16)).toBe('2.31e+16');
    expect(fmtStat(Infinity)).toBe('∞');
    expect(fmtStat(-Infinity)).toBe('−∞');
    expect(fmtStat(undefined)).toBe('—');
    expect(fmtStat(Number.NaN, 1)).toBe('—');
  });
});

describe('fmt', () => {
  it('keeps four significant figures and writes powers of ten without trailing zeros', () => {
    expect(fmt(0.05312)).toBe('0.05312');
    expect(fmt(1234.567)).toBe('1235');
    expect(fmt(0.0001)).toBe('1e-4');
    expect(fmt(-0.00012345)).toBe('-1.23e-4');
    expect(fmt(-1.44e-18)).toBe('-1.44e-18');
    expect(fmt(12345678.9)).toBe('1.23e+7');
    expect(fmt(-0)).toBe('0');
    expect(fmt(1_500_000)).toBe('1,500,000');
  });
});

describe('fmtCorrelation', () => {
  it('prints two decimals with a true minus sign, and nothing for no value', () => {
    expect(fmtCorrelation(0.96287)).toBe('0.96');
    expect(fmtCorrelation(-0.42844)).toBe('−0.43');
    expect(fmtCorrelation(1)).toBe('1.00');
    expect(fmtCorrelation(-0.001)).toBe('0.00');
    expect(fmtCorrelation(Number.NaN)).toBe('');
  });
});
