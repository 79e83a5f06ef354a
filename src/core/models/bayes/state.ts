import { checkBooleans, checkNumbers, checkObject, fail } from '../../util/check';
import type { StateCheckContext } from '../stateCheck';

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
