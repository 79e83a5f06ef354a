import { coefficientImportance } from '../importance';
import { CancelledError, SaplingError } from '../../util/errors';
import { svmInfo } from './info';
import { rejectMissing } from '../missing';
import type { EpochLog, FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { solveDualCd } from './dualCd';
import { type PlattSigmoid, fitPlatt } from './platt';
import { loadSvm } from './predict';
import type { SvmState } from './state';
export type { SvmState } from './state';

/**
 * Linear SVM classification as scikit-learn's LinearSVC (liblinear: dual coordinate descent,
 * squared hinge by default, regularised intercept, one-vs-rest for more than two classes).
 * Probabilities come from Platt sigmoids fitted to the training rows' decision values: for two
 * classes P(class 1) directly, for more each class's one-vs-rest probability, normalised to sum 1
 * (as scikit-learn's CalibratedClassifierCV does with method="sigmoid"). A class without training
 * rows gets a scorer that never wins. NaN features are refused at fit and at predict.
 */
export const svmModel: ModelDefinition<typeof svmInfo.schema> = {
  ...svmInfo,
  async fit(train, target, params, ctx): Promise<FittedModel<SvmState>> {
    const { X, y, n, d } = train;
    if (n === 0) throw new SaplingError('too-few-rows', 'no rows to fit the linear SVM on');
    rejectMissing(X, n, d, svmInfo.label, 'training');
    const classes = target.classes.length;
    const problems = classes === 2 ? [1] : Array.from({ length: classes }, (_, c) => c);
    const history: EpochLog[] = [];
    const weights: number[][] = [];
    const platt: PlattSigmoid[] = [];
    const unconverged: string[] = [];
    let passes = 0;
    const budget = params.maxIterations * problems.length;
    // At most ~1000 points reach the chart and the model file, however many classes there are.
    const stride = Math.ceil(budget / 1000);
    for (const c of problems) {
      const sign = Int8Array.from(y, (label) => (label === c ? 1 : -1));
      const result = await solveDualCd(X, n, d, sign, {
        ...params,
        onPass: async (_pass, loss) => {
          // One running count across the one-vs-rest problems, so the chart reads as one training run.
          if (++passes % stride === 0) {
            const log = { epoch: passes, epochs: budget, loss };
            history.push(log);
            ctx.onEpoch?.(log);
          }
          await ctx.yieldToEvents?.();
          if (ctx.shouldStop?.()) throw new CancelledError();
        },
      }, ctx.rng);
      if (!result.converged) unconverged.push(target.classes[c]);
      weights.push(Array.from(result.w));
      platt.push(fitPlatt(decisionValues(result.w, X, n, d), Uint8Array.from(sign, (s) => (s > 0 ? 1 : 0))));
    }
    return {
      model: 'svm',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: d,
      state: { weights, platt },
      history,
      stopReason: unconverged.length === 0
        ? `converged after ${passes} passes`
        : `stopped at the limit of ${params.maxIterations} passes (${classes === 2 ? 'not converged' : `not converged for ${unconverged.join(', ')}`}); scaling the features usually helps`,
      importance: coefficientImportance((j, c) => weights[c][j], d, weights.length),
    };
  },
  load: async (fitted) => loadSvm(fitted),
};

/** Decision values w·x + b of every training row. */
function decisionValues(w: Float64Array, X: Float32Array, n: number, d: number): Float64Array {
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = w[d];
    for (let j = 0; j < d; j++) s += w[j] * X[i * d + j];
    f[i] = s;
  }
  return f;
}

