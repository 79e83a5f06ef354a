import { brentMinimize } from './brent';
import { linspace, npVar, pairwiseSum, percentiles } from './numpyParity';
import { boxCox, yeoJohnson } from './power.transform';

/**
 * The maximum-likelihood λ of the Yeo-Johnson transform for the present values `x`, as scikit-learn
 * 1.2's `PowerTransformer._yeo_johnson_optimize`: Brent's method from the bracket (−2, 2) over the
 * negative log-likelihood n/2 · log var(ψ(x, λ)) − (λ − 1) Σ sign(x) log(1 + |x|). A column with
 * fewer than two distinct values has no likelihood maximum; it gets λ = 1 (the identity).
 */
export function yeoJohnsonLambda(x: Float64Array): number {
  if (!varies(x)) return 1;
  const n = x.length;
  const signedLogs = pairwiseSum(x.map((v) => Math.sign(v) * Math.log1p(Math.abs(v))));
  const transformed = new Float64Array(n);
  const lambda = brentMinimize((lambda) => {
    for (let i = 0; i < n; i++) transformed[i] = yeoJohnson(x[i], lambda);
    const variance = npVar(transformed);
    // As sklearn: a (numerically) constant transform is rejected rather than logged.
    if (variance < 2.2250738585072014e-308) return Infinity;
    if (!Number.isFinite(variance)) return Infinity;
    return -((-n / 2) * Math.log(variance) + (lambda - 1) * signedLogs);
  }, -2, 2);
  // Large values far from 0 that vary little (years: 2007–2009) pull λ to hundreds, where the
  // transform overflows (2008^266 = ∞) and every row becomes missing. λ is held where the largest
  // training value's transform stays below e^LAMBDA_EXPONENT_LIMIT (so its square stays finite).
  let [low, high] = [-Infinity, Infinity];
  const [min, max] = extent(x);
  if (max > 0) high = LAMBDA_EXPONENT_LIMIT / Math.log1p(max);
  if (min < 0) low = 2 - LAMBDA_EXPONENT_LIMIT / Math.log1p(-min);
  return Math.min(high, Math.max(low, lambda));
}

/** The largest |λ · log x| the power steps allow at the training extremes: e^100 ≈ 2.7e43, squared still finite. */
export const LAMBDA_EXPONENT_LIMIT = 100;

function extent(x: Float64Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/**
 * The maximum-likelihood λ of the Box-Cox transform for present values `x` > 0, as SciPy 1.10's
 * `boxcox_normmax(x, method='mle')` (which `PowerTransformer` calls): Brent's method from (−2, 2) over
 * −`boxcox_llf`. λ = 1 for fewer than two distinct values (SciPy refuses a constant column).
 */
export function boxCoxLambda(x: Float64Array): number {
  if (!varies(x)) return 1;
  const n = x.length;
  const logs = x.map(Math.log);
  const sumLogs = pairwiseSum(logs);
  const powered = new Float64Array(n);
  const lambda = brentMinimize((lambda) => {
    let variance: number;
    if (lambda === 0) variance = npVar(logs);
    else {
      for (let i = 0; i < n; i++) powered[i] = x[i] ** lambda / lambda;
      variance = npVar(powered);
    }
    if (!Number.isFinite(variance)) return Infinity;
    return -((lambda - 1) * sumLogs - (n / 2) * Math.log(variance));
  }, -2, 2);
  // As Yeo-Johnson's: x^λ must not overflow at either training extreme.
  const [min, max] = extent(x);
  // λ > 0 grows the largest value (above 1); λ < 0 the smallest (below 1).
  const high = max > 1 ? LAMBDA_EXPONENT_LIMIT / Math.log(max) : Infinity;
  const low = min < 1 ? LAMBDA_EXPONENT_LIMIT / Math.log(min) : -Infinity;
  return Math.min(high, Math.max(low, lambda));
}

/** Box-Cox of every present value of `x` with λ (for the standardising statistics). */
export function boxCoxAll(x: Float64Array, lambda: number): Float64Array {
  return x.map((v) => boxCox(v, lambda));
}

/** Yeo-Johnson of every present value of `x` with λ. */
export function yeoJohnsonAll(x: Float64Array, lambda: number): Float64Array {
  return x.map((v) => yeoJohnson(v, lambda));
}

/**
 * StandardScaler's mean and scale of present values `y` (scikit-learn 1.2: the corrected two-pass
 * variance; a column it judges constant, var ≤ n·ε·var + (n·mean·ε)², keeps scale 1).
 */
export function standardize(y: Float64Array): { offset: number; scale: number } {
  const n = y.length;
  const sum = pairwiseSum(y);
  const mean = sum / n;
  const centred = y.map((v) => v - mean);
  const correction = pairwiseSum(centred);
  let unnormalised = pairwiseSum(centred.map((v) => v * v));
  unnormalised -= (correction * correction) / n;
  const variance = unnormalised / n;
  const eps = 2.220446049250313e-16;
  const constant = variance <= n * eps * variance + (n * mean * eps) ** 2;
  return { offset: mean, scale: constant ? 1 : Math.sqrt(variance) };
}

/**
 * QuantileTransformer's `quantiles_` for one column (scikit-learn 1.2, all rows used): `levels`
 * = min(`quantiles`, rows) evenly spaced levels from 0 to 1, the NaN-ignoring percentiles of the
 * present values `sorted` (ascending) at them, made non-decreasing. `rows` counts missing rows too,
 * as sklearn's n_samples does.
 */
export function fitQuantiles(sorted: Float64Array, rows: number, quantiles: number): number[] {
  const levels = Math.max(1, Math.min(quantiles, rows));
  const references = linspace(0, 1, levels);
  const q = Array.from(percentiles(sorted, references.map((r) => r * 100)));
  for (let i = 1; i < q.length; i++) if (q[i] < q[i - 1]) q[i] = q[i - 1];
  return q;
}

function varies(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return true;
  return false;
}
