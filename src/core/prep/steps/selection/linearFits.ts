import { SaplingError } from '../../../util/errors';

/**
 * Small float64 linear fits for the model-based selectors (`select-from-model`, `rfe`), solved to
 * their optimum (not to a loose tolerance) so the columns they rank agree with scikit-learn's:
 * least squares (`LinearRegression`), L2 logistic / softmax regression (`LogisticRegression(C)`),
 * the lasso (`Lasso(alpha)`) and L1 logistic regression (`LogisticRegression(penalty="l1", C)`).
 * They are synchronous, unlike the model families' fits, because a step's `fit` is. `X` is
 * row-major n × d; coefficients come back d × outputs (row-major), one output for regression and
 * for two classes, one per class for more.
 */
export interface LinearFit {
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly outputs: number;
}

/** The row-major n × d matrix of columns stored column-major. */
export function rowMajor(cols: readonly ArrayLike<number>[], n: number): Float64Array {
  const d = cols.length;
  const X = new Float64Array(n * d);
  cols.forEach((col, j) => {
    for (let i = 0; i < n; i++) X[i * d + j] = col[i];
  });
  return X;
}

/** Solves A·x = b for a symmetric positive (semi-)definite A, adding a tiny ridge when it is singular. */
function solveSymmetric(A: Float64Array, b: Float64Array, m: number): Float64Array {
  let trace = 0;
  for (let a = 0; a < m; a++) trace += A[a * m + a];
  for (let attempt = 0; attempt < 8; attempt++) {
    const ridge = attempt === 0 ? 0 : (trace / Math.max(m, 1)) * 10 ** (attempt - 14);
    const L = new Float64Array(m * m);
    let ok = true;
    for (let i = 0; i < m && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = A[i * m + j] + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) sum -= L[i * m + k] * L[j * m + k];
        if (i === j) {
          if (!(sum > 1e-13 * Math.max(1, Math.abs(A[i * m + i])))) {
            ok = false;
            break;
          }
          L[i * m + i] = Math.sqrt(sum);
        } else L[i * m + j] = sum / L[j * m + j];
      }
    }
    if (!ok) continue;
    const z = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) s -= L[i * m + k] * z[k];
      z[i] = s / L[i * m + i];
    }
    const x = new Float64Array(m);
    for (let i = m - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < m; k++) s -= L[k * m + i] * x[k];
      x[i] = s / L[i * m + i];
    }
    return x;
  }
  throw new SaplingError('singular', 'the selection model could not be solved: the columns are degenerate (all constant?)');
}

/** Ordinary least squares with an intercept, as `LinearRegression` (normal equations on centred columns). */
export function leastSquares(X: Float64Array, y: ArrayLike<number>, n: number, d: number): LinearFit {
  const { means, yMean } = columnMeans(X, y, n, d);
  const A = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = X[i * d + j] - means[j];
    const yc = y[i] - yMean;
    for (let a = 0; a < d; a++) {
      rhs[a] += row[a] * yc;
      for (let b = 0; b <= a; b++) A[a * d + b] += row[a] * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) A[b * d + a] = A[a * d + b];
  // A column that is constant (all zero once centred) has no coefficient: left out, given 0.
  const live = Array.from({ length: d }, (_, j) => j).filter((j) => A[j * d + j] > 0);
  const m = live.length;
  const sub = new Float64Array(m * m);
  live.forEach((a, p) => live.forEach((b, q) => (sub[p * m + q] = A[a * d + b])));
  const w = solveSymmetric(sub, Float64Array.from(live, (a) => rhs[a]), m);
  const coef = new Float64Array(d);
  live.forEach((j, p) => (coef[j] = w[p]));
  let b = yMean;
  for (let j = 0; j < d; j++) b -= coef[j] * means[j];
  return { coef, intercept: Float64Array.of(b), outputs: 1 };
}

function columnMeans(X: Float64Array, y: ArrayLike<number>, n: number, d: number): { means: Float64Array; yMean: number } {
  const means = new Float64Array(d);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    yMean += y[i];
    for (let j = 0; j < d; j++) means[j] += X[i * d + j];
  }
  for (let j = 0; j < d; j++) means[j] /= n;
  return { means, yMean: yMean / n };
}

