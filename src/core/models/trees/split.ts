import { type BinnedFeatures, MISSING_BIN } from './binning';

/**
 * Histograms and split finding shared by every tree learner. A node's rows are summarised per
 * feature and bin in C channels (class weights; weight, Σy, Σy²; count, Σgradient, Σhessian), and
 * the best threshold is found in one scan per feature, trying the missing values on each side.
 */

/** Bins per feature in a histogram (the last, 255, holds missing values). */
export const HIST_BINS = 256;

/** How a node's channel sums become a loss to reduce, and its sample count for the size limits. */
export interface Criterion {
  readonly channels: number;
  /** Loss of a node (lower is better); a split gains loss(parent) − loss(left) − loss(right). */
  loss(sums: Float64Array, at: number): number;
  /** Samples (weight) in a node, for `minSamplesLeaf`. */
  count(sums: Float64Array, at: number): number;
}

/** Gini impurity × weight: n − Σ c²/n. */
export function giniCriterion(classes: number): Criterion {
  return {
    channels: classes,
    loss(s, at) {
      let n = 0;
      let sq = 0;
      for (let k = 0; k < classes; k++) {
        n += s[at + k];
        sq += s[at + k] * s[at + k];
      }
      return n > 0 ? n - sq / n : 0;
    },
    count(s, at) {
      let n = 0;
      for (let k = 0; k < classes; k++) n += s[at + k];
      return n;
    },
  };
}

/** Entropy × weight: n log n − Σ c log c (nats). */
export function entropyCriterion(classes: number): Criterion {
  return {
    channels: classes,
    loss(s, at) {
      let n = 0;
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        const c = s[at + k];
        n += c;
        if (c > 0) sum += c * Math.log(c);
      }
      return n > 0 ? n * Math.log(n) - sum : 0;
    },
    count(s, at) {
      let n = 0;
      for (let k = 0; k < classes; k++) n += s[at + k];
      return n;
    },
  };
}

/** Sum of squared errors around the mean, from (w, Σwy, Σwy²). */
export const squaredErrorCriterion: Criterion = {
  channels: 3,
  loss: (s, at) => (s[at] > 0 ? s[at + 2] - (s[at + 1] * s[at + 1]) / s[at] : 0),
  count: (s, at) => s[at],
};

/** Histograms of one node: hist[(f · 256 + bin) · C + c]. */
export function newHistogram(d: number, channels: number): Float64Array {
  return new Float64Array(d * HIST_BINS * channels);
}

/**
 * Fills `hist` for the rows order[start, end) over `features`, one channel per class with
 * weight `w[row]` added to channel `y[row]` (classification).
 */
export function fillClassHistogram(hist: Float64Array, data: BinnedFeatures, features: ArrayLike<number>, order: Int32Array, start: number, end: number, y: Int32Array, w: Float64Array, classes: number): void {
  const { bins, n } = data;
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const base = f * HIST_BINS * classes;
    hist.fill(0, base, base + HIST_BINS * classes);
    const col = f * n;
    for (let i = start; i < end; i++) {
      const r = order[i];
      hist[base + bins[col + r] * classes + y[r]] += w[r];
    }
  }
}

/**
 * Fills `hist` with three channels per row from `stats[row · 3 + c]` (regression, boosting). Rows
 * are the outer loop and read their bins row-major: one scattered read per row instead of one per
 * row and feature (LightGBM's row-wise histogram construction). With every feature wanted, the loop
 * runs over all of a row's bins without an index list.
 */
