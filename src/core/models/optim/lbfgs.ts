/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithm 7.4/7.5) with a
 * backtracking Armijo line search. Used for the convex linear models, where it reaches the same
 * optimum as scikit-learn's `lbfgs` solver in tens of iterations instead of thousands of SGD steps.
 */

/** An objective: its value and gradient at `w` (the gradient is written into `grad`). */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

/** Options for `minimizeLbfgs`. */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stop when the largest absolute gradient component falls below this (scikit-learn's `tol`). */
  readonly gradientTolerance: number;
  /** Correction pairs remembered. */
  readonly memory?: number;
  /** Called after each iteration with its number (1-based) and objective value; resolve true to stop. */
  readonly onIteration?: (iteration: number, value: number) => Promise<boolean | void> | boolean | void;
}

/** Where the search ended and why. */
export interface LbfgsResult {
  readonly w: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Minimises `f` from `w0` (not modified). */
export async function minimizeLbfgs(f: Objective, w0: Float64Array, options: LbfgsOptions): Promise<LbfgsResult> {
  const m = options.memory ?? 10;
  const dim = w0.length;
  let w = Float64Array.from(w0);
  let g = new Float64Array(dim);
  let value = f(w, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(dim);
  const alpha = new Float64Array(m);
  if (maxAbs(g) < options.gradientTolerance) return { w, value, iterations: 0, converged: true };

  for (let iter = 1; iter <= options.maxIterations; iter++) {
    // Two-loop recursion: direction = −H·g.
    direction.set(g);
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], direction);
      for (let i = 0; i < dim; i++) direction[i] -= alpha[k] * y[k][i];
    }
    const gamma = s.length ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < dim; i++) direction[i] *= gamma;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k] * dot(y[k], direction);
      for (let i = 0; i < dim; i++) direction[i] += s[k][i] * (alpha[k] - beta);
    }
    for (let i = 0; i < dim; i++) direction[i] = -direction[i];
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < dim; i++) direction[i] = -g[i] / Math.max(1, Math.sqrt(dot(g, g)));
      slope = dot(g, direction);
    }

    // Backtracking line search with the Armijo condition.
    let step = 1;
    const wNext = new Float64Array(dim);
    const gNext = new Float64Array(dim);
    let valueNext = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < dim; i++) wNext[i] = w[i] + step * direction[i];
      valueNext = f(wNext, gNext);
      if (Number.isFinite(valueNext) && valueNext <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(valueNext < value || (valueNext === value && maxAbs(gNext) < options.gradientTolerance))) {
      // No progress possible along any step: we are at the optimum to machine precision.
      return { w, value, iterations: iter, converged: true };
    }
    const sk = new Float64Array(dim);
    const yk = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      sk[i] = wNext[i] - w[i];
      yk[i] = gNext[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    w = wNext;
    g = gNext;
    value = valueNext;
    if (await options.onIteration?.(iter, value)) return { w, value, iterations: iter, converged: false };
    if (maxAbs(g) < options.gradientTolerance) return { w, value, iterations: iter, converged: true };
  }
  return { w, value, iterations: options.maxIterations, converged: false };
}
