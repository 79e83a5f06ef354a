import { SaplingError } from '../../util/errors';

/**
 * Least squares with an optional ridge penalty `alpha·‖w‖²` (intercept not penalised), solved exactly
 * by centring and a Cholesky factorisation of XᵀX + αI. A tiny jitter rescues collinear columns
 * (one-hot indicators beside an intercept), giving the same predictions as the minimum-norm solution.
 */
export function solveRidge(X: Float32Array, y: Float32Array, n: number, d: number, alpha: number): { w: Float64Array; b: number } {
  if (n === 0) throw new SaplingError('too-few-rows', 'no rows to fit the linear model on');
  const meanX = new Float64Array(d);
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanY += y[i];
    for (let j = 0; j < d; j++) meanX[j] += X[i * d + j];
  }
  meanY /= n;
  for (let j = 0; j < d; j++) meanX[j] /= n;
  const A = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  const xc = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xc[j] = X[i * d + j] - meanX[j];
    const yc = y[i] - meanY;
    for (let a = 0; a < d; a++) {
      const xa = xc[a];
      if (xa === 0) continue;
      rhs[a] += xa * yc;
      const row = a * d;
      for (let b = a; b < d; b++) A[row + b] += xa * xc[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) A[a * d + b] = A[b * d + a];
  let trace = 0;
  for (let a = 0; a < d; a++) trace += A[a * d + a];
  const w = choleskySolveWithJitter(A, rhs, d, alpha, trace / Math.max(d, 1));
  let b = meanY;
  for (let j = 0; j < d; j++) b -= w[j] * meanX[j];
  return { w, b };
}

function choleskySolveWithJitter(A: Float64Array, rhs: Float64Array, d: number, alpha: number, scale: number): Float64Array {
  for (let jitter = 0; jitter < 8; jitter++) {
    const ridge = alpha + (jitter === 0 ? 0 : scale * 10 ** (jitter - 13));
    const L = cholesky(A, d, ridge);
    if (L) return choleskySolve(L, rhs, d);
  }
  throw new SaplingError('singular', 'the linear model could not be solved: the features are degenerate (all constant?)');
}

/** Lower-triangular L with L·Lᵀ = A + ridge·I, or null when that is not positive definite. */
function cholesky(A: Float64Array, d: number, ridge: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * d + j] + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) sum -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(sum > 1e-12 * Math.max(1, Math.abs(A[i * d + i])))) return null;
        L[i * d + i] = Math.sqrt(sum);
      } else {
        L[i * d + j] = sum / L[j * d + j];
      }
    }
  }
  return L;
}

function choleskySolve(L: Float64Array, b: Float64Array, d: number): Float64Array {
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}
