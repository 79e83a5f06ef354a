import { svmInfo } from './info';
import { rejectMissing } from '../missing';
import type { FittedModel, Predictor } from '../model';
import type { SvmState } from './state';

/** P(positive | f) for a fitted sigmoid, without overflow for either sign of A·f + B. */
export function plattPredict(f: number, A: number, B: number): number {
  const z = f * A + B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/**
 * The linear SVM's predictor from its fitted state: each scorer's w·x + b through its Platt
 * sigmoid, then class probabilities (two classes: the one sigmoid; more: one-vs-rest, normalised).
 */
export function loadSvm(fitted: FittedModel): Predictor {
  const state = fitted.state as SvmState;
  const d = fitted.nFeatures;
  const classes = fitted.classes.length;
  const w = state.weights.map((ws) => Float64Array.from(ws));
  return {
    outputs(X, n) {
      rejectMissing(X, n, d, svmInfo.label, 'prediction');
      const out = new Float32Array(n * classes);
      const p = new Float64Array(w.length);
      for (let i = 0; i < n; i++) {
        for (let s = 0; s < w.length; s++) {
          let f = w[s][d];
          for (let j = 0; j < d; j++) f += w[s][j] * X[i * d + j];
          p[s] = plattPredict(f, state.platt[s].A, state.platt[s].B);
        }
        writeProbabilities(p, out, i * classes);
      }
      return out;
    },
    dispose() {},
  };
}

/** One row's class probabilities from the scorers' sigmoid outputs. */
function writeProbabilities(p: Float64Array, out: Float32Array, at: number): void {
  if (p.length === 1) {
    out[at] = 1 - p[0];
    out[at + 1] = p[0];
    return;
  }
  let total = 0;
  for (const v of p) total += v;
  // Every sigmoid at 0 (possible only in underflow): no class is preferred.
  for (let c = 0; c < p.length; c++) out[at + c] = total > 0 ? p[c] / total : 1 / p.length;
}