/**
 * Each row's probabilities from logits (sigmoid for one output, softmax otherwise) and the mean
 * log-loss: the smooth part of both logistic fits.
 */
function logisticLoss(X: Float64Array, y: ArrayLike<number>, n: number, d: number, k: number, w: Float64Array, grad: Float64Array | null, probs: Float64Array | null): number {
  const z = new Float64Array(k);
  let loss = 0;
  grad?.fill(0);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) z[c] = w[d * k + c];
    for (let j = 0; j < d; j++) {
      const x = X[i * d + j];
      for (let c = 0; c < k; c++) z[c] += x * w[j * k + c];
    }
    if (k === 1) {
      const t = z[0];
      loss += (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) - y[i] * t;
      z[0] = 1 / (1 + Math.exp(-t));
    } else {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, z[c]);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
      const logSum = max + Math.log(sum);
      loss += logSum - z[y[i]];
      for (let c = 0; c < k; c++) z[c] = Math.exp(z[c] - logSum);
    }
    if (probs) for (let c = 0; c < k; c++) probs[i * k + c] = z[c];
    if (grad) {
      for (let c = 0; c < k; c++) {
        const r = z[c] - (k === 1 ? y[i] : c === y[i] ? 1 : 0);
        grad[d * k + c] += r / n;
        for (let j = 0; j < d; j++) grad[j * k + c] += (X[i * d + j] * r) / n;
      }
    }
  }
  return loss / n;
}

/**
 * L2-penalised logistic (two classes) or softmax (more) regression, as `LogisticRegression(C)`
 * (lbfgs, multinomial; intercepts not penalised): Newton's method on (mean log-loss + ‖W‖²/(2Cn)),
 * which reaches the optimum in a few steps. The softmax's intercepts can all shift together
 * without changing anything, so the Newton system gets a vanishing ridge there.
 */
export function logisticL2(X: Float64Array, y: ArrayLike<number>, n: number, d: number, classes: number, C: number, start?: LinearFit): LinearFit {
  const k = classes === 2 ? 1 : classes;
  const m = (d + 1) * k;
  const w = new Float64Array(m);
  if (start) {
    w.set(start.coef);
    w.set(start.intercept, d * k);
  }
  const grad = new Float64Array(m);
  const probs = new Float64Array(n * k);
  const l2 = 1 / (C * n);
  const objective = (v: Float64Array, g: Float64Array | null, p: Float64Array | null) => {
    let value = logisticLoss(X, y, n, d, k, v, g, p);
    for (let q = 0; q < d * k; q++) {
      value += 0.5 * l2 * v[q] * v[q];
      if (g) g[q] += l2 * v[q];
    }
    return value;
  };
  let value = objective(w, grad, probs);
  const ext = new Float64Array(d + 1);
  for (let iteration = 0; iteration < 100; iteration++) {
    const H = new Float64Array(m * m);
    // Hessian of the mean log-loss: for each pair of outputs a ≤ b, the weighted Gram matrix
    // Σ xᵢ xᵢᵀ pᵢₐ(δₐᵦ − pᵢᵦ) / n of the rows extended by the intercept's 1 (lower half, then mirrored).
    const e = d + 1;
    const gram = new Float64Array(e * e);
    const at = (j: number, c: number) => (j === d ? d * k : j * k) + c;
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        gram.fill(0);
        for (let i = 0; i < n; i++) {
          const pa = probs[i * k + a];
          const h = (k === 1 ? pa * (1 - pa) : pa * ((a === b ? 1 : 0) - probs[i * k + b])) / n;
          if (h === 0) continue;
          for (let j = 0; j < d; j++) ext[j] = X[i * d + j];
          ext[d] = 1;
          for (let j = 0; j < e; j++) {
            const hx = h * ext[j];
            const row = j * e;
            for (let l = 0; l <= j; l++) gram[row + l] += hx * ext[l];
          }
        }
        for (let j = 0; j < e; j++) {
          for (let l = 0; l <= j; l++) {
            const g = gram[j * e + l];
            H[at(j, a) * m + at(l, b)] = g;
            H[at(l, b) * m + at(j, a)] = g;
            H[at(l, a) * m + at(j, b)] = g;
            H[at(j, b) * m + at(l, a)] = g;
          }
        }
      }
    }
    for (let q = 0; q < d * k; q++) H[q * m + q] += l2;
    const step = solveSymmetric(H, grad, m);
    // Backtracking keeps every step a descent (Newton's full step can overshoot far from the optimum).
    let t = 1;
    const trial = new Float64Array(m);
    let next = Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      for (let q = 0; q < m; q++) trial[q] = w[q] - t * step[q];
      next = objective(trial, null, null);
      if (next <= value) break;
      t /= 2;
    }
    if (!(next <= value)) break;
    let stepSize = 0;
    for (let q = 0; q < m; q++) stepSize = Math.max(stepSize, Math.abs(trial[q] - w[q]));
    w.set(trial);
    if (stepSize < 1e-13) break;
    value = objective(w, grad, probs);
    let largest = 0;
    for (let q = 0; q < m; q++) largest = Math.max(largest, Math.abs(grad[q]));
    if (largest < 1e-12) break;
  }
  return { coef: w.slice(0, d * k), intercept: w.slice(d * k), outputs: k };
}

