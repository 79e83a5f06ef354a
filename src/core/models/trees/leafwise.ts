import type { BinnedFeatures } from './binning';
import { HIST_BINS, type Split, type SplitLimits, newHistogram } from './split';
import type { Tree } from './tree';

/** Growth limits of a boosting tree. */
export interface LeafwiseOptions {
  readonly maxLeaves: number;
  /** 0 = unlimited. */
  readonly maxDepth: number;
  readonly limits: SplitLimits;
}

const EMPTY = new Float64Array(0);

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  total: Float64Array;
  split: Split | null;
}

/**
 * Grows one tree best-first (leaf-wise, as LightGBM): always splitting the leaf whose best split
 * lowers the loss most, up to `maxLeaves`. Rows 0 … m − 1 of the team's row order take part, with
 * (g, h) per row in the team's memory. Each split builds the histogram of the smaller child and
 * gets the larger one by subtracting it from the parent's (histogram subtraction). Leaf values are
 * −G/(H + λ) scaled by `shrinkage` (λ the team's too, see `HistogramTeam.useLimits`). `spare`
 * holds histograms to reuse, and gets this tree's back; `team` (the caller's histogram team) fills
 * a node's histogram over order[start, end), subtracts it from the parent's, finds the best splits
 * and partitions a node's rows. Returns the tree, the segment of the
 * order each leaf owns (to update scores without traversal), and the split gains per feature.
 */
export function growLeafwise(
  data: BinnedFeatures,
  m: number,
  features: Int32Array,
  options: LeafwiseOptions,
  lambda: number,
  shrinkage: number,
  spare: Float64Array[],
  team: {
    /** Fills `hist` over order[start, end) of the features in use. */
    fill(hist: Float64Array, start: number, end: number): void;
    /** The best split of a node from its histogram and totals. */
    search(hist: Float64Array, total: Float64Array): Split | null;
    /** Fills `small` over order[start, end), takes it from `large`, and finds both nodes' best splits (given totals). */
    grow(small: Float64Array, start: number, end: number, large: Float64Array, smallTotal: Float64Array | null, largeTotal: Float64Array | null): [Split | null, Split | null];
    partition(data: BinnedFeatures, start: number, end: number, split: Split): number;
  },
): { tree: Tree; leaves: { node: number; start: number; end: number }[]; gains: Float64Array } {
  const tree = { feature: [] as number[], threshold: [] as number[], missingLeft: [] as number[], left: [] as number[], right: [] as number[], values: [] as number[], outputs: 1, samples: [] as number[] };
  const addNode = () => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.values.push(0);
    tree.samples.push(0);
    return tree.feature.length - 1;
  };
  const gains = new Float64Array(data.d);
  // The root's sums are those of any feature's histogram (every row is in one of its bins): 256
  // additions instead of a pass over the rows.
  const sumOf = (hist: Float64Array) => {
    const base = features[0] * HIST_BINS * 3;
    let g = 0;
    let h = 0;
    for (let at = base, last = base + HIST_BINS * 3; at < last; at += 3) {
      g += hist[at + 1];
      h += hist[at + 2];
    }
    return Float64Array.of(m, g, h);
  };
  const canSplit = (depth: number, total: Float64Array) => (options.maxDepth === 0 || depth < options.maxDepth) && total[0] >= 2 * options.limits.minSamplesLeaf;

  // Histograms are d × 256 bins × 3 channels; reusing them (`spare`, kept across trees by the
  // caller) saves allocating and zeroing one per split. `team.fill` sets what it fills.
  const histogram = () => spare.pop() ?? newHistogram(data.d, 3);
  const rootHist = histogram();
  team.fill(rootHist, 0, m);
  const root: Leaf = { node: addNode(), start: 0, end: m, depth: 0, hist: rootHist, total: sumOf(rootHist), split: null };
  if (canSplit(0, root.total)) root.split = team.search(rootHist, root.total);
  const leaves: Leaf[] = [root];
  while (leaves.length < options.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < leaves.length; i++) if (leaves[i].split && (pick < 0 || leaves[i].split!.gain > leaves[pick].split!.gain)) pick = i;
    if (pick < 0) break;
    const parent = leaves[pick];
    const split = parent.split!;
    gains[split.feature] += split.gain;
    const mid = team.partition(data, parent.start, parent.end, split);
    const leftNode = addNode();
    const rightNode = addNode();
    tree.feature[parent.node] = split.feature;
    tree.threshold[parent.node] = data.edges[split.feature][split.bin];
    tree.missingLeft[parent.node] = split.missingLeft ? 1 : 0;
    tree.left[parent.node] = leftNode;
    tree.right[parent.node] = rightNode;
    tree.samples[parent.node] = parent.total[0];
    const leftTotal = split.left;
    const rightTotal = Float64Array.from(parent.total, (v, c) => v - leftTotal[c]);
    const leftSmaller = mid - parent.start <= parent.end - mid;
    // Histogram subtraction: fill the smaller child, the larger one is what remains of the parent;
    // the team then finds both children's best splits.
    const small = histogram();
    const large = parent.hist;
    const depth = parent.depth + 1;
    const [smallTotal, largeTotal] = leftSmaller ? [leftTotal, rightTotal] : [rightTotal, leftTotal];
    const [smallSplit, largeSplit] = team.grow(small, leftSmaller ? parent.start : mid, leftSmaller ? mid : parent.end, large, canSplit(depth, smallTotal) ? smallTotal : null, canSplit(depth, largeTotal) ? largeTotal : null);
    const left: Leaf = { node: leftNode, start: parent.start, end: mid, depth, hist: leftSmaller ? small : large, total: leftTotal, split: leftSmaller ? smallSplit : largeSplit };
    const right: Leaf = { node: rightNode, start: mid, end: parent.end, depth, hist: leftSmaller ? large : small, total: rightTotal, split: leftSmaller ? largeSplit : smallSplit };
    leaves.splice(pick, 1, left, right);
    // A leaf that cannot split keeps its sums in `total`; its histogram can go back to the pool.
    for (const leaf of [left, right]) {
      if (!leaf.split) {
        spare.push(leaf.hist);
        leaf.hist = EMPTY;
      }
    }
  }
  for (const leaf of leaves) {
    if (leaf.hist !== EMPTY) spare.push(leaf.hist);
    tree.values[leaf.node] = (-leaf.total[1] / (leaf.total[2] + lambda)) * shrinkage;
    tree.samples[leaf.node] = leaf.total[0];
  }
  return { tree, leaves: leaves.map((l) => ({ node: l.node, start: l.start, end: l.end })), gains };
}
