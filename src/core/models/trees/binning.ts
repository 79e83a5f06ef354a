import { KernelArena, aligned, kernelsAvailable } from '../../kernels/kernels';

/**
 * Features cut into at most 255 ordered bins, once, as in LightGBM and scikit-learn's
 * HistGradientBoosting: split finding then works on small histograms instead of sorted values. A
 * feature with at most `maxBins` distinct values gets one bin per value, with edges halfway
 * between neighbours, which are exactly CART's thresholds; others get quantile edges. Missing
 * values (NaN) get a bin of their own, MISSING_BIN, routed to whichever side a split prefers.
 */

/** The bin of missing values. */
export const MISSING_BIN = 255;

/** Binned training features. */
export interface BinnedFeatures {
  readonly n: number;
  readonly d: number;
  /** Bin per value, feature-major: bins[f * n + i] (partitioning reads one feature's bins). */
  readonly bins: Uint8Array;
  /** The same bins row-major: rowBins[i * d + f] (histograms read all of a row's bins at once). */
  readonly rowBins: Uint8Array;
  /** Per feature, the upper edge of each bin but the last (length nBins − 1): value ≤ edges[b] ⇒ bin ≤ b. */
  readonly edges: Float64Array[];
  /** Per feature with one bin per distinct value, those values (bin order); null for quantile bins. */
  readonly values: (Float64Array | null)[];
  readonly nBins: Int32Array;
}

/** Bins the columns of a row-major matrix (with the `sortColumn` and `binColumn` kernels where they run). */
export function binFeatures(X: Float32Array, n: number, d: number, maxBins = 255): BinnedFeatures {
  return n > 0 && d > 0 && kernelsAvailable() ? binWithKernels(X, n, d, maxBins) : binInJavaScript(X, n, d, maxBins);
}

/** `binFeatures` where WebAssembly is missing: the same bins. */
export function binInJavaScript(X: Float32Array, n: number, d: number, maxBins = 255): BinnedFeatures {
  const limit = Math.min(maxBins, MISSING_BIN);
  const bins = new Uint8Array(n * d);
  const rowBins = new Uint8Array(n * d);
  const edges: Float64Array[] = [];
  const values: (Float64Array | null)[] = [];
  const nBins = new Int32Array(d);
  const column = new Float32Array(n);
  const sorter = new RadixSorter(n);
  // The edges padded with +∞ to SEARCH_SIZE, for a search of a fixed number of steps.
  const padded = new Float64Array(SEARCH_SIZE);
  for (let f = 0; f < d; f++) {
    let present = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i * d + f];
      if (v === v) column[present++] = v;
    }
    // The sorted values give the edges; each value's bin is then found by a search of the edges
    // (eight steps without branches), written in both layouts at once.
    const sorted = sorter.sort(column, present);
    const { edges: e, values: v } = featureEdges(sorted, limit);
    edges.push(e);
    values.push(v);
    nBins[f] = e.length + 1;
    padded.fill(Infinity);
    padded.set(e);
    const out = f * n;
    for (let i = 0, at = f; i < n; i++, at += d) {
      const value = X[at];
      let bin = MISSING_BIN;
      if (value === value) {
        // The number of edges below the value: the first bin whose upper edge it does not exceed.
        bin = 0;
        for (let step = SEARCH_SIZE >> 1; step > 0; step >>= 1) bin += (padded[bin + step - 1] < value ? 1 : 0) * step;
      }
      bins[out + i] = bin;
      rowBins[at] = bin;
    }
  }
  return { n, d, bins, rowBins, edges, values, nBins };
}

/** `binFeatures` by the kernels, in a WebAssembly memory of its own for the length of the call. */
function binWithKernels(X: Float32Array, n: number, d: number, maxBins: number): BinnedFeatures {
  const limit = Math.min(maxBins, MISSING_BIN);
  const arena = new KernelArena(aligned(n * d * 4) + 3 * aligned(n * 4) + aligned(2048 * 4) + aligned(SEARCH_SIZE * 8) + 2 * aligned(n * d), false);
  const at = { X: arena.alloc(n * d * 4), keys: arena.alloc(n * 4), tmp: arena.alloc(n * 4), counts: arena.alloc(2048 * 4), sorted: arena.alloc(n * 4), edges: arena.alloc(SEARCH_SIZE * 8), bins: arena.alloc(n * d), rowBins: arena.alloc(n * d) };
  const buffer = arena.memory.buffer;
  new Float32Array(buffer, at.X, n * d).set(X);
  const padded = new Float64Array(buffer, at.edges, SEARCH_SIZE);
  const edges: Float64Array[] = [];
  const values: (Float64Array | null)[] = [];
  const nBins = new Int32Array(d);
  for (let f = 0; f < d; f++) {
    const present = arena.kernels.sortColumn(at.X, n, d, f, at.keys, at.tmp, at.counts, at.sorted);
    const { edges: e, values: v } = featureEdges(new Float32Array(buffer, at.sorted, present), limit);
    edges.push(e);
    values.push(v);
    nBins[f] = e.length + 1;
    padded.fill(Infinity);
    padded.set(e);
    arena.kernels.binColumn(at.X, n, d, f, at.edges, at.bins, at.rowBins);
  }
  return { n, d, bins: new Uint8Array(buffer, at.bins, n * d).slice(), rowBins: new Uint8Array(buffer, at.rowBins, n * d).slice(), edges, values, nBins };
}

