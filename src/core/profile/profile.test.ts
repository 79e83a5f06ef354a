import { describe, expect, it, vi } from 'vitest';
import { csv, sample } from '../testing/tables';
import { distinctCount, histogramOf, quantilesInPlace, summarizeNumbers } from './numeric';
import { profileTable, profileTableWith } from './profile';

describe('numeric statistics', () => {
  it('match hand-worked values (pandas conventions: sample std, linear quartiles)', async () => {
    const s = summarizeNumbers(Float64Array.from([4, 1, NaN, 3, 2, 0]));
    expect(s.count).toBe(5);
    expect(s.mean).toBe(2);
    expect(s.std).toBeCloseTo(Math.sqrt(2.5), 12);
    expect([s.min, s.q1, s.median, s.q3, s.max]).toEqual([0, 1, 2, 3, 4]);
    expect(s.zeros).toBe(1);
    expect(s.skew).toBeCloseTo(0, 12);
    // pandas: pd.Series([1, 2, 3, 10]).skew() = 1.763632614803888; outliers by Tukey's fences: none here.
    expect(summarizeNumbers(Float64Array.of(1, 2, 3, 10)).skew).toBeCloseTo(1.763632614803888, 12);
    expect(summarizeNumbers(Float64Array.of(1, 2, 2, 3, 3, 3, 4, 100)).outliers).toBe(1);
    expect(quantilesInPlace(Float64Array.of(10), [0.5])).toEqual([10]);
  });

  it('bins a histogram with every value counted once', async () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => 99 - i);
    const h = histogramOf(sorted, 0, 99);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(h.edges.length).toBe(h.counts.length + 1);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[h.edges.length - 1]).toBe(99);
    expect(histogramOf(Float64Array.of(5, 5, 5), 5, 5)).toEqual({ edges: [5, 5], counts: [3] });
  });

  it('selects quartiles like numpy, also with heavy ties and in any order (property)', () => {
    const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let t = 0; t < 50; t++) {
      const r = rng(t + 1);
      const n = 1 + Math.floor(r() * 300);
      const data = Float64Array.from({ length: n }, () => Math.floor(r() * (t % 5 === 0 ? 3 : 1000)));
      const sorted = Float64Array.from(data).sort();
      const at = (q: number) => {
        const pos = (n - 1) * q;
        const lo = Math.floor(pos);
        return sorted[lo] + (sorted[Math.min(lo + 1, n - 1)] - sorted[lo]) * (pos - lo);
      };
      expect(quantilesInPlace(Float64Array.from(data), [0.25, 0.5, 0.75])).toEqual([at(0.25), at(0.5), at(0.75)]);
    }
  });

  it('counts distinct values exactly up to 65,536 and estimates within 2% beyond', () => {
    expect(distinctCount(Float64Array.of(0, -0, 1, 1, 2.5))).toEqual({ unique: 3, approx: false });
    const many = Float64Array.from({ length: 300_000 }, (_, i) => i * 0.5);
    const d = distinctCount(many);
    expect(d.approx).toBe(true);
    expect(Math.abs(d.unique - 300_000) / 300_000).toBeLessThan(0.02);
  });
});

describe('profileTable', () => {
  it('profiles penguins as pandas describes it', async () => {
    const p = profileTable(await sample('penguins.csv'));
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

  it('calls a column of nearly all-distinct codes an identifier even with a few duplicated rows', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `K${i},${i % 3}`);
    const p = profileTable(await csv(`key,v\n${[...rows, ...rows.slice(0, 3)].join('\n')}\n`));
    expect(p.columns[0].type).toBe('id');
    expect(p.warnings.map((w) => w.code)).toEqual(['id-like', 'duplicate-rows']);
  });

  it('flags identifiers, constants, empty and heavily missing columns, and class imbalance', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},k${i},same,${i % 2 ? 'NA' : i},,${i < 18 ? 'no' : 'yes'}`);
    const table = await csv(`id,code,const,half,empty,label\n${rows.join('\n')}\n`);
    const p = profileTable(table, { target: 'label' });
    expect(p.columns.map((c) => c.type)).toEqual(['id', 'id', 'categorical', 'numeric', 'numeric', 'boolean']);
    const codes = p.warnings.map((w) => `${w.code}:${w.column}`);
    expect(codes).toEqual(['id-like:id', 'id-like:code', 'constant:const', 'heavy-missing:half', 'all-missing:empty', 'class-imbalance:label']);
    expect(p.warnings.at(-1)?.message).toMatch(/class "yes" has 2 rows against 18 for "no"/);
  });
});

describe('profiling without shared memory', () => {
  it('works where SharedArrayBuffer is not defined (a page without cross-origin isolation)', async () => {
    const penguins = await sample('penguins.csv');
    // Any host with workers: the columns are not shared, so it profiles here and never calls it.
    const host = { workers: 2, run: () => Promise.reject(new Error('must not be called')) };
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      const profile = await profileTableWith(penguins, {}, host);
      expect(profile).toEqual(profileTable(penguins));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
