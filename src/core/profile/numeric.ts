/**
 * One numeric column's summary in a few linear passes, fast enough for millions of rows: exact
 * count, mean, standard deviation, skewness, extremes, zeros and quartiles (by selection, not a full
 * sort), an exact histogram, and the distinct count: exact up to 65,536 distinct values, a
 * HyperLogLog estimate (±1%) beyond, flagged as approximate.
 */

/** Summary statistics over the present (non-NaN) values of a numeric array. */
export interface NumericSummary {
  readonly count: number;
  readonly unique: number;
  /** True when `unique` is an estimate (more than EXACT_DISTINCT distinct values). */
  readonly uniqueApprox: boolean;
  readonly zeros: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator), as pandas' `describe` reports it. */
  readonly std: number;
  /** Sample skewness (adjusted Fisher–Pearson, as pandas' `skew`). */
  readonly skew: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  /** Values outside [q1 − 1.5·IQR, q3 + 1.5·IQR] (Tukey's fences). */
  readonly outliers: number;
  readonly allIntegers: boolean;
  readonly histogram: Histogram;
}

/** Equal-width bins: `edges` has one more entry than `counts`; the last bin includes its right edge. */
export interface Histogram {
  readonly edges: number[];
  readonly counts: number[];
}

/** Distinct values counted exactly up to this many; beyond it, estimated. */
export const EXACT_DISTINCT = 65536;
const MAX_BINS = 30;

/**
 * Summarises the present values of `values`. `scratch`, when at least as long, is used for the
 * working copy instead of a fresh array: profiling many columns then touches new memory once.
 */
