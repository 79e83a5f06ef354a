import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { bandOf, drawFromSketch, equalChunks, periodChunks, periodStart } from './chunks';
import { numericSketch } from './sketch';

const dates = (isoDays: (string | null)[]) => ({ kind: 'datetime' as const, name: 'day', values: Float64Array.from(isoDays, (d) => (d === null ? NaN : Date.parse(`${d}T12:30:00Z`))) });

describe('chunks', () => {
  it('splits rows into N equal chunks in row order', () => {
    const chunks = equalChunks(10, 3);
    expect(chunks.map((c) => c.key)).toEqual(['1', '2', '3']);
    expect(chunks.map((c) => Array.from(c.rows))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]);
    expect(() => equalChunks(2, 3)).toThrow(/3 chunks asked of 2 rows/);
    expect(() => equalChunks(10, 0)).toThrow(/at least 1/);
  });

  it('puts rows in their weeks (Monday first), keyed by the Monday as an ISO date; rows without a date in none', () => {
    // 2026-03-01 is a Sunday, 03-02 a Monday, 03-08 a Sunday, 03-09 a Monday.
    const column = dates(['2026-03-09', '2026-03-01', '2026-03-02', null, '2026-03-08', '2026-03-15', '2026-03-16']);
    const weeks = periodChunks(column, 'week');
    expect(weeks.map((c) => [c.key, Array.from(c.rows)])).toEqual([
      ['2026-02-23', [1]],
      ['2026-03-02', [2, 4]],
      ['2026-03-09', [0, 5]],
      ['2026-03-16', [6]],
    ]);
    expect(periodChunks(column, 'month').map((c) => [c.key, c.rows.length])).toEqual([['2026-03-01', 6]]);
    expect(periodChunks(column, 'day').map((c) => c.key)).toEqual(['2026-03-01', '2026-03-02', '2026-03-08', '2026-03-09', '2026-03-15', '2026-03-16']);
    expect(new Date(periodStart(Date.parse('2024-02-29T23:59:59Z'), 'month')).toISOString()).toBe('2024-02-01T00:00:00.000Z');
  });

  it('refuses to chunk by a column that holds no dates', () => {
    expect(() => periodChunks({ kind: 'numeric', name: 'n', values: Float64Array.from([1]) }, 'week')).toThrow(/column "n" holds numeric values, not dates/);
  });

  it('draws a band of mean ± 3σ (population σ), σ scaled', () => {
    // mean 2, population σ sqrt(2/3).
    const band = bandOf([1, 2, 3])!;
    expect(band.lower).toBeCloseTo(2 - 3 * Math.sqrt(2 / 3), 12);
    expect(band.upper).toBeCloseTo(2 + 3 * Math.sqrt(2 / 3), 12);
    expect(bandOf([1, 2, 3], 0.5)!.upper).toBeCloseTo(2 + 1.5 * Math.sqrt(2 / 3), 12);
    expect(bandOf([1])).toBeNull();
  });

  it('draws synthetic rows from a sketch with its distribution and missing share', () => {
    const rng = createRng(3);
    const values = Float64Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? NaN : rng.normal() * 2 + 5));
    const drawn = drawFromSketch(numericSketch(values), 20_000, createRng(4));
    if (drawn.kind !== 'numeric') throw new Error('numeric expected');
    const present = drawn.values.filter((v) => !Number.isNaN(v));
    expect(1 - present.length / 20_000).toBeCloseTo(0.1, 1);
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    expect(mean).toBeCloseTo(5, 1);
  });
});