/** A power of two above the most edges a feature has (MISSING_BIN − 1). */
const SEARCH_SIZE = 256;

/**
 * Sorts float32 values by their bits, least significant digit first (three passes of 11 bits):
 * several times the speed of a comparison sort at these sizes. Reuses its buffers across features.
 */
class RadixSorter {
  private readonly keys: Uint32Array;
  private readonly keysTmp: Uint32Array;
  private readonly counts = new Int32Array(2048);

  constructor(n: number) {
    this.keys = new Uint32Array(n);
    this.keysTmp = new Uint32Array(n);
  }

  /** Values 0 … m − 1 of `values` (no NaN) in ascending order, as float32. */
  sort(values: Float32Array, m: number): Float32Array {
    const asBits = new Uint32Array(values.buffer, values.byteOffset, values.length);
    let keys = this.keys;
    let keysTmp = this.keysTmp;
    // Unsigned order of these keys is the order of the floats: flip all bits of negatives, the sign of positives.
    for (let i = 0; i < m; i++) {
      const b = asBits[i];
      keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    }
    const { counts } = this;
    for (let shift = 0; shift < 32; shift += 11) {
      counts.fill(0);
      for (let i = 0; i < m; i++) counts[(keys[i] >>> shift) & 2047]++;
      let sum = 0;
      for (let b = 0; b < 2048; b++) {
        const c = counts[b];
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < m; i++) {
        const k = keys[i];
        keysTmp[counts[(k >>> shift) & 2047]++] = k;
      }
      [keys, keysTmp] = [keysTmp, keys];
    }
    // Back from keys to floats.
    const sorted = new Float32Array(m);
    const sortedBits = new Uint32Array(sorted.buffer);
    for (let i = 0; i < m; i++) {
      const k = keys[i];
      sortedBits[i] = k & 0x80000000 ? k & 0x7fffffff : ~k >>> 0;
    }
    return sorted;
  }
}

/**
 * Edges between distinct values (≤ limit of them, which are returned too), else at quantiles of the
 * distinct values' mass.
 */
function featureEdges(sorted: Float32Array, limit: number): { edges: Float64Array; values: Float64Array | null } {
  const m = sorted.length;
  // Few distinct values (counted up to limit + 1, no further): one bin each, edges halfway between.
  let nDistinct = 0;
  for (let i = 0; i < m && nDistinct <= limit; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) nDistinct++;
  if (nDistinct <= limit) {
    const distinct = new Float64Array(nDistinct);
    for (let i = 0, k = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct[k++] = sorted[i];
    if (nDistinct <= 1) return { edges: new Float64Array(0), values: distinct };
    return { edges: Float64Array.from({ length: nDistinct - 1 }, (_, k) => (distinct[k] + distinct[k + 1]) / 2), values: distinct };
  }
  // Quantile edges: walk the runs of equal values, cutting after a run once another 1/limit of the
  // rows has been seen (never after the last run), halfway to the next run's value. One pass, with
  // no copy of the distinct values (this runs for every feature of every boosting fit).
  const edges = new Float64Array(limit - 1);
  let count = 0;
  const per = m / limit;
  let next = per;
  for (let i = 0; i < m && count < limit - 1; ) {
    const v = sorted[i];
    let j = i + 1;
    while (j < m && sorted[j] === v) j++;
    if (j === m) break;
    if (j >= next) {
      edges[count++] = (v + sorted[j]) / 2;
      while (next <= j) next += per;
    }
    i = j;
  }
  return { edges: edges.slice(0, count), values: null };
}

/** The bin of a present value: the first edge it does not exceed (binary search). */
export function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
