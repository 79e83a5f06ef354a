import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { compileTreeLeaves, treeLeavesModule } from '../../../../scripts/build-kernels.mjs';
import { createRng } from '../../util/rng';
import { blockRows, boostingPredictor, flattenTrees, float32AtMost, treeEnsemblePredictor, walkTree } from './predict';
import type { BoostingState } from './state';
import { type Tree, leafOf } from './tree';

type Rng = ReturnType<typeof createRng>;

/** A random tree of `splits` splits over d features, grown at random leaves (uneven depths), `outputs` values per leaf. */
function randomTree(splits: number, d: number, rng: Rng, outputs = 1): Tree {
  const tree = { feature: [-1], threshold: [0], missingLeft: [0], left: [-1], right: [-1], values: [] as number[], outputs, samples: [0] };
  const leaves = [0];
  for (let s = 0; s < splits; s++) {
    const node = leaves.splice(Math.floor(rng.next() * leaves.length), 1)[0];
    tree.feature[node] = Math.floor(rng.next() * d);
    // Midpoints of nearby float32 values: most are not float32s themselves.
    tree.threshold[node] = (Math.fround(rng.normal()) + Math.fround(rng.normal() * 1e-7)) / 2;
    tree.missingLeft[node] = rng.next() < 0.5 ? 1 : 0;
    for (const side of ['left', 'right'] as const) {
      tree[side][node] = tree.feature.length;
      leaves.push(tree.feature.length);
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.missingLeft.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.samples.push(0);
    }
  }
  tree.values = Array.from({ length: tree.feature.length * outputs }, () => rng.next());
  return tree;
}

/** Rows with NaN where `missing`, and values exactly at, and one float32 step below, a root threshold. */
function rows(n: number, d: number, rng: Rng, tree: Tree, missing: boolean): Float32Array {
  const X = Float32Array.from({ length: n * d }, (_, i) => (missing && i % 11 === 0 ? NaN : rng.normal()));
  const f = tree.feature[0];
  if (f < 0) return X;
  for (let i = 0; i + 1 < n; i += 4) {
    X[i * d + f] = Math.fround(tree.threshold[0]);
    X[(i + 1) * d + f] = Math.fround(Math.fround(tree.threshold[0]) - Math.abs(Math.fround(tree.threshold[0])) * 1e-7);
  }
  return X;
}

describe('the flat tree walker', () => {
  it('finds the leaf leafOf finds, for every row and tree (missing values, values at thresholds, any row count)', () => {
    const rng = createRng(3);
    const d = 5;
    const trees = [randomTree(0, d, rng), randomTree(1, d, rng), randomTree(30, d, rng), randomTree(200, d, rng)];
    const flat = flattenTrees(trees);
    for (const missing of [false, true]) {
      for (const n of [1, 7, 8, 9, 17, 1000]) {
        const X = rows(n, d, rng, trees[3], missing);
        const out = new Int32Array(n);
        trees.forEach((tree, t) => {
          walkTree(flat, t, X, d, 0, n, missing, out);
          expect(Array.from(out, (p) => flat.node[p])).toEqual(Array.from({ length: n }, (_, i) => leafOf(tree, X, i, d)));
        });
      }
    }
  });

  it('predicts as the trees walked one by one with leafOf: forest averages and boosting sums through the link', () => {
    const rng = createRng(9);
    const d = 4;
    const n = 2 * blockRows(d) + 300; // more than two blocks of rows, the last one partial
    const forest = Array.from({ length: 7 }, () => randomTree(40, d, rng, 3));
    const X = rows(n, d, rng, forest[0], true);
    const averaged = treeEnsemblePredictor({ trees: forest }, d).outputs(X, n);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const tree of forest) sum += tree.values[leafOf(tree, X, i, d) * 3 + c] / forest.length;
        expect(averaged[i * 3 + c]).toBe(Math.fround(sum));
      }
    }
    // Three classes, two rounds: round-major, tree t adds to class t mod 3.
    const boosting: BoostingState = { link: 'softmax', baseline: [0.1, -0.2, 0.3], trees: Array.from({ length: 6 }, () => randomTree(25, d, rng)) };
    const proba = boostingPredictor(boosting, d).outputs(X, n);
    for (let i = 0; i < n; i++) {
      const raw = [...boosting.baseline];
      boosting.trees.forEach((tree, t) => (raw[t % 3] += tree.values[leafOf(tree, X, i, d)]));
      const max = Math.max(...raw);
      const total = raw.reduce((s, r) => s + Math.exp(r - max), 0);
      for (let k = 0; k < 3; k++) expect(proba[i * 3 + k]).toBeCloseTo(Math.exp(raw[k] - max) / total, 6);
    }
  });
});

