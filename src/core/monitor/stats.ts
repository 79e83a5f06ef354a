// The drift tests on raw values, each computed as SciPy 1.10 computes it so a report made from raw
// rows equals SciPy's figures to 1e-6 (issue 14): ks_2samp, chisquare, wasserstein_distance,
// jensenshannon, and the population stability index as Evidently computes it. The sketch versions
// (a reference kept as quantile bins) live in sketch.ts.
import { SaplingError } from '../util/errors';
import { sortedFloat64 } from '../util/sortNumbers';
import { chiSquareSurvival } from './gamma';
import { exactEqualSizes, exactUnequalSizes, kolmogorovSurvival } from './kolmogorov';

/** A test's statistic and its p-value. */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
}

// SciPy's method='auto' tries the exact distribution while both samples have at most this many values.
const MAX_EXACT_N = 10_000;

/** The values that are numbers (NaN and other non-finite values are missing), sorted ascending. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[n++] = v;
  }
  // By the bits (the order a typed array's sort gives): the sketch sorts every training column, and
  // the native sort took ~19 ms a column of 160,000 values.
  return sortedFloat64(out, n);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Round half to even, as NumPy's np.round (SciPy rounds n1·n2/(n1+n2) with it). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The two-sided KS statistic of two sorted samples: the largest gap between their empirical CDFs. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  // Walk the merged values; at each distinct value both CDFs count everything ≤ it (SciPy's
  // searchsorted(..., 'right')), so ties step together.
  while (i < n1 && j < n2) {
    const v = Math.min(a[i], b[j]);
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  // Past the end of one sample the gap only closes, so the extremes are already seen.
  return Math.max(maxDiff, -minDiff);
}

/**
 * The asymptotic two-sided p-value SciPy's ks_2samp uses for large samples: the one-sample KS
 * distribution at n = round(n1·n2 / (n1 + n2)). Also the sketch-vs-raw p-value (n1 = the reference's count).
 */
export function ksAsymptoticPValue(d: number, n1: number, n2: number): number {
  const en = (Math.max(n1, n2) * Math.min(n1, n2)) / (n1 + n2);
  return kolmogorovSurvival(Math.max(1, roundHalfEven(en)), d);
}

/** Two-sample Kolmogorov–Smirnov test as SciPy's `ks_2samp(a, b)` (two-sided, method 'auto'); NaN values are dropped. */
export function ks2samp(a: ArrayLike<number>, b: ArrayLike<number>): TestResult {
  return ks2sampSorted(sortedFinite(a), sortedFinite(b));
}

/** `ks2samp` on samples already sorted and free of NaN (saves the sort when the caller has them). */
export function ks2sampSorted(a: Float64Array, b: Float64Array): TestResult {
  if (a.length === 0 || b.length === 0) throw new SaplingError('empty-sample', 'The Kolmogorov–Smirnov test needs at least one value on each side.');
  return ksTest(ksStatistic(a, b), a.length, b.length);
}

/**
 * The two-sided KS p-value of a statistic d between samples of n1 and n2 values, chosen as SciPy's
 * ks_2samp method 'auto' chooses: exact while both have at most 10,000 values (d then reported as
 * the lattice value h / lcm(n1, n2) it rounds to), asymptotic beyond or when the exact sum fails.
 */
export function ksTest(d: number, n1: number, n2: number): TestResult {
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    const lattice = h / lcm;
    if (h === 0) return { statistic: lattice, pValue: 1 };
    const p = n1 === n2 ? exactEqualSizes(n1, h) : exactUnequalSizes(n1, n2, g, h);
    // SciPy falls back to the asymptotic formula when the exact sum leaves [0, 1] through rounding.
    if (p >= 0 && p <= 1) return { statistic: lattice, pValue: p };
    d = lattice;
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, ksAsymptoticPValue(d, n1, n2))) };
}

/**
 * Pearson's chi-square test of observed counts against expected counts, as SciPy's
 * `chisquare(f_obs, f_exp)` (ddof 0; the sums must agree to 1e-8 relative). A bin with both counts 0
 * is left out (SciPy would answer NaN; leaving it out equals SciPy without that bin); a bin expected
 * 0 but observed gives an infinite statistic and p = 0, as SciPy.
 */
export function chiSquare(observed: readonly number[], expected: readonly number[]): TestResult {
  if (observed.length !== expected.length) {
    throw new SaplingError('bad-frequencies', `chi-square: ${observed.length} observed counts against ${expected.length} expected.`);
  }
  const sumObs = observed.reduce((s, v) => s + v, 0);
  const sumExp = expected.reduce((s, v) => s + v, 0);
  if (Math.abs(sumObs - sumExp) / Math.min(sumObs, sumExp) > 1e-8) {
    throw new SaplingError('bad-frequencies', `chi-square: the observed counts sum to ${sumObs} but the expected to ${sumExp}; they must agree.`);
  }
  let statistic = 0;
  let bins = 0;
  for (let i = 0; i < observed.length; i++) {
    if (observed[i] === 0 && expected[i] === 0) continue;
    bins++;
    statistic += (observed[i] - expected[i]) ** 2 / expected[i];
  }
  if (bins < 2) return { statistic, pValue: Number.NaN };
  return { statistic, pValue: statistic === Infinity ? 0 : chiSquareSurvival(statistic, bins - 1) };
}

