import type { FittedModel, Predictor } from '../model';
import type { BoostingState, Link, TreeEnsembleState } from './state';
import type { Tree } from './tree';

/**
 * Prediction of the tree families (one tree, a forest, boosting) from their fitted state, shared by
 * the studio, the CLI and the runtime. It imports no fitting code, no binning and no WebAssembly.
 *
 * The trees are packed once into flat typed arrays, breadth first, so that a node's two children
 * sit side by side: a row goes to `child[p] + (x > threshold[p])`. A leaf points to itself with an
 * infinite threshold, so every row walks a tree for the same number of steps (its depth) without a
 * branch on where it stands, and eight rows walk at once, which keeps eight independent chains of
 * loads in flight (a tree walk is bound by load latency, not arithmetic). Thresholds stay float64,
 * so a float32 feature is compared exactly as `leafOf` compares it and the leaves are the same.
 */

/** Rows per block: the block's features stay in cache while every tree walks them. */
const BLOCK_ROWS = 512;

/** An ensemble of trees as flat arrays over every tree's packed nodes. */
export interface FlatTrees {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** The left child's position (the right one is next to it); a leaf's own position. */
  readonly child: Int32Array;
  /** 1 where a missing value goes right (it goes left otherwise, as `x > threshold` is false for NaN). */
  readonly missingRight: Uint8Array;
  /** The node each position holds in its original tree (to read the leaf values). */
  readonly node: Int32Array;
  readonly roots: Int32Array;
  readonly depths: Int32Array;
}

/** Packs trees into one set of flat arrays (breadth first per tree). */
export function flattenTrees(trees: readonly Tree[]): FlatTrees {
  const total = trees.reduce((sum, t) => sum + t.feature.length, 0);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const child = new Int32Array(total);
  const missingRight = new Uint8Array(total);
  const node = new Int32Array(total);
  const roots = new Int32Array(trees.length);
  const depths = new Int32Array(trees.length);
  let next = 0;
  const queue = new Int32Array(total);
  const level = new Int32Array(total);
  trees.forEach((tree, t) => {
    roots[t] = next;
    // queue[q] is the original node at position roots[t] + q; its depth in level[q].
    let tail = 0;
    queue[tail] = 0;
    level[tail++] = 0;
    next++;
    for (let q = 0; q < tail; q++) {
      const n = queue[q];
      const p = roots[t] + q;
      node[p] = n;
      if (tree.feature[n] < 0) {
        threshold[p] = Infinity;
        child[p] = p;
        if (level[q] > depths[t]) depths[t] = level[q];
      } else {
        feature[p] = tree.feature[n];
        threshold[p] = tree.threshold[n];
        missingRight[p] = tree.missingLeft[n] === 1 ? 0 : 1;
        child[p] = next;
        next += 2;
        queue[tail] = tree.left[n];
        level[tail++] = level[q] + 1;
        queue[tail] = tree.right[n];
        level[tail++] = level[q] + 1;
      }
    }
  });
  return { feature, threshold, child, missingRight, node, roots, depths };
}

/**
 * Writes to `out[0 … count)` the leaf position that rows first … first + count − 1 of the row-major
 * matrix X (d features) reach in tree t. `missing` says whether those rows may hold NaN.
 */
export function walkTree(flat: FlatTrees, t: number, X: Float32Array, d: number, first: number, count: number, missing: boolean, out: Int32Array): void {
  const { feature, threshold, child } = flat;
  const root = flat.roots[t];
  const depth = flat.depths[t];
  if (missing) {
    const right = flat.missingRight;
    for (let j = 0; j < count; j++) {
      const base = (first + j) * d;
      let p = root;
      for (let s = 0; s < depth; s++) {
        const x = X[base + feature[p]];
        p = child[p] + +(x > threshold[p] || (x !== x && right[p] === 1));
      }
      out[j] = p;
    }
    return;
  }
  // Eight rows at a time; `+(x > t)` compiles to a flag, not a branch (measured: twice the speed
  // of `x > t ? 1 : 0`, whose branch is mispredicted half the time).
  let j = 0;
  for (; j + 8 <= count; j += 8) {
    const b0 = (first + j) * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    const b4 = b3 + d;
    const b5 = b4 + d;
    const b6 = b5 + d;
    const b7 = b6 + d;
    let p0 = root;
    let p1 = root;
    let p2 = root;
    let p3 = root;
    let p4 = root;
    let p5 = root;
    let p6 = root;
    let p7 = root;
    for (let s = 0; s < depth; s++) {
      p0 = child[p0] + +(X[b0 + feature[p0]] > threshold[p0]);
      p1 = child[p1] + +(X[b1 + feature[p1]] > threshold[p1]);
      p2 = child[p2] + +(X[b2 + feature[p2]] > threshold[p2]);
      p3 = child[p3] + +(X[b3 + feature[p3]] > threshold[p3]);
      p4 = child[p4] + +(X[b4 + feature[p4]] > threshold[p4]);
      p5 = child[p5] + +(X[b5 + feature[p5]] > threshold[p5]);
      p6 = child[p6] + +(X[b6 + feature[p6]] > threshold[p6]);
      p7 = child[p7] + +(X[b7 + feature[p7]] > threshold[p7]);
    }
    out[j] = p0;
    out[j + 1] = p1;
    out[j + 2] = p2;
    out[j + 3] = p3;
    out[j + 4] = p4;
    out[j + 5] = p5;
    out[j + 6] = p6;
    out[j + 7] = p7;
  }
  for (; j < count; j++) {
    const base = (first + j) * d;
    let p = root;
    for (let s = 0; s < depth; s++) p = child[p] + +(X[base + feature[p]] > threshold[p]);
    out[j] = p;
  }
}

