/** Summary statistics over the present (non-NaN) values of a numeric array. */
export interface NumericSummary {
  readonly count: number;
  readonly unique: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator), as pandas' `describe` reports it. */
  readonly std: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  /** Sorted present values, kept for the histogram. */
  readonly sorted: Float64Array;
}

/** The present values of `values`, sorted ascending. */
export function sortedPresent(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[j++] = values[i];
  return out.sort();
}

/** The q-quantile of sorted values, with linear interpolation (numpy's and pandas' default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Mean, sample std, quartiles, extremes and distinct count of the present values. */
export function summarizeNumbers(values: Float64Array): NumericSummary {
  const sorted = sortedPresent(values);
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  let unique = n ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) unique++;
  return {
    count: n,
    unique,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : NaN,
    min: n ? sorted[0] : NaN,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: n ? sorted[n - 1] : NaN,
    sorted,
  };
}

/** Equal-width bins: `edges` has one more entry than `counts`; the last bin includes its right edge. */
export interface Histogram {
  readonly edges: number[];
  readonly counts: number[];
}

/** Equal-width histogram of sorted values, with Sturges' bin count (at most `maxBins`). */
export function histogramSorted(sorted: Float64Array, maxBins = 30): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [] };
  const min = sorted[0];
  const max = sorted[n - 1];
  if (min === max) return { edges: [min, max], counts: [n] };
  const bins = Math.max(1, Math.min(maxBins, Math.ceil(Math.log2(n) + 1)));
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor((sorted[i] - min) / width));
    counts[b]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  return { edges, counts };
}

/** Occurrences of each code (−1 = missing is skipped) of a dictionary-coded column. */
export function countCodes(codes: Int32Array, categoryCount: number): Int32Array {
  const counts = new Int32Array(categoryCount);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  return counts;
}
