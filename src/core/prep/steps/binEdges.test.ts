import { describe, expect, it } from 'vitest';
import { createTable } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { numeric } from '../../testing/tables';
import { type BinStrategy, binEdges } from './binEdges';
import { binsTransform } from './bins.transform';
import { SKLEARN } from './numericFeatures.reference';

// References: scripts/numeric-features-sklearn-reference.py (KBinsDiscretizer.bin_edges_ and its ordinal codes).
describe('bins as KBinsDiscretizer', () => {
  for (const [key, ref] of Object.entries(SKLEARN.bins)) {
    const [strategy, bins, name] = key.split('-') as [BinStrategy, string, keyof typeof SKLEARN.data];
    it(`${strategy}, ${bins} bins, ${name}`, () => {
      const edges = binEdges(Float64Array.from(SKLEARN.data[name]), Number(bins), strategy);
      expect(edges.length).toBe(ref.edges.length);
      edges.forEach((e, k) => expect(Math.abs(e - ref.edges[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(e))));
      const state = { encode: 'ordinal' as const, columns: { [name]: { cuts: Array.from(edges.slice(1, -1)) } } };
      const codes = (values: number[]) => Array.from((binsTransform.transform(createTable([numeric(name, values)]), state).columns[0] as NumericColumn).values);
      expect(codes(SKLEARN.data[name])).toEqual(ref.train);
      expect(codes(SKLEARN.new[name])).toEqual(ref.new);
    });
  }
});

describe('bins replay', () => {
  const table = createTable([numeric('income', [5, NaN, 20, 100]), numeric('other', [1, 2, 3, 4])]);

  it('replaces the column in place with one indicator per bin, missing in all of them', () => {
    const out = binsTransform.transform(table, { encode: 'onehot', columns: { income: { cuts: [10, 50] } } });
    expect(out.columns.map((c) => c.name)).toEqual(['income|bin=0', 'income|bin=1', 'income|bin=2', 'other']);
    expect(out.columns.slice(0, 3).map((c) => Array.from((c as NumericColumn).values))).toEqual([
      [1, NaN, 0, 0],
      [0, NaN, 1, 0],
      [0, NaN, 0, 1],
    ]);
  });

  it('gives a constant column one bin, and skips a fitted column that is absent', () => {
    const out = binsTransform.transform(table, { encode: 'ordinal', columns: { income: { cuts: [] }, gone: { cuts: [1] } } });
    expect(out.columns.map((c) => c.name)).toEqual(['income|bin', 'other']);
    expect(Array.from((out.columns[0] as NumericColumn).values)).toEqual([0, NaN, 0, 0]);
  });

  it('checks fitted state from a file', () => {
    expect(() => binsTransform.checkState(null, 's')).toThrow(/s: expected an object/);
    expect(() => binsTransform.checkState({ encode: 'onehot', columns: { a: { cuts: [2, 1] } } }, 's')).toThrow(/s.columns\["a"\].cuts\[1\]: is not above/);
    expect(() => binsTransform.checkState({ encode: 'both', columns: {} }, 's')).toThrow(/s.encode/);
    binsTransform.checkState({ encode: 'ordinal', columns: { a: { cuts: [1, 2] } } }, 's');
  });
});
