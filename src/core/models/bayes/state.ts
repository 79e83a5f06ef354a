import { checkBooleans, checkNumbers, checkObject, fail } from '../../util/check';
import type { StateCheckContext } from '../stateCheck';

/** What naive Bayes learned, as plain data (arrays are class-major: [c · d + j]). */
export interface NaiveBayesState {
  /** Training rows per class; a class with none gets prior 0 (kept as a count: JSON has no −Infinity). */
  readonly counts: readonly number[];
  /** Per feature: true when it is a yes/no (Bernoulli) feature, false when Gaussian. */
  readonly bernoulli: readonly boolean[];
  /** Gaussian features: per-class mean and smoothed variance (0 and 1 where unused). */
  readonly mean: readonly number[];
  readonly variance: readonly number[];
  /**
   * Bernoulli features: log P(x = 1 | class) and log P(x = 0 | class) (0 where unused). A one-hot
   * indicator of a categorical column holds log P(column = its category | class) and 0: a row
   * scores its own category once, and nothing for the others.
   */
  readonly logYes: readonly number[];
  readonly logNo: readonly number[];
  /** Per feature: true when it is one of a categorical column's one-hot indicators (files before this have none). */
  readonly categorical?: readonly boolean[];
}

/**
 * The state check of naive Bayes: a training-row count per class (some positive, or every prior
 * would be 0/0), a yes/no flag per feature, class-major tables of classes × features finite numbers,
 * and Gaussian variances above zero (a zero variance divides by zero).
 */
export function checkNaiveBayesState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  const { path, classes, nFeatures: d } = ctx;
  const counts = checkNumbers(state.counts, `${path}.counts`, classes, 0);
  if (!counts.some((c) => c > 0)) fail(`${path}.counts`, 'no class has a training row');
  const bernoulli = checkBooleans(state.bernoulli, `${path}.bernoulli`, d);
  checkNumbers(state.mean, `${path}.mean`, classes * d);
  const variance = checkNumbers(state.variance, `${path}.variance`, classes * d);
  checkNumbers(state.logYes, `${path}.logYes`, classes * d);
  checkNumbers(state.logNo, `${path}.logNo`, classes * d);
  if (state.categorical !== undefined) checkBooleans(state.categorical, `${path}.categorical`, d);
  for (let p = 0; p < variance.length; p++) {
    if (!bernoulli[p % d] && !(variance[p] > 0)) fail(`${path}.variance[${p}]`, `a Gaussian feature's variance must be above 0, got ${variance[p]}`);
  }
}