/** Receives the leaf positions of rows first … first + count − 1 in tree t. */
type LeafVisitor = (t: number, leaves: Int32Array, first: number, count: number) => void;

/**
 * Walks every tree over the n rows of X in blocks, tree by tree within a block, so every row still
 * adds its trees in tree order (the sums do not depend on the block size).
 */
function eachLeaf(flat: FlatTrees, X: Float32Array, n: number, d: number, visit: LeafVisitor): void {
  const leaves = new Int32Array(Math.min(n, BLOCK_ROWS));
  const trees = flat.roots.length;
  for (let first = 0; first < n; first += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, n - first);
    let missing = false;
    for (let i = first * d, end = (first + count) * d; i < end; i++) {
      if (X[i] !== X[i]) {
        missing = true;
        break;
      }
    }
    for (let t = 0; t < trees; t++) {
      walkTree(flat, t, X, d, first, count, missing, leaves);
      visit(t, leaves, first, count);
    }
  }
}

/** Leaf values by packed position: `outputs` numbers per position (0 for split nodes). */
function positionValues(flat: FlatTrees, trees: readonly Tree[], outputs: number): Float64Array {
  const values = new Float64Array(flat.node.length * outputs);
  trees.forEach((tree, t) => {
    const end = t + 1 < trees.length ? flat.roots[t + 1] : flat.node.length;
    for (let p = flat.roots[t]; p < end; p++) {
      const n = flat.node[p];
      if (tree.feature[n] >= 0) continue;
      for (let c = 0; c < outputs; c++) values[p * outputs + c] = tree.values[n * outputs + c];
    }
  });
  return values;
}

/** A predictor averaging the trees' leaf outputs (probabilities or values): one tree, or a forest. */
export function treeEnsemblePredictor(state: TreeEnsembleState, d: number): Predictor {
  const flat = flattenTrees(state.trees);
  const k = state.trees[0]?.outputs ?? 1;
  const values = positionValues(flat, state.trees, k);
  const scale = 1 / state.trees.length;
  return {
    outputs(X, n) {
      const sum = new Float64Array(n * k);
      eachLeaf(flat, X, n, d, (_t, leaves, first, count) => {
        for (let j = 0; j < count; j++) {
          const at = (first + j) * k;
          const leaf = leaves[j] * k;
          for (let c = 0; c < k; c++) sum[at + c] += scale * values[leaf + c];
        }
      });
      return Float32Array.from(sum);
    },
    dispose() {},
  };
}

/** A predictor of boosting: the baseline plus every tree's leaf value, through the link. */
export function boostingPredictor(state: BoostingState, d: number): Predictor {
  const K = state.baseline.length;
  const flat = flattenTrees(state.trees);
  const values = positionValues(flat, state.trees, 1);
  return {
    outputs(X, n) {
      const raw = new Float64Array(n * K);
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = state.baseline[k];
      // Trees are round-major: tree t adds to output t mod K.
      eachLeaf(flat, X, n, d, (t, leaves, first, count) => {
        const k = t % K;
        for (let j = 0; j < count; j++) raw[(first + j) * K + k] += values[leaves[j]];
      });
      return linkOutputs(raw, n, K, state.link);
    },
    dispose() {},
  };
}

/** Raw scores (n × K) through the link: class probabilities, or the values themselves. */
export function linkOutputs(raw: Float64Array, n: number, K: number, link: Link): Float32Array {
  if (link === 'identity') return Float32Array.from(raw.subarray(0, n));
  if (link === 'sigmoid') {
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  const out = new Float32Array(n * K);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, raw[i * K + k]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(raw[i * K + k] - max);
    for (let k = 0; k < K; k++) out[i * K + k] = Math.exp(raw[i * K + k] - max) / sum;
  }
  return out;
}

/** Loads one tree or a forest from its fitted state. */
export function loadTreeEnsemble(fitted: FittedModel): Predictor {
  return treeEnsemblePredictor(fitted.state as TreeEnsembleState, fitted.nFeatures);
}

/** Loads boosting from its fitted state. */
export function loadBoosting(fitted: FittedModel): Predictor {
  return boostingPredictor(fitted.state as BoostingState, fitted.nFeatures);
}
