import { describe, expect, it } from 'vitest';
import { type BinStrategy, binEdges } from './binEdges';
import { SKLEARN } from './numericFeatures.reference';

// References: scripts/numeric-features-sklearn-reference.py (KBinsDiscretizer.bin_edges_ and its ordinal codes).
describe('bin edges as KBinsDiscretizer', () => {
  for (const [key, ref] of Object.entries(SKLEARN.bins)) {
    const [strategy, bins, name] = key.split('-') as [BinStrategy, string, keyof typeof SKLEARN.data];
    it(`${strategy}, ${bins} bins, ${name}`, () => {
      const edges = binEdges(Float64Array.from(SKLEARN.data[name]), Number(bins), strategy);
      expect(edges.length).toBe(ref.edges.length);
      edges.forEach((e, k) => expect(Math.abs(e - ref.edges[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(e))));
    });
  }
});