export function fillHistogram3(hist: Float64Array, data: BinnedFeatures, features: ArrayLike<number>, order: Int32Array, start: number, end: number, stats: Float64Array): void {
  const { rowBins, d } = data;
  const stride = HIST_BINS * 3;
  for (let k = 0; k < features.length; k++) hist.fill(0, features[k] * stride, (features[k] + 1) * stride);
  if (features.length === d) {
    for (let i = start; i < end; i++) {
      const r = order[i];
      const g0 = stats[r * 3];
      const g1 = stats[r * 3 + 1];
      const g2 = stats[r * 3 + 2];
      const row = r * d;
      for (let f = 0, base = 0; f < d; f++, base += stride) {
        const at = base + rowBins[row + f] * 3;
        hist[at] += g0;
        hist[at + 1] += g1;
        hist[at + 2] += g2;
      }
    }
    return;
  }
  const count = features.length;
  for (let i = start; i < end; i++) {
    const r = order[i];
    const g0 = stats[r * 3];
    const g1 = stats[r * 3 + 1];
    const g2 = stats[r * 3 + 2];
    const row = r * d;
    for (let k = 0; k < count; k++) {
      const f = features[k];
      const at = f * stride + rowBins[row + f] * 3;
      hist[at] += g0;
      hist[at + 1] += g1;
      hist[at + 2] += g2;
    }
  }
}

/** The best split of a node, if any improves the loss. */
export interface Split {
  readonly feature: number;
  /** Rows with bin ≤ bin go left (missing ones as `missingLeft` says). */
  readonly bin: number;
  readonly missingLeft: boolean;
  readonly gain: number;
  /** Channel sums of the left child (the right is total − left). */
  readonly left: Float64Array;
}

/** Limits every split must respect. */
export interface SplitLimits {
  readonly minSamplesLeaf: number;
  /** Minimum Σhessian in each child (boosting); 0 otherwise. */
  readonly minHessian: number;
  readonly minGain: number;
}

/**
 * The best split of a node over `features`, given its histogram and channel totals. Tries every
 * bin boundary, with the missing-value bin first on the right then on the left.
 */
export function bestSplit(hist: Float64Array, total: Float64Array, data: BinnedFeatures, features: ArrayLike<number>, criterion: Criterion, limits: SplitLimits): Split | null {
  const C = criterion.channels;
  const parentLoss = criterion.loss(total, 0);
  const left = new Float64Array(C);
  const right = new Float64Array(C);
  let best: Split | null = null;
  let bestGain = limits.minGain;
  const hessianChannel = C === 3 && limits.minHessian > 0 ? 2 : -1;
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const nb = data.nBins[f];
    if (nb < 2) continue;
    const base = f * HIST_BINS * C;
    const missingAt = base + MISSING_BIN * C;
    let missingCount = 0;
    for (let c = 0; c < C; c++) missingCount += Math.abs(hist[missingAt + c]);
    for (let side = 0; side < (missingCount > 0 ? 2 : 1); side++) {
      const missingLeft = side === 1;
      for (let c = 0; c < C; c++) left[c] = missingLeft ? hist[missingAt + c] : 0;
      for (let b = 0; b < nb - 1; b++) {
        const at = base + b * C;
        for (let c = 0; c < C; c++) left[c] += hist[at + c];
        for (let c = 0; c < C; c++) right[c] = total[c] - left[c];
        if (criterion.count(left, 0) < limits.minSamplesLeaf || criterion.count(right, 0) < limits.minSamplesLeaf) continue;
        if (hessianChannel >= 0 && (left[hessianChannel] < limits.minHessian || right[hessianChannel] < limits.minHessian)) continue;
        const gain = parentLoss - criterion.loss(left, 0) - criterion.loss(right, 0);
        if (gain > bestGain + 1e-12 * Math.abs(parentLoss)) {
          bestGain = gain;
          best = { feature: f, bin: b, missingLeft, gain, left: left.slice() };
        }
      }
    }
  }
  return best;
}

/**
 * `bestSplit` for boosting histograms (count, Σg, Σh), with the gain written out: the same answer,
 * without the per-bin criterion calls, since split finding runs for every leaf of every round. The
 * twin of the `bestSplit` kernel (kernels.wat), which gives the same split bit for bit.
 */
