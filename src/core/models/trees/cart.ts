import type { Rng } from '../../util/rng';
import type { BinnedFeatures } from './binning';
import { type Criterion, HIST_BINS, type SplitLimits, bestSplit, fillClassHistogram, fillHistogram3, newHistogram, partition } from './split';
import type { Tree } from './tree';

/** What a CART tree learns from: classes (with per-row weights) or numbers. */
export type CartTarget = { readonly kind: 'class'; readonly y: Int32Array; readonly classes: number } | { readonly kind: 'number'; readonly y: Float64Array };

/** Growth limits of a CART tree. */
export interface CartOptions {
  /** 0 = unlimited. */
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Features tried at each split (a fresh random subset per node); d = all. */
  readonly maxFeatures: number;
  readonly criterion: Criterion;
}

/**
 * Grows one CART tree depth-first on binned features. `weights` are per-row multiplicities (a
 * bootstrap sample gives 0, 1, 2, …); rows with weight 0 take no part. Returns the tree and the
 * impurity decrease each feature brought (split-gain importance).
 */
export function growCart(data: BinnedFeatures, target: CartTarget, weights: Float64Array, options: CartOptions, rng: Rng): { tree: Tree; gains: Float64Array } {
  const { n, d } = data;
  const C = options.criterion.channels;
  const outputs = target.kind === 'class' ? target.classes : 1;
  // Rows taking part (weight > 0), in one array that nodes partition in place.
  let m = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) m++;
  const order = new Int32Array(m);
  for (let i = 0, j = 0; i < n; i++) if (weights[i] > 0) order[j++] = i;
  const stats = target.kind === 'number' ? numberStats(target.y, weights) : null;
  const hist = newHistogram(d, C);
  const gains = new Float64Array(d);
  const allFeatures = Int32Array.from({ length: d }, (_, f) => f);
  const limits: SplitLimits = { minSamplesLeaf: options.minSamplesLeaf, minHessian: 0, minGain: 1e-12 };

  const tree = { feature: [] as number[], threshold: [] as number[], missingLeft: [] as number[], left: [] as number[], right: [] as number[], values: [] as number[], outputs, samples: [] as number[] };
  const addNode = () => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.samples.push(0);
    for (let c = 0; c < outputs; c++) tree.values.push(0);
    return tree.feature.length - 1;
  };

  const total = new Float64Array(C);
  const stack: { node: number; start: number; end: number; depth: number }[] = [{ node: addNode(), start: 0, end: m, depth: 0 }];
  while (stack.length) {
    const { node, start, end, depth } = stack.pop()!;
    // Node totals and leaf value.
    total.fill(0);
    if (target.kind === 'class') for (let i = start; i < end; i++) total[target.y[order[i]]] += weights[order[i]];
    else for (let i = start; i < end; i++) for (let c = 0; c < 3; c++) total[c] += stats![order[i] * 3 + c];
    const count = options.criterion.count(total, 0);
    tree.samples[node] = count;
    if (target.kind === 'class') for (let c = 0; c < outputs; c++) tree.values[node * outputs + c] = count > 0 ? total[c] / count : 0;
    else tree.values[node] = total[0] > 0 ? total[1] / total[0] : 0;

    const canSplit = (options.maxDepth === 0 || depth < options.maxDepth) && count >= options.minSamplesSplit && count >= 2 * options.minSamplesLeaf && options.criterion.loss(total, 0) > 1e-12;
    if (!canSplit) continue;
    const features = options.maxFeatures >= d ? allFeatures : sampleFeatures(d, options.maxFeatures, rng);
    if (target.kind === 'class') fillClassHistogram(hist, data, features, order, start, end, target.y, weights, target.classes);
    else fillHistogram3(hist, data, features, order, start, end, stats!);
    const split = bestSplit(hist, total, data, features, options.criterion, limits);
    if (!split) continue;
    gains[split.feature] += split.gain;
    const mid = partition(data, order, start, end, split);
    const left = addNode();
    const right = addNode();
    tree.feature[node] = split.feature;
    tree.threshold[node] = gapThreshold(data, hist, C, split.feature, split.bin);
    tree.missingLeft[node] = split.missingLeft ? 1 : 0;
    tree.left[node] = left;
    tree.right[node] = right;
    stack.push({ node: right, start: mid, end, depth: depth + 1 }, { node: left, start, end: mid, depth: depth + 1 });
  }
  return { tree, gains };
}

/**
 * The threshold of a CART split: in the middle of the gap between the largest value going left and
 * the smallest going right *in this node*, as exact CART (and scikit-learn) puts it, rather than at
 * the bin edge next to the left side. Deep nodes hold few rows, so the gap is often wide, and a new
 * value falling in it should not always go right. Where bins are one per distinct value the values
 * themselves are known; for quantile bins the gap runs between bin edges.
 */
function gapThreshold(data: BinnedFeatures, hist: Float64Array, C: number, f: number, bin: number): number {
  const base = f * HIST_BINS * C;
  const empty = (b: number) => {
    for (let c = 0; c < C; c++) if (hist[base + b * C + c] !== 0) return false;
    return true;
  };
  const nb = data.nBins[f];
  let left = bin;
  while (left > 0 && empty(left)) left--;
  let right = bin + 1;
  while (right < nb - 1 && empty(right)) right++;
  const values = data.values[f];
  if (values) return (values[left] + values[right]) / 2;
  return (data.edges[f][left] + data.edges[f][right - 1]) / 2;
}

/** (w, w·y, w·y²) per row, for the squared-error criterion. */
function numberStats(y: Float64Array, w: Float64Array): Float64Array {
  const out = new Float64Array(y.length * 3);
  for (let i = 0; i < y.length; i++) {
    out[i * 3] = w[i];
    out[i * 3 + 1] = w[i] * y[i];
    out[i * 3 + 2] = w[i] * y[i] * y[i];
  }
  return out;
}

/** `k` distinct features out of `d`, chosen with `rng` (partial Fisher–Yates). */
export function sampleFeatures(d: number, k: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: d }, (_, f) => f);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(d - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, k).sort();
}
