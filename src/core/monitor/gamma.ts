// The gamma function's logarithm and the regularised incomplete gamma functions, for the chi-square
// test's p-value (SciPy's chi2.sf(x, k) is Cephes' igamc(k / 2, x / 2)). Numerical Recipes §6.1–6.2
// and Cephes igam.c follow the same plan: a power series below x = a + 1, a continued fraction
// (modified Lentz) above it, so neither side suffers cancellation. Relative error ~1e-14 at the
// sizes the tests see (degrees of freedom up to thousands).

// Lanczos approximation, g = 7, 9 terms (Godfrey's coefficients): relative error below 1e-15 for
// x > 0, which keeps the prefactor exp(−x + a·ln x − lnΓ(a)) good to ~1e-12 even for a in the thousands.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;
const EPS = 1e-16;
const MAX_ITER = 100_000;
const TINY = 1e-300;

/** ln Γ(x) for x > 0 (Lanczos, relative error below 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the small-argument side as accurate as the large one.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** e^(−x) x^a / Γ(a), the factor both the series and the continued fraction carry. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** P(a, x) by its power series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(a, x);
}

/** Q(a, x) by its continued fraction (modified Lentz); converges fast for x > a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h * gammaPrefactor(a, x);
}

/** The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) (Cephes' igamc). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

/** The chi-square distribution's survival function P(X ≥ x) with `df` degrees of freedom (SciPy's chi2.sf). */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  return gammaQ(df / 2, x / 2);
}
