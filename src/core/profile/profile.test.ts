import { describe, expect, it } from 'vitest';
import { csv, sample } from '../testing/tables';
import { histogramSorted, quantileSorted, summarizeNumbers } from './stats';
import { profileTable } from './profile';

describe('numeric statistics', () => {
  it('match hand-worked values (pandas conventions: sample std, linear quartiles)', () => {
    const s = summarizeNumbers(Float64Array.from([4, 1, NaN, 3, 2]));
    expect(s.count).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect([s.min, s.q1, s.median, s.q3, s.max]).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(quantileSorted([10], 0.5)).toBe(10);
  });

  it('bins a histogram with every value counted once', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i);
    const h = histogramSorted(sorted);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(h.edges.length).toBe(h.counts.length + 1);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[h.edges.length - 1]).toBe(99);
    expect(histogramSorted(Float64Array.of(5, 5, 5))).toEqual({ edges: [5, 5], counts: [3] });
  });
});

describe('profileTable', () => {
  it('profiles penguins as pandas describes it', () => {
    const p = profileTable(sample('penguins.csv'));
    expect(p.rows).toBe(344);
    const bill = p.columns.find((c) => c.name === 'bill_length_mm')!;
    // pandas: df.bill_length_mm.describe()
    expect(bill.type).toBe('numeric');
    expect(bill.missing).toBe(2);
    expect(bill.mean).toBeCloseTo(43.92193, 4);
    expect(bill.std).toBeCloseTo(5.459584, 5);
    expect([bill.min, bill.q1, bill.median, bill.q3, bill.max]).toEqual([32.1, 39.225, 44.45, 48.5, 59.6]);
    const sex = p.columns.find((c) => c.name === 'sex')!;
    expect(sex.type).toBe('categorical');
    expect(sex.missing).toBe(11);
    expect(sex.top).toEqual([
      { value: 'male', count: 168 },
      { value: 'female', count: 165 },
    ]);
  });

  it('flags identifiers, constants, empty and heavily missing columns, and class imbalance', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},k${i},same,${i % 2 ? 'NA' : i},,${i < 18 ? 'no' : 'yes'}`);
    const table = csv(`id,code,const,half,empty,label\n${rows.join('\n')}\n`);
    const p = profileTable(table, { target: 'label' });
    expect(p.columns.map((c) => c.type)).toEqual(['id', 'id', 'categorical', 'numeric', 'numeric', 'boolean']);
    const codes = p.warnings.map((w) => `${w.code}:${w.column}`);
    expect(codes).toEqual(['id-like:id', 'id-like:code', 'constant:const', 'heavy-missing:half', 'all-missing:empty', 'class-imbalance:label']);
    expect(p.warnings.at(-1)?.message).toMatch(/class "true" has 2 rows against 18 for "false"/);
  });
});
