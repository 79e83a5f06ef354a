import { isClassification } from '../../problem';
export { normalise } from '../importance';
import type { Rng } from '../../util/rng';
import type { ModelTarget, TrainingSet } from '../model';
import type { BinnedFeatures } from './binning';
import { type CartTarget, growCart } from './cart';
import { type Criterion, entropyCriterion, giniCriterion, squaredErrorCriterion } from './split';
export type { TreeEnsembleState } from './state';

/** The target of a tree learner from a training set. */
export function cartTarget(train: TrainingSet, target: ModelTarget): CartTarget {
  return isClassification(target.task)
    ? { kind: 'class', y: Int32Array.from(train.y), classes: target.classes.length }
    : { kind: 'number', y: Float64Array.from(train.y) };
}

/** The split criterion for a task and the person's choice. */
export function cartCriterion(target: ModelTarget, choice: string): Criterion {
  if (!isClassification(target.task)) return squaredErrorCriterion;
  return choice === 'entropy' ? entropyCriterion(target.classes.length) : giniCriterion(target.classes.length);
}

/** Features tried per split for a choice (`sqrt`, `log2`, `all`; `auto` = √ for classification). */
export function featuresPerSplit(choice: string, d: number, target: ModelTarget): number {
  const rule = choice === 'auto' ? (isClassification(target.task) ? 'sqrt' : 'all') : choice;
  if (rule === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (rule === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  return d;
}

/** One CART tree on all rows (weights 1). */
export function fitOneTree(data: BinnedFeatures, target: CartTarget, criterion: Criterion, params: { maxDepth: number; minSamplesSplit: number; minSamplesLeaf: number }, maxFeatures: number, rng: Rng) {
  return growCart(data, target, new Float64Array(data.n).fill(1), { ...params, maxFeatures, criterion }, rng);
}
