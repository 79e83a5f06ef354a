import { checkArray, checkInteger, checkIntegers, checkNumbers, checkObject, checkString, fail } from '../../util/check';
import { type StateCheckContext, outputCount } from '../stateCheck';
import type { Tree } from './tree';

/** The fitted state of gradient boosting: a starting score per output and the trees, round by round. */
export interface BoostingState {
  readonly link: Link;
  readonly baseline: readonly number[];
  /** K trees per round for K outputs, round-major; the learning rate is already in the leaf values. */
  readonly trees: readonly Tree[];
}

/** How raw scores become outputs: one score through a sigmoid, K through a softmax, or the value. */
export type Link = 'sigmoid' | 'softmax' | 'identity';

/** The fitted state of the tree and forest models: trees whose outputs are averaged. */
export interface TreeEnsembleState {
  readonly trees: readonly Tree[];
}

/**
 * Checks of the fitted state of the tree families (one tree, a forest, boosting), run on every
 * model file before a predictor walks a tree. A tree must be a tree: every child index in range,
 * every node reached exactly once from the root (no cycle, no node shared, none unreached), split
 * features below `nFeatures`, `outputs` values per node. The walk is iterative and visits each node
 * once, so it takes time linear in the file whatever the file holds (issue 11: a child pointing
 * back to its parent made `leafOf` loop forever).
 */

/** Checks one tree of `outputs` values per node at `path`. */
export function checkTree(x: unknown, path: string, nFeatures: number, outputs: number): void {
  const tree = checkObject(x, path);
  checkInteger(tree.outputs, `${path}.outputs`, outputs, outputs);
  const feature = checkIntegers(tree.feature, `${path}.feature`, -1, nFeatures - 1);
  const nodes = feature.length;
  if (nodes === 0) fail(`${path}.feature`, 'a tree has at least one node');
  checkNumbers(tree.threshold, `${path}.threshold`, nodes);
  checkIntegers(tree.missingLeft, `${path}.missingLeft`, 0, 1, nodes);
  const left = checkIntegers(tree.left, `${path}.left`, -1, nodes - 1, nodes);
  const right = checkIntegers(tree.right, `${path}.right`, -1, nodes - 1, nodes);
  checkNumbers(tree.values, `${path}.values`, nodes * outputs);
  if (tree.samples !== undefined) checkNumbers(tree.samples, `${path}.samples`, nodes, 0);
  // Depth first from the root, with an explicit stack: each node is pushed once at most.
  const reached = new Uint8Array(nodes);
  const stack = [0];
  reached[0] = 1;
  let count = 1;
  while (stack.length) {
    const node = stack.pop()!;
    if (feature[node] < 0) continue;
    for (const [side, children] of [['left', left], ['right', right]] as const) {
      const child = children[node];
      if (child < 0) fail(`${path}.${side}[${node}]`, `node ${node} splits but has no ${side} child`);
      if (reached[child]) fail(`${path}.${side}[${node}]`, `points back to node ${child}`);
      reached[child] = 1;
      count++;
      stack.push(child);
    }
  }
  if (count < nodes) fail(`${path}.feature`, `node ${reached.indexOf(0)} is never reached from the root`);
}

/** Checks an array of trees at `path`, each with `outputs` values per node. */
export function checkTrees(x: unknown, path: string, nFeatures: number, outputs: number, atLeast = 1): unknown[] {
  const trees = checkArray(x, path);
  if (trees.length < atLeast) fail(path, 'holds no trees');
  trees.forEach((tree, t) => checkTree(tree, `${path}[${t}]`, nFeatures, outputs));
  return trees;
}

/** The state check of one tree and of a forest: trees whose outputs are averaged. */
export function checkTreeEnsembleState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  checkTrees(state.trees, `${ctx.path}.trees`, ctx.nFeatures, outputCount(ctx));
}

/** The state check of boosting: a link, a baseline per output, and K one-output trees per round. */
export function checkBoostingState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  const link = checkString(state.link, `${ctx.path}.link`, ['sigmoid', 'softmax', 'identity']);
  const expected = ctx.task === 'regression' ? 'identity' : ctx.classes === 2 ? 'sigmoid' : 'softmax';
  if (link !== expected) fail(`${ctx.path}.link`, `a ${ctx.task} model with ${ctx.classes} classes boosts through "${expected}", not "${link}"`);
  const K = link === 'softmax' ? ctx.classes : 1;
  checkNumbers(state.baseline, `${ctx.path}.baseline`, K);
  // Early stopping may keep no round at all: the baseline alone predicts.
  const trees = checkTrees(state.trees, `${ctx.path}.trees`, ctx.nFeatures, 1, 0);
  if (trees.length % K !== 0) fail(`${ctx.path}.trees`, `holds ${trees.length} trees, not a whole number of rounds of ${K}`);
}
