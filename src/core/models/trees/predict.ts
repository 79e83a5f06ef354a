import { base64ToBytes } from '../../util/base64';
import type { FittedModel, Predictor } from '../model';
import { TREE_LEAVES_WASM } from './leafKernel.wasm';
import type { BoostingState, Link, TreeEnsembleState } from './state';
import type { Tree } from './tree';

/**
 * Prediction of the tree families (one tree, a forest, boosting) from their fitted state, shared by
 * the studio, the CLI and the runtime. It imports no fitting code and no binning; where WebAssembly
 * compiles, the walk runs in kernels.wat's 2 KB tree kernels (leafKernel.wasm.ts): `treeLeaves`
 * (whose JavaScript twin is `walkTree`) and, for boosting, `treeSums`, which also adds the leaf values.
 *
 * The trees are packed once into flat typed arrays, breadth first, so that a node's two children
 * sit side by side: a row goes to `child[p] + (x > threshold[p])`. A leaf points to itself with an
 * infinite threshold, so a row can walk on past its leaf without a branch on where it stands, and
 * eight rows walk at once, which keeps eight independent chains of loads in flight (a tree walk is
 * bound by load latency, not arithmetic). `walkTree` walks each tree's depth; the kernels stop a
 * group of eight earlier once all of them stand on leaves. Thresholds stay float64,
 * so a float32 feature is compared exactly as `leafOf` compares it and the leaves are the same.
 */

/**
 * Rows per block for d features: the block's features (≤ 1 MB) stay in cache while every tree walks
 * them; 4096 at most, 8 at least (as the walker before this one measured best).
 */
export function blockRows(d: number): number {
  return Math.max(8, Math.min(4096, Math.floor((1 << 20) / (4 * Math.max(1, d)))));
}

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
    walkMissing(flat, root, depth, X, d, first, count, out);
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

/**
 * `walkTree` for rows that may hold NaN: a missing value goes the node's missing side, still with
 * no branch (`x !== x` is the NaN test), eight rows at a time.
 */
function walkMissing(flat: FlatTrees, root: number, depth: number, X: Float32Array, d: number, first: number, count: number, out: Int32Array): void {
  const { feature, threshold, child, missingRight: right } = flat;
  const step = (p: number, x: number) => child[p] + (+(x > threshold[p]) | (+(x !== x) & right[p]));
  let j = 0;
  for (; j + 8 <= count; j += 8) {
    const b0 = (first + j) * d;
    let p0 = root;
    let p1 = root;
    let p2 = root;
    let p3 = root;
    let p4 = root;
    let p5 = root;
    let p6 = root;
    let p7 = root;
    for (let s = 0; s < depth; s++) {
      p0 = step(p0, X[b0 + feature[p0]]);
      p1 = step(p1, X[b0 + d + feature[p1]]);
      p2 = step(p2, X[b0 + 2 * d + feature[p2]]);
      p3 = step(p3, X[b0 + 3 * d + feature[p3]]);
      p4 = step(p4, X[b0 + 4 * d + feature[p4]]);
      p5 = step(p5, X[b0 + 5 * d + feature[p5]]);
      p6 = step(p6, X[b0 + 6 * d + feature[p6]]);
      p7 = step(p7, X[b0 + 7 * d + feature[p7]]);
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
    for (let s = 0; s < depth; s++) p = step(p, X[base + feature[p]]);
    out[j] = p;
  }
}

/** Receives the leaf positions of rows first … first + count − 1 in tree t. */
type LeafVisitor = (t: number, leaves: Int32Array, first: number, count: number) => void;

/** Writes the leaf positions of rows first … first + count − 1 of X in tree t (a view it may reuse). */
type BlockWalk = (t: number, X: Float32Array, first: number, count: number, missing: boolean) => Int32Array;

/** The walk in JavaScript over the flat arrays (`walkTree`). */
function jsWalk(flat: FlatTrees, d: number): BlockWalk {
  const leaves = new Int32Array(blockRows(d));
  return (t, X, first, count, missing) => {
    walkTree(flat, t, X, d, first, count, missing, leaves);
    return leaves;
  };
}

/** Bytes in a WebAssembly page. */
const PAGE = 65536;

/** kernels.wat's tree kernels (leafKernel.wasm.ts), instantiated over a fresh memory. */
interface TreeKernels {
  readonly memory: WebAssembly.Memory;
  treeLeaves(X: number, n: number, d: number, root: number, depth: number, leaves: number, hasMissing: number): void;
  treeSums(X: number, n: number, d: number, root: number, depth: number, sums: number, stride: number, values: number, hasMissing: number): void;
}

/**
 * The tree kernels over a memory of `bytes` whose first bytes hold the trees packed in the kernels'
 * 16-byte node layout, each node's packed position as its number. Null where WebAssembly cannot be
 * compiled (a page whose CSP forbids it): the JavaScript walk gives the same leaves.
 */
function treeKernels(flat: FlatTrees, d: number, bytes: number): TreeKernels | null {
  const nodes = flat.node.length;
  if (d === 0 || nodes === 0 || typeof WebAssembly === 'undefined') return null;
  let kernels: TreeKernels;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(base64ToBytes(TREE_LEAVES_WASM) as Uint8Array<ArrayBuffer>), { env: { memory } });
    kernels = { memory, ...(instance.exports as unknown as Omit<TreeKernels, 'memory'>) };
  } catch {
    return null;
  }
  const ints = new Int32Array(kernels.memory.buffer, 0, nodes * 4);
  const floats = new Float32Array(kernels.memory.buffer, 0, nodes * 4);
  for (let p = 0; p < nodes; p++) {
    // A leaf (its own child) reads feature 0 against +∞ and sends a missing value left, to itself.
    const leaf = flat.child[p] === p;
    ints[4 * p] = leaf ? 0 : flat.feature[p] * 4;
    floats[4 * p + 1] = leaf ? Infinity : float32AtMost(flat.threshold[p]);
    ints[4 * p + 2] = flat.child[p] * 16;
    ints[4 * p + 3] = p | (leaf || flat.missingRight[p] === 0 ? 1 << 31 : 0);
  }
  return kernels;
}

