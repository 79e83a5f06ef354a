/**
 * A fitted decision tree as plain data (arrays, so it survives JSON and postMessage): node i splits
 * on `feature[i]` at `threshold[i]` (value ≤ threshold goes left; a missing value goes left when
 * `missingLeft[i]`), or is a leaf (`feature[i] = −1`) holding `values` at `i * outputs`.
 */
export interface Tree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly missingLeft: number[];
  readonly left: number[];
  readonly right: number[];
  /** `outputs` numbers per node: class probabilities, a mean, or a boosting leaf score. */
  readonly values: number[];
  readonly outputs: number;
  /** Training samples (weight) that reached each node. */
  readonly samples: number[];
}

/** The leaf a row of a row-major matrix falls into. */
export function leafOf(tree: Tree, X: Float32Array, row: number, d: number): number {
  let node = 0;
  const { feature, threshold, missingLeft, left, right } = tree;
  while (feature[node] >= 0) {
    const v = X[row * d + feature[node]];
    node = (v !== v ? missingLeft[node] === 1 : v <= threshold[node]) ? left[node] : right[node];
  }
  return node;
}

/** Depth of the tree (a lone leaf has depth 0) and its leaf count. */
export function treeShape(tree: Tree): { depth: number; leaves: number } {
  let depth = 0;
  let leaves = 0;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (tree.feature[node] < 0) {
      leaves++;
      depth = Math.max(depth, level);
    } else {
      stack.push([tree.left[node], level + 1], [tree.right[node], level + 1]);
    }
  }
  return { depth, leaves };
}