/**
 * The lasso, as `Lasso(alpha)`: minimises ‖y − Xw − b‖²/(2n) + alpha·‖w‖₁ by cyclic coordinate
 * descent on centred columns (scikit-learn's solver), until no coefficient moves by more than 1e-12
 * of the largest.
 */
export function lasso(X: Float64Array, y: ArrayLike<number>, n: number, d: number, alpha: number): LinearFit {
  const { means, yMean } = columnMeans(X, y, n, d);
  const cols = Array.from({ length: d }, (_, j) => Float64Array.from({ length: n }, (_, i) => X[i * d + j] - means[j]));
  const norms = cols.map((c) => c.reduce((s, v) => s + v * v, 0));
  const residual = Float64Array.from({ length: n }, (_, i) => y[i] - yMean);
  const w = new Float64Array(d);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let moved = 0;
    let largest = 0;
    for (let j = 0; j < d; j++) {
      if (norms[j] === 0) continue;
      const col = cols[j];
      let rho = 0;
      for (let i = 0; i < n; i++) rho += col[i] * residual[i];
      rho += norms[j] * w[j];
      const next = Math.sign(rho) * Math.max(Math.abs(rho) - alpha * n, 0) / norms[j];
      const delta = next - w[j];
      if (delta !== 0) for (let i = 0; i < n; i++) residual[i] -= delta * col[i];
      w[j] = next;
      moved = Math.max(moved, Math.abs(delta));
      largest = Math.max(largest, Math.abs(next));
    }
    if (moved <= 1e-12 * Math.max(largest, 1e-300)) break;
  }
  let b = yMean;
  for (let j = 0; j < d; j++) b -= w[j] * means[j];
  return { coef: w, intercept: Float64Array.of(b), outputs: 1 };
}

/**
 * L1-penalised logistic / softmax regression, as `LogisticRegression(penalty="l1", C, solver="saga")`
 * (intercepts not penalised), on mean log-loss + ‖W‖₁/(Cn): glmnet's proximal Newton method
 * (Friedman, Hastie & Tibshirani, J. Stat. Softw. 33, 2010), one class's coefficients at a time
 * (for those the quadratic model is the exact Hessian), each model minimised by cyclic coordinate
 * descent, each step backtracked on the true objective; until no coefficient moves by 1e-10.
 */
