// STAND-IN for monitor/sketch.ts (branch wt-stats) until it lands: the signatures of MONITOR_API.md
// with simple implementations, so the engine can be written and tested now. Replaced on merge.
import { ksAsymptoticPValue as kolmogorovP } from './stats';
import type { CategoricalSketch, NumericSketch } from './types';

/** Quantile-binned sketch of numbers (NaN = missing). */
export function numericSketch(values: ArrayLike<number>, bins = 64): NumericSketch {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(values[i]);
  const missing = values.length - present.length;
  const n = present.length;
  if (n === 0) return { kind: 'numeric', count: 0, missing, min: 0, max: 0, mean: 0, std: 0, edges: [], counts: [] };
  const sorted = Float64Array.from(present).sort();
  const { mean, std } = moments(sorted);
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) {
    const v = sorted[Math.round((b / bins) * (n - 1))];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  if (edges.length === 1) edges.push(edges[0]);
  return { kind: 'numeric', count: n, missing, min: sorted[0], max: sorted[n - 1], mean, std, edges, counts: countOn(edges, sorted).counts };
}

function moments(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / values.length) };
}

function countOn(edges: readonly number[], sorted: ArrayLike<number>): { counts: number[]; below: number; above: number } {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  let below = 0;
  let above = 0;
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (v < edges[0]) below++;
    else if (v > edges[edges.length - 1]) above++;
    else {
      while (bin < counts.length - 1 && v > edges[bin + 1]) bin++;
      counts[bin]++;
    }
  }
  return { counts, below, above };
}

/** Current values on the reference's edges, with `below` / `above` for values outside them. */
export function numericSketchOn(reference: NumericSketch, values: ArrayLike<number>): NumericSketch {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(values[i]);
  const sorted = Float64Array.from(present).sort();
  const n = sorted.length;
  const { mean, std } = n ? moments(sorted) : { mean: 0, std: 0 };
  const { counts, below, above } = countOn(reference.edges, sorted);
  return { kind: 'numeric', count: n, missing: values.length - n, min: n ? sorted[0] : 0, max: n ? sorted[n - 1] : 0, mean, std, edges: reference.edges, counts, below, above };
}

/** Category counts, the rarest beyond `keep` folded into `other`. */
export function categoricalSketch(values: readonly (string | null)[], keep = 50): CategoricalSketch {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const categories: Record<string, number> = Object.create(null) as Record<string, number>;
  let other = 0;
  sorted.forEach(([k, c], i) => {
    if (i < keep) categories[k] = c;
    else other += c;
  });
  return { kind: 'categorical', count: values.length - missing, missing, categories, other };
}

/** Aligned counts of the reference's categories and the current values (incl. "other" and unseen ones). */
export function categoricalCountsOn(reference: CategoricalSketch, values: readonly (string | null)[]): { categories: string[]; reference: number[]; current: number[] } {
  const names = Object.keys(reference.categories);
  const index = new Map(names.map((c, i) => [c, i]));
  const current = new Array<number>(names.length).fill(0);
  const unseen = new Map<string, number>();
  let other = 0;
  for (const v of values) {
    if (v === null) continue;
    const i = index.get(v);
    if (i !== undefined) current[i]++;
    else if (reference.other > 0) other++;
    else unseen.set(v, (unseen.get(v) ?? 0) + 1);
  }
  const categories = [...names];
  const ref = names.map((c) => reference.categories[c]);
  if (reference.other > 0 || other > 0) {
    categories.push('other');
    ref.push(reference.other);
    current.push(other);
  }
  for (const [c, n] of unseen) {
    categories.push(c);
    ref.push(0);
    current.push(n);
  }
  return { categories, reference: ref, current };
}

/** The reference sketch's CDF at x, linear between its edges. */
function sketchCdf(reference: NumericSketch, x: number): number {
  const { edges, counts, count } = reference;
  if (x < edges[0]) return 0;
  if (x >= edges[edges.length - 1]) return 1;
  let cum = 0;
  for (let i = 0; i < counts.length; i++) {
    if (x < edges[i + 1]) {
      const span = edges[i + 1] - edges[i];
      return (cum + (span > 0 ? ((x - edges[i]) / span) * counts[i] : counts[i])) / count;
    }
    cum += counts[i];
  }
  return 1;
}

/** KS of current values against a reference sketch (piecewise-linear CDF). */
export function ks2sampSketch(reference: NumericSketch, current: ArrayLike<number>): { statistic: number; pValue: number } {
  const y = Float64Array.from(Array.from(current).filter((v) => !Number.isNaN(v))).sort();
  const m = y.length;
  let d = 0;
  for (let j = 0; j < m; j++) {
    const f = sketchCdf(reference, y[j]);
    d = Math.max(d, Math.abs(f - (j + 1) / m), Math.abs(f - j / m));
  }
  for (const e of reference.edges) {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (y[mid] <= e) lo = mid + 1;
      else hi = mid;
    }
    d = Math.max(d, Math.abs(sketchCdf(reference, e) - lo / m));
  }
  return { statistic: d, pValue: kolmogorovP(d, reference.count, m) };
}

/** The reference sketch's quantile at u (linear between its edges). */
function sketchQuantileOf(reference: NumericSketch, u: number): number {
  const target = u * reference.count;
  let cum = 0;
  const { edges, counts } = reference;
  for (let i = 0; i < counts.length; i++) {
    if (cum + counts[i] >= target && counts[i] > 0) return edges[i] + ((target - cum) / counts[i]) * (edges[i + 1] - edges[i]);
    cum += counts[i];
  }
  return edges[edges.length - 1];
}

/** Wasserstein distance of current values from a reference sketch (quantile-function integral). */
export function wassersteinSketch(reference: NumericSketch, current: ArrayLike<number>): number {
  const y = Float64Array.from(Array.from(current).filter((v) => !Number.isNaN(v))).sort();
  const steps = 20_000;
  let total = 0;
  for (let s = 0; s < steps; s++) {
    const u = (s + 0.5) / steps;
    total += Math.abs(sketchQuantileOf(reference, u) - y[Math.min(y.length - 1, Math.floor(u * y.length))]);
  }
  return total / steps;
}
