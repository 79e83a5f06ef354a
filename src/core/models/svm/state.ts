import { checkArray, checkNumber, checkNumbers, checkObject } from '../../util/check';
import type { StateCheckContext } from '../stateCheck';

/** A fitted Platt sigmoid, P(positive | f) = 1 / (1 + exp(A·f + B)) (fitted in platt.ts). */
export interface PlattSigmoid {
  readonly A: number;
  readonly B: number;
}

/** The fitted state of a linear SVM: one scorer per binary problem and its Platt sigmoid. */
export interface SvmState {
  /** Per scorer: d weights, then the intercept. One scorer for two classes (positive = class 1), else one per class. */
  readonly weights: readonly (readonly number[])[];
  readonly platt: readonly PlattSigmoid[];
}

/**
 * The state check of the linear SVM: one scorer for two classes, one per class otherwise, each of
 * `nFeatures` weights and an intercept, and a Platt sigmoid (A, B) per scorer; all finite.
 */
export function checkSvmState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  const scorers = ctx.classes === 2 ? 1 : ctx.classes;
  checkArray(state.weights, `${ctx.path}.weights`, scorers).forEach((w, s) => checkNumbers(w, `${ctx.path}.weights[${s}]`, ctx.nFeatures + 1));
  checkArray(state.platt, `${ctx.path}.platt`, scorers).forEach((p, s) => {
    const sigmoid = checkObject(p, `${ctx.path}.platt[${s}]`);
    checkNumber(sigmoid.A, `${ctx.path}.platt[${s}].A`);
    checkNumber(sigmoid.B, `${ctx.path}.platt[${s}].B`);
  });
}
