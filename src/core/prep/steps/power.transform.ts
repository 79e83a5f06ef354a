import type { DataTable } from '../../table/DataTable';
import { withColumn } from '../../table/DataTable';
import { checkBoolean, checkEntries, checkNumber, checkNumbers, checkObject, checkString, fail } from '../../util/check';
import { SaplingError } from '../../util/errors';
import { type Keyed, own } from '../../util/keyed';
import type { StepTransform } from '../step';

/** The power step's methods (scikit-learn's PowerTransformer, `log1p`, QuantileTransformer). */
export const POWER_METHODS = ['yeo-johnson', 'box-cox', 'log1p', 'quantile'] as const;

/** One of `POWER_METHODS`. */
export type PowerMethod = (typeof POWER_METHODS)[number];

/**
 * One column's fitted power transform: λ (Yeo-Johnson, Box-Cox), the standardising map
 * (x − offset) / scale applied after it (0 and 1 when not standardised), and for the quantile
 * method the training quantiles at evenly spaced levels from 0 to 1 (QuantileTransformer.quantiles_).
 */
export type PowerColumn = { lambda: number; offset: number; scale: number; quantiles: number[] };

/** The power step's fitted state: the method, whether quantiles map to a normal, and each column's fit. */
export type PowerState = { method: PowerMethod; normal: boolean; columns: Keyed<PowerColumn> };

/** Replays the power transform in place on each fitted numeric column; missing stays missing. */
export const powerTransform: StepTransform<PowerState> = {
  id: 'power',
  checkState(state, path) {
    const s = checkObject(state, path);
    checkString(s.method, `${path}.method`, POWER_METHODS);
    checkBoolean(s.normal, `${path}.normal`);
    checkEntries(s.columns, `${path}.columns`, (v, at) => {
      const c = checkObject(v, at);
      checkNumber(c.lambda, `${at}.lambda`);
      checkNumber(c.offset, `${at}.offset`);
      if (checkNumber(c.scale, `${at}.scale`) === 0) fail(`${at}.scale`, 'must not be 0');
      const q = checkNumbers(c.quantiles, `${at}.quantiles`);
      if (s.method === 'quantile' && q.length === 0) fail(`${at}.quantiles`, 'is empty');
      for (let i = 1; i < q.length; i++) if (q[i] < q[i - 1]) fail(`${at}.quantiles[${i}]`, 'is below the quantile before it');
    });
  },
  transform(table, state) {
    let out: DataTable = table;
    for (const column of table.columns) {
      const c = own(state.columns, column.name);
      if (!c || column.kind !== 'numeric') continue;
      const values = new Float64Array(column.values.length);
      const map = state.method === 'quantile' ? quantileMap(c.quantiles, state.normal) : undefined;
      column.values.forEach((x, i) => {
        let y: number;
        if (Number.isNaN(x)) y = NaN;
        else if (map) y = map(x);
        else if (state.method === 'log1p') y = Math.log1p(domain(x, x > -1, column.name, i, 'log1p needs values above −1'));
        else if (state.method === 'box-cox') y = boxCox(domain(x, x > 0, column.name, i, 'Box-Cox needs values above 0: use Yeo-Johnson, which takes any number'), c.lambda);
        else y = yeoJohnson(x, c.lambda);
        values[i] = (y - c.offset) / c.scale;
      });
      out = withColumn(out, { ...column, values });
    }
    return out;
  },
};

function domain(x: number, ok: boolean, name: string, row: number, why: string): number {
  if (!ok) throw new SaplingError('out-of-domain', `column "${name}" holds ${x} at data row ${row + 1}; ${why}`);
  return x;
}

/** The Yeo-Johnson transform of x with parameter λ, as scikit-learn's `_yeo_johnson_transform`. */
export function yeoJohnson(x: number, lambda: number): number {
  const eps = 2.220446049250313e-16;
  if (x >= 0) return Math.abs(lambda) < eps ? Math.log1p(x) : ((x + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) > eps ? -((-x + 1) ** (2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

/** The Box-Cox transform of x > 0 with parameter λ, as SciPy's `special.boxcox`. */
export function boxCox(x: number, lambda: number): number {
  return Math.abs(lambda) < 1e-19 ? Math.log(x) : Math.expm1(lambda * Math.log(x)) / lambda;
}

/**
 * QuantileTransformer's forward map for one column (scikit-learn 1.2 `_transform_col`): the mean
 * of the interpolations up and down the quantiles (so a value repeated across quantiles lands mid
 * way), the bounds pinned to 0 and 1, then for a normal output the standard normal quantile clipped
 * where a probability of 1e-7 would be.
 */
export function quantileMap(quantiles: readonly number[], normal: boolean): (x: number) => number {
  const n = quantiles.length;
  const step = 1 / (n - 1);
  const refs = quantiles.map((_, i) => (n === 1 ? 0 : i === n - 1 ? 1 : i * step));
  const negQ = quantiles.map((_, i) => -quantiles[n - 1 - i]);
  const negR = refs.map((_, i) => -refs[n - 1 - i]);
  const lo = quantiles[0];
  const hi = quantiles[n - 1];
  return (x) => {
    let p = 0.5 * (interp(x, quantiles, refs) - interp(-x, negQ, negR));
    if (normal ? x + 1e-7 > hi : x === hi) p = 1;
    if (normal ? x - 1e-7 < lo : x === lo) p = 0;
    return normal ? normalQuantile(p) : p;
  };
}

/** `np.interp(x, xp, fp)` for increasing xp (ties allowed): the last knot at or below x, as NumPy. */
function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  const n = xp.length;
  if (x > xp[n - 1]) return fp[n - 1];
  if (x < xp[0]) return fp[0];
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x >= xp[mid]) lo = mid + 1;
    else hi = mid;
  }
  const j = lo - 1;
  if (j === n - 1 || xp[j] === x) return fp[j];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  return slope * (x - xp[j]) + fp[j];
}

// scipy.stats.norm.ppf(1e-7 − spacing(1)) and ppf(1 − (1e-7 − spacing(1))): QuantileTransformer's output clip.
const CLIP_LOW = -5.199337582605575;
const CLIP_HIGH = 5.19933758270342;

/**
 * The standard normal quantile of p, clipped to [CLIP_LOW, CLIP_HIGH]: Abramowitz and Stegun's
 * 26.2.23 start (error < 4.5e-4), then Newton steps on Φ(x) − ½ = φ(x)(x + x³/3 + x⁵/15 + …)
 * (Marsaglia 2004), whose terms never cancel: within 4e-10 of SciPy's `ndtri` at these bounds,
 * and far shorter than its coefficient tables in the prediction runtime.
 */
export function normalQuantile(p: number): number {
  const q = p < 0.5 ? p : 1 - p;
  if (!(q > 0)) return p < 0.5 ? CLIP_LOW : CLIP_HIGH;
  const t = Math.sqrt(-2 * Math.log(q));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  if (p < 0.5) x = -x;
  for (let i = 0; i < 4 && Math.abs(x) < 6; i++) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let k = 3; sum + term !== sum; k += 2) sum += term *= x2 / k;
    const density = Math.exp(-x2 / 2) / Math.sqrt(2 * Math.PI);
    x -= (sum * density - (p - 0.5)) / density;
  }
  return x < CLIP_LOW ? CLIP_LOW : x > CLIP_HIGH ? CLIP_HIGH : x;
}