export function summarizeNumbers(values: Float64Array, scratch?: Float64Array): NumericSummary {
  // Pass 1: count, sum, extremes, zeros, integrality; present values copied for selection.
  const present = scratch && scratch.length >= values.length ? scratch : new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  let allIntegers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    present[n++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
    else if (allIntegers && v !== Math.floor(v)) allIntegers = false;
  }
  const data = present.subarray(0, n);
  if (n === 0) {
    return { count: 0, unique: 0, uniqueApprox: false, zeros: 0, mean: NaN, std: NaN, skew: NaN, min: NaN, q1: NaN, median: NaN, q3: NaN, max: NaN, outliers: 0, allIntegers: true, histogram: { edges: [], counts: [] } };
  }
  const mean = sum / n;
  // Pass 2: central moments.
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = data[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  const g1 = m2 > 0 ? (m3 / n) / Math.pow(m2 / n, 1.5) : 0;
  const skew = n > 2 ? (Math.sqrt(n * (n - 1)) / (n - 2)) * g1 : NaN;
  const histogram = histogramOf(data, min, max);
  const { unique, approx } = distinctCount(data);
  // Quartiles by selection (linear interpolation, as numpy and pandas).
  const q = quantilesInPlace(data, [0.25, 0.5, 0.75]);
  const iqr = q[2] - q[0];
  const lo = q[0] - 1.5 * iqr;
  const hi = q[2] + 1.5 * iqr;
  let outliers = 0;
  for (let i = 0; i < n; i++) if (data[i] < lo || data[i] > hi) outliers++;
  return { count: n, unique, uniqueApprox: approx, zeros, mean, std, skew, min, q1: q[0], median: q[1], q3: q[2], max, outliers, allIntegers, histogram };
}

/** Equal-width histogram with Sturges' bin count (at most 30). */
export function histogramOf(data: Float64Array, min: number, max: number): Histogram {
  const n = data.length;
  if (n === 0) return { edges: [], counts: [] };
  if (min === max) return { edges: [min, max], counts: [n] };
  const bins = Math.max(1, Math.min(MAX_BINS, Math.ceil(Math.log2(n) + 1)));
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((data[i] - min) / width);
    counts[b >= bins ? bins - 1 : b]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  return { edges, counts };
}

/**
 * Quantiles with linear interpolation between order statistics (numpy's default), found by
 * selection rather than sorting; `data` is reordered. The median is selected first, then the lower
 * quantiles within the lower half and the upper ones within the upper half, so three quartiles
 * cost about two passes.
 */
export function quantilesInPlace(data: Float64Array, qs: readonly number[]): number[] {
  const n = data.length;
  if (n === 0) return qs.map(() => NaN);
  const m = (n - 1) >> 1;
  select(data, m, 0, n - 1);
  return qs.map((q) => {
    const pos = (n - 1) * q;
    const k = Math.floor(pos);
    const a = k === m ? data[m] : k < m ? select(data, k, 0, m - 1) : select(data, k, m + 1, n - 1);
    if (pos === k || k + 1 >= n) return a;
    // The next order statistic is the smallest value right of k within its partition.
    const end = k < m ? m : n - 1;
    let b = Infinity;
    for (let i = k + 1; i <= end; i++) if (data[i] < b) b = data[i];
    return a + (b - a) * (pos - k);
  });
}

/**
 * The k-th smallest of data[left..right] (Wirth's selection: Hoare partitioning around a
 * median-of-three pivot, which also keeps runs of equal values linear); reorders data so that
 * data[left..k-1] ≤ data[k] ≤ data[k+1..right].
 */
function select(data: Float64Array, k: number, left: number, right: number): number {
  while (left < right) {
    const a = data[left];
    const b = data[k];
    const c = data[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    do {
      while (data[i] < pivot) i++;
      while (pivot < data[j]) j--;
      if (i <= j) {
        const t = data[i];
        data[i] = data[j];
        data[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
  return data[k];
}

const HLL_BITS = 14;
const HLL_M = 1 << HLL_BITS;

/** Exact distinct count up to EXACT_DISTINCT values (an open-addressing set), else HyperLogLog. */
export function distinctCount(data: Float64Array): { unique: number; approx: boolean } {
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  // A power of two at least twice the possible distinct count: small columns get small tables.
  let cap = 16;
  while (cap < 2 * Math.min(data.length, EXACT_DISTINCT + 1)) cap *= 2;
  const keysLo = new Uint32Array(cap);
  const keysHi = new Uint32Array(cap);
  const used = new Uint8Array(cap);
  let unique = 0;
  for (let i = 0; i < data.length; i++) {
    // -0 and +0 are one value.
    const zero = data[i] === 0;
    const lo = zero ? 0 : bits[2 * i];
    const hi = zero ? 0 : bits[2 * i + 1];
    let slot = hash32(lo, hi) & (cap - 1);
    while (used[slot] && (keysLo[slot] !== lo || keysHi[slot] !== hi)) slot = (slot + 1) & (cap - 1);
    if (!used[slot]) {
      used[slot] = 1;
      keysLo[slot] = lo;
      keysHi[slot] = hi;
      if (++unique > EXACT_DISTINCT) return { unique: hyperLogLog(data, bits), approx: true };
    }
  }
  return { unique, approx: false };
}

/** HyperLogLog (Flajolet et al. 2007) with 2^14 registers: about 0.8% standard error. */
function hyperLogLog(data: Float64Array, bits: Uint32Array): number {
  const registers = new Uint8Array(HLL_M);
  for (let i = 0; i < data.length; i++) {
    const zero = data[i] === 0;
    const h = hash32(zero ? 0 : bits[2 * i], zero ? 0 : bits[2 * i + 1]);
    const index = h >>> (32 - HLL_BITS);
    const rank = Math.clz32((h << HLL_BITS) | (1 << (HLL_BITS - 1))) + 1;
    if (rank > registers[index]) registers[index] = rank;
  }
  let sum = 0;
  let zeros = 0;
  for (let j = 0; j < HLL_M; j++) {
    sum += 2 ** -registers[j];
    if (registers[j] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / HLL_M);
  const estimate = (alpha * HLL_M * HLL_M) / sum;
  return Math.round(estimate <= 2.5 * HLL_M && zeros > 0 ? HLL_M * Math.log(HLL_M / zeros) : estimate);
}

/** Mixes the two halves of a double's bits into 32 well-spread bits (murmur3's finaliser). */
function hash32(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ hi, 0x27d4eb2d);
  return (h ^ (h >>> 15)) >>> 0;
}
