import type { BoostingState } from '../models/trees/gbdt.model';
import type { TreeEnsembleState } from '../models/trees/learners';
import { type Tree, leafOf } from '../models/trees/tree';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles", Algorithm 2): Shapley values of one row's prediction in
 * O(leaves · depth²) per tree, where the value of a coalition S is the tree's output with the
 * features outside S integrated out along the tree's own training cover (`samples`): at a split on
 * a feature not in S both children are followed, weighted by their share of the node's rows. This
 * is the EXTEND / UNWIND recursion of the paper, as in the `shap` package's `tree_shap_recursive`.
 */

/** One tree's explanation of one row. */
export interface TreeShapValues {
  /** φ per model feature and output, feature-major: `phi[feature * outputs + k]`. */
  readonly phi: Float64Array;
  /** The tree's expected output per output: the leaves' values weighted by their cover. */
  readonly expected: Float64Array;
}

/** Shapley values of one tree's outputs for the row `x` (d model features; NaN = missing). */
export function treeShap(tree: Tree, x: ArrayLike<number>, d: number): TreeShapValues {
  const phi = new Float64Array(d * tree.outputs);
  addTreeShap(tree, x, phi, tree.outputs, 0, 1, new PathBuffer(treeDepth(tree)));
  return { phi, expected: treeExpectedValue(tree) };
}

/**
 * The share of a node's cover that goes left. Children's samples sum to the parent's; dividing
 * by their sum (not the parent's) keeps the expected value and φ consistent even if a family ever
 * rounds them, and a node no training row reached splits its (zero) weight evenly.
 */
function leftShare(tree: Tree, node: number): number {
  const l = tree.samples[tree.left[node]];
  const r = tree.samples[tree.right[node]];
  return l + r > 0 ? l / (l + r) : 0.5;
}

/** The tree's expected output per output: Σ leaf value × the product of cover shares down to it. */
export function treeExpectedValue(tree: Tree): Float64Array {
  const K = tree.outputs;
  const out = new Float64Array(K);
  const stack: [number, number][] = [[0, 1]];
  while (stack.length) {
    const [node, weight] = stack.pop()!;
    if (tree.feature[node] < 0) {
      for (let k = 0; k < K; k++) out[k] += weight * tree.values[node * K + k];
    } else {
      const share = leftShare(tree, node);
      stack.push([tree.left[node], weight * share], [tree.right[node], weight * (1 - share)]);
    }
  }
  return out;
}

/** Depth of the deepest leaf (a lone leaf: 0). */
function treeDepth(tree: Tree): number {
  let depth = 0;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (tree.feature[node] < 0) depth = Math.max(depth, level);
    else stack.push([tree.left[node], level + 1], [tree.right[node], level + 1]);
  }
  return depth;
}

/**
 * The paper's path m, for every level of the recursion at once: level with unique depth u keeps
 * its u + 1 elements at its own offset (each child copies its parent's path forward), so
 * (D + 2)(D + 3)/2 elements serve a tree of depth D. Struct of arrays: feature d, zero fraction z,
 * one fraction o and permutation weight w.
 */
class PathBuffer {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;