/**
 * The walk in WebAssembly: kernels.wat's `treeLeaves` (the same walk, eight rows at a time, without
 * JavaScript's bounds checks: 1.3–1.6× the speed of `walkTree`, measured). Null where the kernels
 * do not compile.
 */
function kernelWalk(flat: FlatTrees, d: number): BlockWalk | null {
  const x = flat.node.length * 16;
  const block = groupRows(blockRows(d));
  const out = x + block * d * 4;
  const kernels = treeKernels(flat, d, out + block * 4);
  if (!kernels) return null;
  const rows = new Float32Array(kernels.memory.buffer, x, block * d);
  const leaves = new Int32Array(kernels.memory.buffer, out, block);
  return (t, X, first, count, missing) => {
    // Blocks are walked tree 0 first: the block's rows go into the kernel's memory once.
    if (t === 0) copyRows(X, d, first, count, rows);
    kernels.treeLeaves(x, count, d, flat.roots[t] * 16, flat.depths[t], out, missing ? 1 : 0);
    return leaves;
  };
}

/** Adds every tree's leaf value to the raw scores of the n rows of X (n × K, round-major trees: tree t adds to output t mod K). */
type TreeSums = (X: Float32Array, n: number, raw: Float64Array) => void;

/** `TreeSums` in JavaScript: `walkTree` block by block, the values added here. */
function jsSums(flat: FlatTrees, values: Float64Array, d: number, K: number, trees: number): TreeSums {
  const walk = jsWalk(flat, d);
  return (X, n, raw) =>
    eachLeaf(walk, X, n, d, trees, (t, leaves, first, count) => {
      const k = t % K;
      for (let j = 0; j < count; j++) raw[(first + j) * K + k] += values[leaves[j]];
    });
}

/**
 * `TreeSums` in WebAssembly: kernels.wat's `treeSums` adds each row's leaf value to its score in
 * the kernel's memory, tree after tree over a block, in the order the JavaScript twin adds them
 * (so the sums are the same to the bit); no leaf numbers come back to JavaScript (measured: the
 * JavaScript additions were a tenth of the runtime's prediction time). Null where the kernels do
 * not compile.
 */
