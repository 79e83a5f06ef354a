import { OTHER_CATEGORY } from '../../prep/oneHot';
import type { FittedPipeline } from '../../prep/recipe';
import { SaplingError } from '../../util/errors';
import { type Keyed, own } from '../../util/keyed';
import type { FittedModel } from '../model';
import { type Tree, treeShape } from './tree';

/**
 * A fitted tree told in the person's terms: thresholds are learned on the model's inputs (after
 * standardisation and one-hot encoding), so each split is mapped back through the fitted pipeline to
 * the column and units the person knows ("bill_length_mm ≤ 43.25", "island = Dream"). The result is
 * small plain data for the page; large trees are cut to their first whole levels.
 */

/** A split in the person's terms. Rows answering the question with yes go to `yesGoesLeft ? left : right`. */
export interface SplitRule {
  /** The data column the split reads (`island`), and the model feature (`island=Dream`). */
  readonly column: string;
  readonly feature: string;
  /** The question asked at the node: `bill_length_mm ≤ 43.25`, `island = Dream`. */
  readonly question: string;
  /** True for threshold questions (≤ goes left); false for category questions (= goes right). */
  readonly yesGoesLeft: boolean;
  /** The condition of each branch in full: `bill_length_mm > 43.25`, `island ≠ Dream`. */
  readonly left: string;
  readonly right: string;
  /** Where a row with this value missing ends up (after the pipeline fills it, if it does). */
  readonly missing: 'left' | 'right';
  /** What a missing value is filled with before the split, as the person reads it; null when it is not filled. */
  readonly missingFill: string | null;
}

/** What a node predicts: a class (with its share and counts per class), a value, or a boosting score. */
export type NodePrediction =
  | { readonly kind: 'class'; readonly label: string; readonly classIndex: number; readonly share: number; readonly counts: readonly number[] }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'score'; readonly value: number };

/** One node of a described tree. */
export interface TreeNodeView {
  readonly depth: number;
  /** The split; null for a leaf. A cut node keeps its rule but has no children. */
  readonly rule: SplitRule | null;
  /** Indices (in `nodes`) of the left and right children; null for leaves and cut nodes. */
  readonly children: readonly [number, number] | null;
  /** Nodes below this one left out of the description (0 unless the tree was cut here). */
  readonly hidden: number;
  /** Training rows (or bootstrap weight) that reached the node. */
  readonly samples: number;
  readonly prediction: NodePrediction;
}

/** A tree of a fitted model, described for the page. */
export interface TreeDescription {
  /** Which tree of the model (0-based), how many there are, and a title such as "Tree 3 of 100". */
  readonly index: number;
  readonly count: number;
  readonly title: string;
  /** What the node predictions are: classes, mean values, or scores a boosting tree adds. */
  readonly output: NodePrediction['kind'];
  readonly classes: readonly string[];
  /** What a score means (boosting only): e.g. `log-odds of “Gentoo”`. */
  readonly scoreMeaning: string | null;
  /** Nodes in breadth-first order; `nodes[0]` is the root. */
  readonly nodes: readonly TreeNodeView[];
  /** The whole tree's size, of which `nodes` may be the first `shownDepth` levels. */
  readonly totalNodes: number;
  readonly depth: number;
  readonly leaves: number;
  readonly shownDepth: number;
  /** Set when thresholds could not all be brought back to the data's units (an unknown step). */
  readonly note: string | null;
}

/** How much of a tree to describe: whole levels while both limits hold. */
export interface DescribeLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
}

/** Enough for any readable tree; deeper ones are cut to their first levels. */
export const DEFAULT_LIMITS: DescribeLimits = { maxDepth: 10, maxNodes: 255 };

/** The trees of a fitted tree model (tree, forest, gradient boosting); null for other families. */
export function fittedTrees(fitted: FittedModel): readonly Tree[] | null {
  const trees = (fitted.state as { trees?: unknown } | null)?.trees;
  return Array.isArray(trees) ? (trees as Tree[]) : null;
}

/** Describes tree `index` of a fitted tree model through the pipeline that made its inputs. */
export function describeFittedTree(fitted: FittedModel, pipeline: FittedPipeline, index = 0, limits: DescribeLimits = DEFAULT_LIMITS): TreeDescription {
  const trees = fittedTrees(fitted);
  if (!trees) throw new SaplingError('not-a-tree', `a ${fitted.model} model has no trees to draw`);
  if (!Number.isInteger(index) || index < 0 || index >= trees.length) {
    throw new SaplingError('no-such-tree', `the model has ${trees.length} tree${trees.length === 1 ? '' : 's'}; there is no tree ${index + 1}`);
  }
  const boosting = (fitted.state as { baseline?: unknown }).baseline !== undefined;
  const classes = fitted.classes;
  const output: NodePrediction['kind'] = boosting ? 'score' : fitted.task === 'binary' || fitted.task === 'multiclass' ? 'class' : 'value';
  // Boosting keeps one tree per class per round (round-major) for several classes, one per round otherwise.
  const perRound = boosting && classes.length > 2 ? classes.length : 1;
  const scoreClass = perRound > 1 ? classes[index % perRound] : classes[1];
  const title = boosting
    ? `Round ${Math.floor(index / perRound) + 1} of ${trees.length / perRound}${perRound > 1 ? `, class ${scoreClass}` : ''}`
    : trees.length === 1
      ? 'The decision tree'
      : `Tree ${index + 1} of ${trees.length}`;
  const scoreMeaning = !boosting ? null : fitted.task === 'regression' ? 'the predicted value' : perRound > 1 ? `the score of “${scoreClass}” (softmax)` : `the log-odds of “${scoreClass}”`;
  const readers = featureReaders(pipeline, fitted.nFeatures);
  return { index, count: trees.length, title, output, classes, scoreMeaning, ...walk(trees[index], readers.features, output, classes, limits), note: readers.note };
}