export function logisticL1(X: Float64Array, y: ArrayLike<number>, n: number, d: number, classes: number, C: number): LinearFit {
  const k = classes === 2 ? 1 : classes;
  const m = (d + 1) * k;
  const l1 = 1 / (C * n);
  const probs = new Float64Array(n * k);
  const grad = new Float64Array(m);
  const objective = (v: Float64Array, g: Float64Array | null, p: Float64Array | null) => {
    let value = logisticLoss(X, y, n, d, k, v, g, p);
    for (let j = 0; j < d * k; j++) value += l1 * Math.abs(v[j]);
    return value;
  };
  const w = new Float64Array(m);
  let value = objective(w, grad, probs);
  const h = new Float64Array(n);
  const u = new Float64Array(n);
  const curvature = new Float64Array(d);
  const target = new Float64Array(d + 1);
  for (let outer = 0; outer < 500; outer++) {
    let largestStep = 0;
    for (let c = 0; c < k; c++) {
      let hSum = 0;
      for (let i = 0; i < n; i++) {
        const p = probs[i * k + c];
        h[i] = Math.max(p * (1 - p), 1e-12) / n;
        hSum += h[i];
      }
      for (let j = 0; j < d; j++) {
        let a = 0;
        for (let i = 0; i < n; i++) a += h[i] * X[i * d + j] ** 2;
        curvature[j] = a;
      }
      // target[j] = the coefficient after the step (w + Δ); u = X·Δ + Δ₀.
      for (let j = 0; j < d; j++) target[j] = w[j * k + c];
      target[d] = w[d * k + c];
      u.fill(0);
      for (let sweep = 0; sweep < 1000; sweep++) {
        let moved = 0;
        for (let j = 0; j < d; j++) {
          if (curvature[j] === 0) continue;
          let slope = grad[j * k + c];
          for (let i = 0; i < n; i++) slope += h[i] * X[i * d + j] * u[i];
          const old = target[j];
          const z = old - slope / curvature[j];
          const next = Math.sign(z) * Math.max(Math.abs(z) - l1 / curvature[j], 0);
          const delta = next - old;
          if (delta !== 0) for (let i = 0; i < n; i++) u[i] += delta * X[i * d + j];
          target[j] = next;
          moved = Math.max(moved, Math.abs(delta));
        }
        let slope = grad[d * k + c];
        for (let i = 0; i < n; i++) slope += h[i] * u[i];
        const delta = -slope / hSum;
        for (let i = 0; i < n; i++) u[i] += delta;
        target[d] += delta;
        moved = Math.max(moved, Math.abs(delta));
        if (moved < 1e-13) break;
      }
      // Backtrack along the step until the true objective does not rise.
      const trial = Float64Array.from(w);
      let t = 1;
      let accepted = false;
      for (let halvings = 0; halvings < 40; halvings++) {
        for (let j = 0; j < d; j++) trial[j * k + c] = w[j * k + c] + t * (target[j] - w[j * k + c]);
        trial[d * k + c] = w[d * k + c] + t * (target[d] - w[d * k + c]);
        if (objective(trial, null, null) <= value) {
          accepted = true;
          break;
        }
        t /= 2;
      }
      if (!accepted) continue;
      for (let q = 0; q < m; q++) largestStep = Math.max(largestStep, Math.abs(trial[q] - w[q]));
      w.set(trial);
      value = objective(w, grad, probs);
    }
    if (largestStep < 1e-10) break;
  }
  return { coef: w.slice(0, d * k), intercept: w.slice(d * k), outputs: k };
}

/** Each column's importance from coefficients: Σ over outputs of |c|^power (power 1: `SelectFromModel`'s L1 norm; 2: `RFE`'s squares). */
export function coefficientWeights(fit: LinearFit, d: number, power: 1 | 2): number[] {
  return Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let c = 0; c < fit.outputs; c++) s += Math.abs(fit.coef[j * fit.outputs + c]) ** power;
    return s;
  });
}

/** Predictions of a fit for rows of X: class indices (classification) or values. */
export function predictLinear(fit: LinearFit, X: Float64Array, n: number, d: number, classification: boolean): Float64Array {
  const k = fit.outputs;
  const out = new Float64Array(n);
  const z = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = fit.intercept[c];
      for (let j = 0; j < d; j++) s += X[i * d + j] * fit.coef[j * k + c];
      z[c] = s;
    }
    if (!classification) out[i] = z[0];
    else if (k === 1) out[i] = z[0] > 0 ? 1 : 0;
    else {
      let best = 0;
      for (let c = 1; c < k; c++) if (z[c] > z[best]) best = c;
      out[i] = best;
    }
  }
  return out;
}