function kernelSums(flat: FlatTrees, values: Float64Array, d: number, K: number, trees: number): TreeSums | null {
  const nodes = flat.node.length;
  const block = blockRows(d);
  const valuesAt = nodes * 16;
  const x = valuesAt + nodes * 8;
  const sumsAt = x + groupRows(block) * d * 4;
  const kernels = treeKernels(flat, d, sumsAt + groupRows(block) * K * 8);
  if (!kernels) return null;
  new Float64Array(kernels.memory.buffer, valuesAt, nodes).set(values);
  const rows = new Float32Array(kernels.memory.buffer, x, groupRows(block) * d);
  const sums = new Float64Array(kernels.memory.buffer, sumsAt, groupRows(block) * K);
  return (X, n, raw) => {
    for (let first = 0; first < n; first += block) {
      const count = Math.min(block, n - first);
      const missing = hasMissing(X, first * d, (first + count) * d) ? 1 : 0;
      copyRows(X, d, first, count, rows);
      sums.set(raw.subarray(first * K, (first + count) * K));
      for (let t = 0; t < trees; t++) {
        kernels.treeSums(x, count, d, flat.roots[t] * 16, flat.depths[t], sumsAt + (t % K) * 8, K * 8, valuesAt, missing);
      }
      raw.set(sums.subarray(0, count * K), first * K);
    }
  };
}

/** n rounded up to whole groups of eight rows (the kernels walk eight rows at a time, no fewer). */
function groupRows(n: number): number {
  return (n + 7) & ~7;
}

/**
 * Copies rows first … first + count − 1 of X (d features) into the kernels' memory, then zeros up
 * to the next whole group of eight: the kernels walk those spare rows too, and their leaves and sums
 * (in the spare room after the block's) are never read.
 */
function copyRows(X: Float32Array, d: number, first: number, count: number, into: Float32Array): void {
  into.set(X.subarray(first * d, (first + count) * d));
  into.fill(0, count * d, groupRows(count) * d);
}

/** Whether X[start, end) holds a NaN. */
function hasMissing(X: Float32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (X[i] !== X[i]) return true;
  return false;
}

/**
 * Walks every tree over the n rows of X in blocks, tree by tree within a block, so every row still
 * adds its trees in tree order (the sums do not depend on the block size).
 */
function eachLeaf(walk: BlockWalk, X: Float32Array, n: number, d: number, trees: number, visit: LeafVisitor): void {
  const block = blockRows(d);
  for (let first = 0; first < n; first += block) {
    const count = Math.min(block, n - first);
    const missing = hasMissing(X, first * d, (first + count) * d);
    for (let t = 0; t < trees; t++) visit(t, walk(t, X, first, count, missing), first, count);
  }
}

const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);

/**
 * The largest float32 not above `t`: for every float32 v, v ≤ t exactly when v ≤ this, so the
 * kernel's float32 comparison splits rows as the float64 threshold does.
 */
export function float32AtMost(t: number): number {
  f32[0] = t;
  if (f32[0] <= t || Number.isNaN(t)) return f32[0];
  // Rounded up: step one float32 down (towards −∞).
  if (f32[0] === 0) return -1.401298464324817e-45;
  f32Bits[0] += f32[0] > 0 ? -1 : 1;
  return f32[0];
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

/** The WebAssembly walk where it compiles (and `kernel` is true), the JavaScript one otherwise. */
function walkerOf(flat: FlatTrees, d: number, kernel: boolean): BlockWalk {
  return (kernel ? kernelWalk(flat, d) : null) ?? jsWalk(flat, d);
}

/**
 * A predictor averaging the trees' leaf outputs (probabilities or values): one tree, or a forest.
 * `kernel: false` keeps to the JavaScript walk (tests, measurements).
 */
export function treeEnsemblePredictor(state: TreeEnsembleState, d: number, kernel = true): Predictor {
  const flat = flattenTrees(state.trees);
  const walk = walkerOf(flat, d, kernel);
  const k = state.trees[0]?.outputs ?? 1;
  const values = positionValues(flat, state.trees, k);
  const scale = 1 / state.trees.length;
  return {
    outputs(X, n) {
      const sum = new Float64Array(n * k);
      eachLeaf(walk, X, n, d, state.trees.length, (_t, leaves, first, count) => {
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

/** A predictor of boosting: the baseline plus every tree's leaf value, through the link; `kernel` as above. */
export function boostingPredictor(state: BoostingState, d: number, kernel = true): Predictor {
  const K = state.baseline.length;
  const trees = state.trees.length;
  const flat = flattenTrees(state.trees);
  const values = positionValues(flat, state.trees, 1);
  const sums = (kernel ? kernelSums(flat, values, d, K, trees) : null) ?? jsSums(flat, values, d, K, trees);
  return {
    outputs(X, n) {
      const raw = new Float64Array(n * K);
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = state.baseline[k];
      sums(X, n, raw);
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
