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
 * The standard normal quantile of p, clipped to [CLIP_LOW, CLIP_HIGH]: Cephes' `ndtri` (as SciPy) on its
 * two branches down to exp(−32); smaller tail probabilities are clipped anyway.
 */
export function normalQuantile(p: number): number {
  const flip = p > 1 - 0.1353352832366127;
  const y = flip ? 1 - p : p;
  let x: number;
  if (y > 0.1353352832366127) {
    const w = y - 0.5;
    const w2 = w * w;
    x = (w + w * ((w2 * polevl(w2, P0)) / p1evl(w2, Q0))) * 2.5066282746310007;
    return clip(x);
  }
  x = Math.sqrt(-2 * Math.log(y));
  if (!(x < 8)) return flip ? CLIP_HIGH : CLIP_LOW;
  const z = 1 / x;
  x = x - Math.log(x) / x - (z * polevl(z, P1)) / p1evl(z, Q1);
  return clip(flip ? x : -x);
}

function clip(x: number): number {
  return x < CLIP_LOW ? CLIP_LOW : x > CLIP_HIGH ? CLIP_HIGH : x;
}

function polevl(x: number, c: readonly number[]): number {
  let a = c[0];
  for (let i = 1; i < c.length; i++) a = a * x + c[i];
  return a;
}

function p1evl(x: number, c: readonly number[]): number {
  let a = x + c[0];
  for (let i = 1; i < c.length; i++) a = a * x + c[i];
  return a;
}

// Cephes ndtri's rational approximations (Moshier, Cephes Math Library 2.1).
const P0 = [-59.96335010141079, 98.00107541859997, -56.67628574690703, 13.931260938727968, -1.2391658386738125];
const Q0 = [1.9544885833814176, 4.676279128988815, 86.36024213908905, -225.46268785411937, 200.26021238006066, -82.03722561683334, 15.90562251262117, -1.1833162112133];
const P1 = [4.0554489230596245, 31.525109459989388, 57.16281922464213, 44.08050738932008, 14.684956192885803, 2.1866330685079025, -0.1402560791713545, -0.03504246268278482, -0.0008574567851546854];
const Q1 = [15.779988325646675, 45.39076351288792, 41.3172038254672, 15.04253856929075, 2.504649462083094, -0.14218292285478779, -0.03808064076915783, -0.0009332594808954574];