/**
 * Pearson's chi-square test of homogeneity on the 2 × k table of reference and current counts, as
 * SciPy's `chi2_contingency([reference, current], correction=False)`. Unlike `chiSquare` against the
 * reference's shares, it counts the reference's own sampling noise: with a reference as small as the
 * current rows, the shares-as-exact test flags a column that has not moved in about a quarter of
 * random halvings (issue 14's bench; SciPy agrees), this one in about 5%. Categories empty on both
 * sides are left out; fewer than two left give p = NaN, as `chiSquare`.
 */
export function chiSquareTwoSample(reference: readonly number[], current: readonly number[]): TestResult {
  if (reference.length !== current.length) {
    throw new SaplingError('bad-frequencies', `chi-square: ${reference.length} reference counts against ${current.length} current.`);
  }
  const nRef = reference.reduce((s, v) => s + v, 0);
  const nCur = current.reduce((s, v) => s + v, 0);
  const n = nRef + nCur;
  let statistic = 0;
  let bins = 0;
  for (let i = 0; i < reference.length; i++) {
    const total = reference[i] + current[i];
    if (total === 0) continue;
    bins++;
    const eRef = (total * nRef) / n;
    const eCur = (total * nCur) / n;
    statistic += (reference[i] - eRef) ** 2 / eRef + (current[i] - eCur) ** 2 / eCur;
  }
  if (bins < 2 || !nRef || !nCur) return { statistic: 0, pValue: Number.NaN };
  return { statistic, pValue: chiSquareSurvival(statistic, bins - 1) };
}

/** The first Wasserstein distance between two sorted samples: ∫|U(x) − V(x)| dx over the merged values. */
export function wassersteinSorted(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  if (nu === 0 || nv === 0) throw new SaplingError('empty-sample', 'The Wasserstein distance needs at least one value on each side.');
  let i = 0;
  let j = 0;
  let total = 0;
  let prev = Math.min(u[0], v[0]);
  // Between consecutive merged values both CDFs are flat, so each gap adds |U − V| × its width.
  while (i < nu || j < nv) {
    const x = j >= nv || (i < nu && u[i] <= v[j]) ? u[i] : v[j];
    total += Math.abs(i / nu - j / nv) * (x - prev);
    while (i < nu && u[i] <= x) i++;
    while (j < nv && v[j] <= x) j++;
    prev = x;
  }
  return total;
}

/** The first Wasserstein (earth mover's) distance, as SciPy's `wasserstein_distance(u, v)`; NaN values are dropped. */
export function wasserstein(u: ArrayLike<number>, v: ArrayLike<number>): number {
  return wassersteinSorted(sortedFinite(u), sortedFinite(v));
}

/** Shares that sum to 1 (a copy); throws when the counts are negative or sum to nothing. */
function shares(counts: readonly number[], what: string): number[] {
  let total = 0;
  for (const c of counts) {
    if (!(c >= 0)) throw new SaplingError('bad-frequencies', `${what}: counts must be numbers ≥ 0 (found ${c}).`);
    total += c;
  }
  if (!(total > 0)) throw new SaplingError('bad-frequencies', `${what}: the counts sum to 0.`);
  return counts.map((c) => c / total);
}

/** x·ln(x/y) with SciPy's rel_entr conventions (0 when x = 0). */
function relEntr(x: number, y: number): number {
  if (x === 0) return 0;
  if (y === 0) return Infinity;
  return x * Math.log(x / y);
}

/** The Jensen–Shannon distance (natural log) between two count or share vectors, as SciPy's `jensenshannon(p, q)`. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new SaplingError('bad-frequencies', `Jensen–Shannon: ${p.length} bins against ${q.length}.`);
  const ps = shares(p, 'Jensen–Shannon');
  const qs = shares(q, 'Jensen–Shannon');
  let left = 0;
  let right = 0;
  for (let i = 0; i < ps.length; i++) {
    const m = (ps[i] + qs[i]) / 2;
    left += relEntr(ps[i], m);
    right += relEntr(qs[i], m);
  }
  // Rounding can leave the divergence a hair below 0 for identical inputs; the distance is then 0.
  return Math.sqrt(Math.max(0, (left + right) / 2));
}

/**
 * Shares for the PSI with Evidently's floor for empty bins: an empty bin counts as a share of 1e-4,
 * or, when some non-empty bin is already that small, as a millionth of the smallest non-empty share.
 */
function psiShares(counts: readonly number[]): number[] {
  const s = shares(counts, 'PSI');
  let smallest = Infinity;
  for (const v of s) if (v > 0 && v < smallest) smallest = v;
  const floor = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
  return s.map((v) => (v === 0 ? floor : v));
}

/** Population stability index Σ (c − r)·ln(c / r) over the same bins, from counts or shares (empty bins as Evidently floors them). */
export function psi(reference: readonly number[], current: readonly number[]): number {
  if (reference.length !== current.length) throw new SaplingError('bad-frequencies', `PSI: ${reference.length} reference bins against ${current.length} current.`);
  const r = psiShares(reference);
  const c = psiShares(current);
  let total = 0;
  for (let i = 0; i < r.length; i++) total += (c[i] - r[i]) * Math.log(c[i] / r[i]);
  return total;
}
