// A stand-in for monitor/sketch.ts (branch wt-stats) until it lands: the same two signatures
// (MONITOR_API.md), so that reference.ts can be written and tested now. Removed when sketch.ts
// arrives; nothing else may import it.
import type { CategoricalSketch, NumericSketch } from './types';

/** Quantile-binned sketch of numbers (NaN = missing), as sketch.ts's `numericSketch`. */
export function numericSketch(values: ArrayLike<number>, bins = 64): NumericSketch {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(values[i]);
  const missing = values.length - present.length;
  const n = present.length;
  if (n === 0) return { kind: 'numeric', count: 0, missing, min: 0, max: 0, mean: 0, std: 0, edges: [], counts: [] };
  const sorted = Float64Array.from(present).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) {
    const v = sorted[Math.round((b / bins) * (n - 1))];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  if (edges.length === 1) edges.push(edges[0]);
  const counts = new Array<number>(edges.length - 1).fill(0);
  let bin = 0;
  for (const v of sorted) {
    while (bin < counts.length - 1 && v > edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return { kind: 'numeric', count: n, missing, min: sorted[0], max: sorted[n - 1], mean, std: Math.sqrt(ss / n), edges, counts };
}

/** Category counts, the rarest beyond `keep` folded into `other`, as sketch.ts's `categoricalSketch`. */
export function categoricalSketch(values: readonly (string | null)[], keep = 50): CategoricalSketch {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const categories = Object.create(null) as Record<string, number>;
  let other = 0;
  ranked.forEach(([c, k], i) => {
    if (i < keep) categories[c] = k;
    else other += k;
  });
  return { kind: 'categorical', count: values.length - missing, missing, categories, other };
}