/** How a model feature reads in the data's terms. */
interface FeatureReader {
  readonly feature: string;
  readonly column: string;
  /** The indicator's category (`Dream` of `island=Dream`), or the true label of a boolean; null for numbers. */
  readonly category: string | null;
  /** A model-input value in the column's units. */
  toUser(v: number): number;
  /** The model-input value a missing entry becomes (NaN if the pipeline does not fill it) and the fill as shown. */
  readonly missing: { readonly value: number; readonly fill: string | null };
}

/** Steps that never change a value the model sees (they drop, fill or encode columns). */
const VALUE_PRESERVING = new Set(['drop-columns', 'impute', 'one-hot']);

type Affine = { readonly offset: number; readonly scale: number };

/** Readers for every model feature, from the fitted pipeline's steps. */
function featureReaders(pipeline: FittedPipeline, d: number): { features: FeatureReader[]; note: string | null } {
  const unknown = [...new Set(pipeline.steps.filter((s) => s.step !== 'scale' && !VALUE_PRESERVING.has(s.step)).map((s) => s.step))];
  const booleans = new Set(pipeline.inputs.filter((c) => c.kind === 'boolean').map((c) => c.name));
  const features = pipeline.features.slice(0, d).map((f): FeatureReader => {
    // Scale steps keyed by this feature's name, in pipeline order, with the step's position.
    const ops: { at: number; op: Affine }[] = [];
    pipeline.steps.forEach((s, at) => {
      const op = s.step === 'scale' ? own((s.state as { columns?: Keyed<Affine> }).columns, f.name) : undefined;
      if (op && Number.isFinite(op.offset) && Number.isFinite(op.scale) && op.scale !== 0) ops.push({ at, op });
    });
    const toUser = (v: number) => ops.reduceRight((x, { op }) => x * op.scale + op.offset, v);
    const forward = (v: number, after: number) => ops.reduce((x, { at, op }) => (at > after ? (x - op.offset) / op.scale : x), v);
    const category = f.name !== f.source && f.name.startsWith(`${f.source}=`) ? f.name.slice(f.source.length + 1) : booleans.has(f.name) ? 'true' : null;
    return { feature: f.name, column: f.source, category, toUser, missing: missingValue(pipeline, f.name, f.source, category, forward) };
  });
  const note = unknown.length ? `Thresholds are shown after the ${unknown.map((s) => `“${s}”`).join(', ')} step${unknown.length > 1 ? 's' : ''}, which cannot be undone here.` : null;
  return { features, note };
}

/** What a missing entry of a column becomes at the model's input, following the impute and one-hot steps. */
function missingValue(pipeline: FittedPipeline, feature: string, column: string, category: string | null, forward: (v: number, after: number) => number): FeatureReader['missing'] {
  const at = pipeline.steps.findIndex((s) => s.step === 'impute');
  const fills = at >= 0 ? (pipeline.steps[at].state as { fills?: Keyed<number | string> }).fills : undefined;
  // A made column (`age×fare`) has no fill of its own: its first source's fill is not its value.
  const fill = own(fills, feature) ?? (category !== null || feature === column ? own(fills, column) : undefined);
  if (category === null) return typeof fill === 'number' ? { value: forward(fill, at), fill: formatNumber(fill) } : { value: NaN, fill: null };
  // An indicator is 0 for a missing or unseen category (one-hot), 1 if the fill is its category.
  // A number fills the indicator itself (a boolean column's 0/1, or a fill after the encoding).
  if (typeof fill === 'number') return { value: forward(fill, at), fill: fill === 1 ? category : fill === 0 ? (category === 'true' ? 'false' : `not ${category}`) : formatNumber(fill) };
  return { value: forward(fill === category ? 1 : 0, at), fill: fill ?? null };
}