export function bestBoostingSplit(hist: Float64Array, total: Float64Array, data: { readonly nBins: Int32Array }, features: ArrayLike<number>, lambda: number, limits: SplitLimits): Split | null {
  const [nAll, gAll, hAll] = total;
  const parentLoss = -(gAll * gAll) / (hAll + lambda);
  const minLeaf = limits.minSamplesLeaf;
  const minH = limits.minHessian;
  const tolerance = 1e-12 * Math.abs(parentLoss);
  let best: Split | null = null;
  let bestGain = limits.minGain;
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const nb = data.nBins[f];
    if (nb < 2) continue;
    const base = f * HIST_BINS * 3;
    const missingAt = base + MISSING_BIN * 3;
    const mn = hist[missingAt];
    const sides = mn > 0 ? 2 : 1;
    for (let side = 0; side < sides; side++) {
      const missingLeft = side === 1;
      let ln = missingLeft ? mn : 0;
      let lg = missingLeft ? hist[missingAt + 1] : 0;
      let lh = missingLeft ? hist[missingAt + 2] : 0;
      for (let b = 0, at = base; b < nb - 1; b++, at += 3) {
        // A bin without rows splits as the previous bin does: passed over.
        if (hist[at] === 0) continue;
        ln += hist[at];
        lg += hist[at + 1];
        lh += hist[at + 2];
        const rn = nAll - ln;
        if (ln < minLeaf) continue;
        if (rn < minLeaf) break;
        const rh = hAll - lh;
        if (lh < minH || rh < minH) continue;
        const rg = gAll - lg;
        const gain = parentLoss + (lg * lg) / (lh + lambda) + (rg * rg) / (rh + lambda);
        if (gain > bestGain + tolerance) {
          bestGain = gain;
          best = { feature: f, bin: b, missingLeft, gain, left: Float64Array.of(ln, lg, lh) };
        }
      }
    }
  }
  return best;
}

/**
 * Where a boosting node's features are cut into the two halves searched apart (by two threads or
 * one): the first `searchCut(count)` of the features in use, then the rest.
 */
export function searchCut(count: number): number {
  return (count + 1) >> 1;
}

/**
 * The split of a node from the best splits of its two halves of features: the second half's only
 * when it gains more than the first's by the tolerance a single scan uses (1e-12 of the parent's
 * loss), so a node gets the same split whoever searched which half.
 */
export function betterSplit(first: Split | null, second: Split | null, total: Float64Array, lambda: number): Split | null {
  if (!first || !second) return first ?? second;
  const tolerance = 1e-12 * Math.abs((total[1] * total[1]) / (total[2] + lambda));
  return second.gain > first.gain + tolerance ? second : first;
}

/**
 * Reorders order[start, end) so the rows going left come first; returns where the right part
 * starts. The partition is stable: rows keep ascending order within each side, so histogram
 * building later walks memory forwards instead of jumping around it.
 */
export function partition(data: BinnedFeatures, order: Int32Array, start: number, end: number, split: Split): number {
  const col = split.feature * data.n;
  const bins = data.bins;
  const scratch = scratchFor(end - start);
  const missingLeft = split.missingLeft ? 1 : 0;
  const threshold = split.bin;
  let l = start;
  let r = 0;
  // Branch-free: which side a row goes is a coin toss to the processor, and mispredicted branches
  // were most of this loop's time. Every row is written to both places; one cursor moves.
  // (threshold < MISSING_BIN, so the missing bin is never ≤ threshold.)
  for (let i = start; i < end; i++) {
    const row = order[i];
    const b = bins[col + row];
    const left = (((threshold - b) >>> 31) ^ 1) | (((b + 1) >>> 8) & missingLeft);
    order[l] = row;
    scratch[r] = row;
    l += left;
    r += left ^ 1;
  }
  order.set(scratch.subarray(0, r), l);
  return l;
}

let scratchBuffer = new Int32Array(0);

/** A reusable buffer of at least `size` row indices (partitioning runs on one thread at a time). */
function scratchFor(size: number): Int32Array {
  if (scratchBuffer.length < size) scratchBuffer = new Int32Array(Math.max(size, scratchBuffer.length * 2));
  return scratchBuffer;
}
