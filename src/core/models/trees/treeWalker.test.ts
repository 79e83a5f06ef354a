import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { type Tree, leafOf } from './tree';
import { TreeWalker, float32AtMost } from './treeWalker';

/** A random tree of `splits` splits over d features, grown at random leaves (uneven depths). */
function randomTree(splits: number, d: number, rng: ReturnType<typeof createRng>): Tree {
  const tree = { feature: [-1], threshold: [0], missingLeft: [0], left: [-1], right: [-1], values: [0], outputs: 1, samples: [0] };
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
      tree.values.push(0);
      tree.samples.push(0);
    }
  }
  return tree;
}

describe('TreeWalker', () => {
  it('finds the leaf leafOf finds, for every row and tree (missing values, exact thresholds, any row count)', () => {
    const rng = createRng(3);
    const d = 5;
    const trees = [randomTree(0, d, rng), randomTree(1, d, rng), randomTree(30, d, rng), randomTree(200, d, rng)];
    for (const n of [1, 7, 8, 9, 5000]) {
      const X = Float32Array.from({ length: n * d }, (_, i) => (i % 11 === 0 ? NaN : rng.normal()));
      // Some values exactly at, and one float32 step either side of, a threshold.
      for (let i = 0; i + 3 < n; i += 4) {
        const t = trees[3].threshold[0];
        const f = trees[3].feature[0];
        X[i * d + f] = float32AtMost(t);
        X[(i + 1) * d + f] = Math.fround(t);
      }
      const seen: number[][] = trees.map(() => new Array(n).fill(-1));
      new TreeWalker(trees, d).leaves(X, n, (t, leaves, first, count) => {
        for (let j = 0; j < count; j++) seen[t][first + j] = leaves[j];
      });
      trees.forEach((tree, t) => expect(seen[t]).toEqual(Array.from({ length: n }, (_, i) => leafOf(tree, X, i, d))));
    }
  });

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
