import { naiveBayesInfo } from './info';
import { rejectMissing } from '../missing';
import type { FittedModel, Predictor } from '../model';
import type { NaiveBayesState } from './state';

/** Class probabilities (row-major, one column per class) for the m rows of Q. */
export function naiveBayesProba(state: NaiveBayesState, Q: Float32Array, m: number, d: number): Float32Array {
  const classes = state.counts.length;
  const total = state.counts.reduce((a, b) => a + b, 0);
  // Per class: log prior plus the Gaussian normalising terms, −½ Σ log(2π σ²), which do not depend on x.
  const base = state.counts.map((count, c) => {
    if (count === 0) return -Infinity;
    let b = Math.log(count / total);
    for (let j = 0; j < d; j++) if (!state.bernoulli[j]) b -= 0.5 * Math.log(2 * Math.PI * state.variance[c * d + j]);
    return b;
  });
  const out = new Float32Array(m * classes);
  const jll = new Float64Array(classes);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < classes; c++) {
      let s = base[c];
      if (s === -Infinity) {
        jll[c] = s;
        continue;
      }
      for (let j = 0; j < d; j++) {
        const p = c * d + j;
        const x = Q[i * d + j];
        if (state.bernoulli[j]) s += x > 0.5 ? state.logYes[p] : state.logNo[p];
        else s -= (0.5 * (x - state.mean[p]) ** 2) / state.variance[p];
      }
      jll[c] = s;
    }
    softmaxInto(jll, out, i * classes);
  }
  return out;
}

/** exp(v − logsumexp(v)) written at `at`: the max is subtracted first so nothing overflows. */
function softmaxInto(v: Float64Array, out: Float32Array, at: number): void {
  let max = -Infinity;
  for (const x of v) max = Math.max(max, x);
  let sum = 0;
  for (const x of v) sum += Math.exp(x - max);
  const logSum = max + Math.log(sum);
  for (let c = 0; c < v.length; c++) out[at + c] = Math.exp(v[c] - logSum);
}

/** Loads naive Bayes from its fitted state; NaN features are refused. */
export function loadNaiveBayes(fitted: FittedModel): Predictor {
  const state = fitted.state as NaiveBayesState;
  const d = fitted.nFeatures;
  return {
    outputs(X, n) {
      rejectMissing(X, n, d, naiveBayesInfo.label, 'prediction');
      return naiveBayesProba(state, X, n, d);
    },
    dispose() {},
  };
}
