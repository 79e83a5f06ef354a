import { plattPredict } from './predict';
import type { PlattSigmoid } from './state';

// Prediction's half lives in predict.ts (the runtime reads it without the fitting code).
export { plattPredict };
export type { PlattSigmoid } from './state';

/**
 * Platt scaling: a sigmoid P(positive | f) = 1 / (1 + exp(A·f + B)) fitted to decision values f by
 * maximum likelihood, with Platt's smoothed targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2) so that
 * separable data does not drive A to infinity. The solver is the Newton method with backtracking of
 * Lin, Lin & Weng, "A note on Platt's probabilistic outputs for support vector machines" (2007), as
 * libsvm's `sigmoid_train` has it.
 */

/** Fits the sigmoid to decision values `f` (length n) and labels `positive` (1 = positive). */
export function fitPlatt(f: Float64Array, positive: Uint8Array): PlattSigmoid {
  const n = f.length;
  let prior1 = 0;
  for (let i = 0; i < n; i++) prior1 += positive[i];
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = Float64Array.from(positive, (p) => (p ? hi : lo));
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let value = plattLoss(f, t, A, B);
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian (plus σ = 1e-12 on the diagonal, keeping it invertible).
    let h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) {
      const p = plattPredict(f[i], A, B);
      const pq = p * (1 - p);
      h11 += f[i] * f[i] * pq;
      h22 += pq;
      h21 += f[i] * pq;
      g1 += f[i] * (t[i] - p);
      g2 += t[i] - p;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const next = plattLoss(f, t, A + step * dA, B + step * dB);
      if (next < value + 1e-4 * step * gd) {
        A += step * dA;
        B += step * dB;
        value = next;
        break;
      }
      step /= 2;
    }
    // The line search failed: the current sigmoid is as good as this method gets.
    if (step < 1e-10) break;
  }
  return { A, B };
}


/** Cross-entropy of the sigmoid against the smoothed targets. */
function plattLoss(f: Float64Array, t: Float64Array, A: number, B: number): number {
  let loss = 0;
  for (let i = 0; i < f.length; i++) {
    const z = f[i] * A + B;
    loss += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
  }
  return loss;
}