describe('the WebAssembly tree walk', () => {
  it('gives the JavaScript walk\'s outputs bit for bit (with and without missing values, partial blocks)', () => {
    const rng = createRng(11);
    const d = 6;
    const forest = Array.from({ length: 5 }, () => randomTree(60, d, rng, 2));
    const boosting: BoostingState = { link: 'sigmoid', baseline: [0.2], trees: Array.from({ length: 9 }, () => randomTree(30, d, rng)) };
    // Three classes: the kernel adds tree t to every row's output t mod 3 (a stride of three).
    const multiclass: BoostingState = { link: 'softmax', baseline: [0.1, -0.2, 0.3], trees: Array.from({ length: 12 }, () => randomTree(30, d, rng)) };
    for (const missing of [false, true]) {
      const n = blockRows(d) + 1100;
      const X = rows(n, d, rng, forest[0], missing);
      expect(Array.from(treeEnsemblePredictor({ trees: forest }, d).outputs(X, n))).toEqual(Array.from(treeEnsemblePredictor({ trees: forest }, d, false).outputs(X, n)));
      expect(Array.from(boostingPredictor(boosting, d).outputs(X, n))).toEqual(Array.from(boostingPredictor(boosting, d, false).outputs(X, n)));
      expect(Array.from(boostingPredictor(multiclass, d).outputs(X, n))).toEqual(Array.from(boostingPredictor(multiclass, d, false).outputs(X, n)));
    }
  });

  it('stops each group of eight at its own leaves and never short: a lone leaf, depths not a multiple of 3, fewer than 8 rows', () => {
    const rng = createRng(12);
    const d = 3;
    // 0, 1, 2 and 200 splits: depths 0, 1, 2 and far past 3 steps, grown at random leaves (uneven).
    const trees = [randomTree(0, d, rng), randomTree(1, d, rng), randomTree(2, d, rng), randomTree(200, d, rng)];
    const boosting: BoostingState = { link: 'identity', baseline: [0.5], trees };
    for (const missing of [false, true]) {
      for (const n of [1, 5, 8, 13, 640]) {
        const X = rows(n, d, rng, trees[3], missing);
        const kernel = boostingPredictor(boosting, d).outputs(X, n);
        const expected = Array.from({ length: n }, (_, i) => Math.fround(trees.reduce((sum, tree) => sum + tree.values[leafOf(tree, X, i, d)], 0.5)));
        expect(Array.from(kernel)).toEqual(expected);
        expect(Array.from(treeEnsemblePredictor({ trees }, d).outputs(X, n))).toEqual(Array.from(treeEnsemblePredictor({ trees }, d, false).outputs(X, n)));
      }
    }
  });

  it('is the compiled treeLeaves and treeSums of kernels.wat (run `node scripts/build-kernels.mjs` after editing it)', async () => {
    const text = readFileSync(new URL('../../kernels/kernels.wat', import.meta.url), 'utf8');
    expect(readFileSync(new URL('./leafKernel.wasm.ts', import.meta.url), 'utf8')).toBe(treeLeavesModule(await compileTreeLeaves(text)));
  });
});

describe('float32AtMost', () => {
  it('rounds thresholds down to float32 so that float32 comparisons agree with float64 ones', () => {
    for (const t of [0.1, -0.1, 1 / 3, -1 / 3, 1e-40, -1e-40, 0, 1, 3.4e38, -3.4e38]) {
      const below = float32AtMost(t);
      expect(Math.fround(below)).toBe(below);
      expect(below).toBeLessThanOrEqual(t);
      // The next float32 up is above t.
      const bits = new Float32Array([below]);
      const asInt = new Int32Array(bits.buffer);
      if (below >= 0) asInt[0] += 1;
      else asInt[0] -= 1;
      expect(bits[0]).toBeGreaterThan(t);
    }
  });
});
