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

/** Bins the columns of a row-major matrix. */
export function binFeatures(X: Float32Array, n: number, d: number, maxBins = 255): BinnedFeatures {
  const limit = Math.min(maxBins, MISSING_BIN);
  const bins = new Uint8Array(n * d);
  const edges: Float64Array[] = [];
  const values: (Float64Array | null)[] = [];
  const nBins = new Int32Array(d);
  const column = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    let present = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i * d + f];
      if (v === v) column[present++] = v;
    }
    const sorted = column.subarray(0, present).slice().sort();
    const { edges: e, values: v } = featureEdges(sorted, limit);
    edges.push(e);
    values.push(v);
    nBins[f] = e.length + 1;
    const out = bins.subarray(f * n, (f + 1) * n);
    for (let i = 0; i < n; i++) {
      const v = X[i * d + f];
      out[i] = v !== v ? MISSING_BIN : binOf(e, v);
    }
  }
  const rowBins = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) for (let i = 0; i < n; i++) rowBins[i * d + f] = bins[f * n + i];
  return { n, d, bins, rowBins, edges, values, nBins };
}

/**
 * Edges between distinct values (≤ limit of them, which are returned too), else at quantiles of the
 * distinct values' mass.
 */
function featureEdges(sorted: Float64Array, limit: number): { edges: Float64Array; values: Float64Array | null } {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      distinct.push(sorted[i]);
      counts.push(1);
    }
  }
  if (distinct.length <= 1) return { edges: new Float64Array(0), values: Float64Array.from(distinct) };
  if (distinct.length <= limit) {
    return { edges: Float64Array.from({ length: distinct.length - 1 }, (_, k) => (distinct[k] + distinct[k + 1]) / 2), values: Float64Array.from(distinct) };
  }
  // Quantile edges: walk the distinct values, cutting after each 1/limit of the rows.
  const out: number[] = [];
  const per = sorted.length / limit;
  let seen = 0;
  let next = per;
  for (let k = 0; k < distinct.length - 1 && out.length < limit - 1; k++) {
    seen += counts[k];
    if (seen >= next) {
      out.push((distinct[k] + distinct[k + 1]) / 2);
      while (next <= seen) next += per;
    }
  }
  return { edges: Float64Array.from(out), values: null };
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