  constructor(readonly depth: number) {
    const size = ((depth + 2) * (depth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  fits(depth: number): boolean {
    return depth <= this.depth;
  }
}

/**
 * Adds `scale` × one tree's φ for row `x` into `phi[feature * stride + offset + k]` for k over the
 * tree's outputs (so a boosting round's tree lands in its class's column).
 */
export function addTreeShap(tree: Tree, x: ArrayLike<number>, phi: Float64Array, stride: number, offset: number, scale: number, path: PathBuffer): void {
  const buffer = path.fits(treeDepth(tree)) ? path : new PathBuffer(treeDepth(tree));
  recurse(tree, x, phi, stride, offset, scale, buffer, 0, 0, 0, 1, 1, -1);
}

/** A path buffer for trees up to `depth` deep, reusable across trees and rows. */
export function pathBufferFor(trees: readonly Tree[]): PathBuffer {
  return new PathBuffer(Math.max(0, ...trees.map(treeDepth)));
}

// EXTEND: adds a feature with fractions (z, o) to the path of unique depth u at `at`, updating the
// weights of every subset size (the paper's lines 10–14).
function extend(p: PathBuffer, at: number, u: number, z: number, o: number, feature: number): void {
  const { weight: w } = p;
  p.feature[at + u] = feature;
  p.zero[at + u] = z;
  p.one[at + u] = o;
  w[at + u] = u === 0 ? 1 : 0;
  for (let i = u - 1; i >= 0; i--) {
    w[at + i + 1] += (o * w[at + i] * (i + 1)) / (u + 1);
    w[at + i] = (z * w[at + i] * (u - i)) / (u + 1);
  }
}

// UNWIND: removes element `index` from the path of unique depth u, undoing EXTEND (lines 16–24).
function unwind(p: PathBuffer, at: number, u: number, index: number): void {
  const { weight: w } = p;
  const o = p.one[at + index];
  const z = p.zero[at + index];
  let next = w[at + u];
  for (let i = u - 1; i >= 0; i--) {
    if (o !== 0) {
      const tmp = w[at + i];
      w[at + i] = (next * (u + 1)) / ((i + 1) * o);
      next = tmp - (w[at + i] * z * (u - i)) / (u + 1);
    } else {
      w[at + i] = (w[at + i] * (u + 1)) / (z * (u - i));
    }
  }
  for (let i = index; i < u; i++) {
    p.feature[at + i] = p.feature[at + i + 1];
    p.zero[at + i] = p.zero[at + i + 1];
    p.one[at + i] = p.one[at + i + 1];
  }
}

// The total weight the path would have with element `index` unwound, without changing it (the
// leaf step of the paper, lines 4–6, fused as shap does).
function unwoundSum(p: PathBuffer, at: number, u: number, index: number): number {
  const { weight: w } = p;
  const o = p.one[at + index];
  const z = p.zero[at + index];
  let next = w[at + u];
  let total = 0;
  for (let i = u - 1; i >= 0; i--) {
    if (o !== 0) {
      const tmp = (next * (u + 1)) / ((i + 1) * o);
      total += tmp;
      next = w[at + i] - (tmp * z * (u - i)) / (u + 1);
    } else if (z !== 0) {
      total += (w[at + i] * (u + 1)) / (z * (u - i));
    }
  }
  return total;
}

// RECURSE (lines 1–33): `at` is where this level's path starts, `parentAt` its parent's.
function recurse(tree: Tree, x: ArrayLike<number>, phi: Float64Array, stride: number, offset: number, scale: number, p: PathBuffer, parentAt: number, u: number, node: number, z: number, o: number, feature: number): void {
  // This level's path: the parent's copied forward (the parent's u elements), then extended.
  const at = u === 0 ? 0 : parentAt + u;
  if (u > 0) {
    p.feature.copyWithin(at, parentAt, parentAt + u);
    p.zero.copyWithin(at, parentAt, parentAt + u);
    p.one.copyWithin(at, parentAt, parentAt + u);
    p.weight.copyWithin(at, parentAt, parentAt + u);
  }
  extend(p, at, u, z, o, feature);
  const split = tree.feature[node];
  if (split < 0) {
    const K = tree.outputs;
    for (let i = 1; i <= u; i++) {
      const w = unwoundSum(p, at, u, i) * (p.one[at + i] - p.zero[at + i]) * scale;
      const base = p.feature[at + i] * stride + offset;
      for (let k = 0; k < K; k++) phi[base + k] += w * tree.values[node * K + k];
    }
    return;
  }
  // The hot child is where x goes (a missing value follows missingLeft); the cold one the other.
  const v = x[split];
  const goesLeft = v !== v ? tree.missingLeft[node] === 1 : v <= tree.threshold[node];
  const share = leftShare(tree, node);
  const hot = goesLeft ? tree.left[node] : tree.right[node];
  const cold = goesLeft ? tree.right[node] : tree.left[node];
  const hotZero = goesLeft ? share : 1 - share;
  let inZero = 1;
  let inOne = 1;
  let depth = u;
  // A feature split on again further down: its earlier element leaves the path and its fractions
  // carry into this split's (lines 25–28).
  for (let i = 1; i <= u; i++) {
    if (p.feature[at + i] === split) {
      inZero = p.zero[at + i];
      inOne = p.one[at + i];
      unwind(p, at, u, i);
      depth--;
      break;
    }
  }
  // A child with both fractions zero adds nothing (every weight below it is zero), and unwinding
  // it would divide by zero: a child no training row reached, inside a subtree x cannot enter.
  const hotZeroShare = hotZero * inZero;
  const coldZeroShare = (1 - hotZero) * inZero;
  if (hotZeroShare > 0 || inOne > 0) recurse(tree, x, phi, stride, offset, scale, p, at, depth + 1, hot, hotZeroShare, inOne, split);
  if (coldZeroShare > 0) recurse(tree, x, phi, stride, offset, scale, p, at, depth + 1, cold, coldZeroShare, 0, split);
}

/**
 * TreeSHAP of a whole tree model, ready to explain rows: the expected raw output per output and,
 * per row, φ (feature-major, `outputs` per feature) and the raw output the explanation adds up to
 * (expected + Σφ = raw, to rounding).
 */
export interface TreeModelShap {
  readonly outputs: number;
  readonly expected: Float64Array;
  explain(x: ArrayLike<number>): { phi: Float64Array; raw: Float64Array };
}

/**
 * Boosting in raw score space: baseline plus every tree, tree t adding to output t mod K (log-odds
 * for a sigmoid, each class's score for a softmax, the value for identity).
 */
export function boostingShap(state: BoostingState, d: number): TreeModelShap {
  const K = state.baseline.length;
  return treeSumShap(state.trees, d, K, state.baseline, (t) => t % K, 1);
}

/** A tree or forest: the mean over its trees (class probabilities, or the value). */
export function ensembleShap(state: TreeEnsembleState, d: number): TreeModelShap {
  return treeSumShap(state.trees, d, state.trees[0]?.outputs ?? 1, [], () => 0, 1 / state.trees.length);
}

/**
 * A model whose output is `base` plus `scale` times the sum of its trees' leaf values, tree t's
 * outputs landing from output `first(t)` on: its expected value, and per row φ and the raw output.
 */
function treeSumShap(trees: readonly Tree[], d: number, K: number, base: readonly number[], first: (t: number) => number, scale: number): TreeModelShap {
  const start = () => Float64Array.from({ length: K }, (_, k) => base[k] ?? 0);
  const expected = start();
  trees.forEach((tree, t) => treeExpectedValue(tree).forEach((v, k) => (expected[first(t) + k] += scale * v)));
  const path = pathBufferFor(trees);
  return {
    outputs: K,
    expected,
    explain(x) {
      const phi = new Float64Array(d * K);
      const raw = start();
      const row = Float32Array.from(x);
      trees.forEach((tree, t) => {
        addTreeShap(tree, x, phi, K, first(t), scale, path);
        const leaf = leafOf(tree, row, 0, d);
        for (let k = 0; k < tree.outputs; k++) raw[first(t) + k] += scale * tree.values[leaf * tree.outputs + k];
      });
      return { phi, raw };
    },
  };
}