/** The nodes of the first whole levels that fit the limits, with rules and predictions. */
function walk(tree: Tree, readers: readonly FeatureReader[], output: NodePrediction['kind'], classes: readonly string[], limits: DescribeLimits) {
  const levels: number[][] = [[0]];
  while (levels.length <= limits.maxDepth) {
    const next = levels[levels.length - 1].flatMap((i) => (tree.feature[i] >= 0 ? [tree.left[i], tree.right[i]] : []));
    if (!next.length) break;
    levels.push(next);
  }
  let shown = 0;
  let count = 0;
  while (shown < levels.length && count + levels[shown].length <= Math.max(1, limits.maxNodes)) count += levels[shown++].length;
  shown = Math.max(1, shown);
  const totalNodes = tree.feature.length;
  const sizes = subtreeSizes(tree);
  const scores = output === 'score' ? meanScores(tree) : null;
  const position = new Map<number, number>();
  levels.slice(0, shown).flat().forEach((node, i) => position.set(node, i));
  const nodes: TreeNodeView[] = levels.slice(0, shown).flatMap((level, depth) =>
    level.map((node): TreeNodeView => {
      const split = tree.feature[node] >= 0;
      const kept = split && position.has(tree.left[node]);
      return {
        depth,
        rule: split ? describeSplit(readers[tree.feature[node]], tree.threshold[node], tree.missingLeft[node] === 1) : null,
        children: kept ? [position.get(tree.left[node])!, position.get(tree.right[node])!] : null,
        hidden: split && !kept ? sizes[node] - 1 : 0,
        samples: tree.samples[node],
        prediction: predictionOf(tree, node, output, classes, scores),
      };
    }),
  );
  return { nodes, totalNodes, ...treeShape(tree), shownDepth: shown - 1 };
}

/** A split's rule through its feature's reader. */
function describeSplit(reader: FeatureReader | undefined, threshold: number, missingLeft: boolean): SplitRule {
  const r = reader ?? { feature: 'feature', column: 'feature', category: null, toUser: (v: number) => v, missing: { value: NaN, fill: null } };
  const t = r.toUser(threshold);
  const missingGoesLeft = Number.isNaN(r.missing.value) ? missingLeft : r.missing.value <= threshold;
  const missing = missingGoesLeft ? 'left' : 'right';
  const common = { column: r.column, feature: r.feature, missing, missingFill: r.missing.fill } as const;
  // An indicator's threshold lies between its 0 and 1: ≤ is "not this category".
  if (r.category !== null && t >= 0 && t < 1) {
    const is = `${r.column} ${r.category === OTHER_CATEGORY ? 'is a rare category' : `= ${r.category}`}`;
    const isNot = `${r.column} ${r.category === OTHER_CATEGORY ? 'is a common category' : `≠ ${r.category}`}`;
    return { ...common, question: is, yesGoesLeft: false, left: isNot, right: is };
  }
  // A column the recipe made (`age×fare`, `date.month`) is named by its lineage name, not by the first column it came from.
  const name = r.category === null && r.feature === r.column ? r.column : r.feature;
  const value = formatNumber(t);
  return { ...common, question: `${name} ≤ ${value}`, yesGoesLeft: true, left: `${name} ≤ ${value}`, right: `${name} > ${value}` };
}

function predictionOf(tree: Tree, node: number, output: NodePrediction['kind'], classes: readonly string[], scores: Float64Array | null): NodePrediction {
  if (output === 'score') return { kind: 'score', value: scores![node] };
  if (output === 'value') return { kind: 'value', value: tree.values[node * tree.outputs] };
  const p = tree.values.slice(node * tree.outputs, (node + 1) * tree.outputs);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
  const counts = p.map((v) => Math.round(v * tree.samples[node]));
  return { kind: 'class', label: classes[best] ?? String(best), classIndex: best, share: p[best], counts };
}

/** Nodes in each node's subtree (itself included). */
function subtreeSizes(tree: Tree): Int32Array {
  const sizes = new Int32Array(tree.feature.length).fill(1);
  // Children always come after their parent, so a backwards pass sums them up.
  for (let i = tree.feature.length - 1; i >= 0; i--) if (tree.feature[i] >= 0) sizes[i] += sizes[tree.left[i]] + sizes[tree.right[i]];
  return sizes;
}

/** A boosting tree keeps scores on its leaves only; an inner node gets its leaves' mean, weighted by rows. */
function meanScores(tree: Tree): Float64Array {
  const sum = new Float64Array(tree.feature.length);
  const weight = new Float64Array(tree.feature.length);
  for (let i = tree.feature.length - 1; i >= 0; i--) {
    if (tree.feature[i] < 0) {
      sum[i] = tree.values[i] * tree.samples[i];
      weight[i] = tree.samples[i];
    } else {
      sum[i] = sum[tree.left[i]] + sum[tree.right[i]];
      weight[i] = weight[tree.left[i]] + weight[tree.right[i]];
    }
  }
  return sum.map((s, i) => (weight[i] > 0 ? s / weight[i] : tree.values[i]));
}

/** A threshold for reading: five significant digits (more for large numbers), float noise trimmed. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const digits = Math.min(12, Math.max(5, Math.floor(Math.log10(Math.abs(v))) + 2));
  const rounded = Number(v.toPrecision(digits));
  return Math.abs(rounded) >= 1e-4 && Math.abs(rounded) < 1e15 ? String(rounded) : rounded.toExponential(3);
}
