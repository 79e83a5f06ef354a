// The Kolmogorov–Smirnov distributions ks_2samp needs, computed the way SciPy 1.10 computes them so
// that p-values agree to 1e-6 (absolute) or 1e-9 (relative, for tiny ones):
//   - the exact two-sample probability P(D ≥ d) for sizes up to 10,000 (Hodges 1958's lattice paths;
//     the unequal-size recursion rewritten for 1 − p by Viehmann 2021, arXiv 2102.08037), and
//   - the one-sample two-sided survival kstwo.sf(d, n) that SciPy's asymptotic two-sample branch
//     evaluates at n = round(n1·n2 / (n1 + n2)): Simard & L'Ecuyer (2011)'s choice of algorithm by
//     region (Ruben–Gambino closed forms, Durbin's matrix as Marsaglia–Tsang–Wang, Pelz–Good's
//     asymptotic series, the one-sided Smirnov sum of Birnbaum & Tingey).
// Where SciPy uses Pomeranz's recursion (n ≤ 140, 0.754693 < n·x² ≤ 4) we use Durbin's matrix: both
// are exact, so the two agree to rounding.

const TWO_POW_128 = 2 ** 128;
const TWO_POW_M128 = 2 ** -128;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
// Stirling's series for ln(n!) − (n + ½)·ln n + n − ½·ln 2π in powers of 1/n², highest first: the
// Bernoulli-number coefficients B₂ₖ / (2k(2k − 1)).
const STIRLING = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];

/** ln(n! / nⁿ) by Stirling's series (n > 140, where the plain product underflows). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

const clip01 = (p: number): number => Math.min(1, Math.max(0, p));

/** One-sided exact Smirnov survival P(D⁺ₙ ≥ x), Birnbaum & Tingey's sum, summed in logs so large n neither overflows nor underflows. */
export function smirnovSurvival(n: number, x: number): number {
  if (!(x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 1;
  const last = Math.floor(n * (1 - x));
  const logs = new Float64Array(last + 1);
  // ln C(n, v) summed step by step grows to ~n·ln 2; a plain running sum would lose ~1e-11 per step to
  // the accumulator's ulp (2e-9 relative at n = 250,000), so it is kept compensated (Neumaier).
  let logBinom = 0;
  let carry = 0;
  let top = -Infinity;
  for (let v = 0; v <= last; v++) {
    const xv = x + v / n;
    const rest = 1 - xv;
    // A term with (1 − x − v/n) = 0 and n − v > 0 is zero.
    const powers = (v - 1) * Math.log(xv) + (n - v) * (rest > 0 ? Math.log(rest) : 0);
    logs[v] = rest > 0 || n - v === 0 ? logBinom + powers + carry : -Infinity;
    if (logs[v] > top) top = logs[v];
    const step = Math.log((n - v) / (v + 1));
    const sum = logBinom + step;
    carry += Math.abs(logBinom) >= Math.abs(step) ? logBinom - sum + step : step - sum + logBinom;
    logBinom = sum;
  }
  if (top === -Infinity) return 0;
  let sum = 0;
  for (let v = 0; v <= last; v++) sum += Math.exp(logs[v] - top);
  return clip01(x * sum * Math.exp(top));
}

/** Square matrix product (row-major), small m only (Durbin's matrix is at most ~2·n^⅓ wide here). */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

/** P(Dₙ ≤ d) by Durbin's matrix power (Marsaglia, Tsang & Wang 2003), exact, with the exponent kept apart. */
function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * fac;
  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];
  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let hExponent = 0;
  for (let left = n; left > 0; left = Math.floor(left / 2)) {
    if (left % 2) {
      power = matmul(power, H, m);
      exponent += hExponent;
    }
    H = matmul(H, H, m);
    hExponent *= 2;
    // Rescale by 2^128 so repeated squaring neither overflows nor loses the exponent.
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > TWO_POW_128) {
      for (let i = 0; i < H.length; i++) H[i] /= TWO_POW_128;
      hExponent += 128;
    }
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < TWO_POW_M128) {
      p *= TWO_POW_128;
      exponent -= 128;
    }
  }
  return clip01(p * 2 ** exponent);
}

/** P(Dₙ ≤ x) by Pelz & Good's (1976) asymptotic series, SciPy's choice for n > 140 in the body of the distribution. */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qp + coeffs[i];
  }
  const scale = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT_2PI) / scale[i];
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + Math.PI * k) * (sqrt3z - Math.PI * k) * k2 * qp;
  }
  K[2] += (k2extra * PI2 * SQRT_2PI) / (-36 * z ** 3);
  K[3] += (k3extra * PI2 * SQRT_2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2);
  return sum;
}

/** Two-sided one-sample KS survival P(Dₙ ≥ x): SciPy's kstwo.sf(x, n), algorithm chosen by region as Simard & L'Ecuyer. */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben & Gambino: P(Dₙ ≤ x) = n!/nⁿ·(2t − 1)ⁿ for ½n⁻¹ ≤ x ≤ n⁻¹.
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - cdf);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip01(1 - durbinCdf(n, x));
    return clip01(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip01(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clip01(1 - cdf);
}

/** Exact P(D ≥ h/n) for two samples of equal size n: Hodges' alternating sum, evaluated Horner-like to avoid cancellation. */
export function exactEqualSizes(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let a = 1;
    for (let j = 0; j < h; j++) a = ((n - k * h - j) * a) / (n + k * h + j + 1);
    p = a * (1 - p);
  }
  return 2 * p;
}

/**
 * Exact P(D ≥ h/lcm(m, n)) for unequal sizes: the share of lattice paths from (0,0) to (m,n) that
 * leave the band |x/m − y/n| < h/lcm, one column at a time with a sliding window. Each cell holds
 * 1 − (paths inside)/(all paths) so no binomial coefficient ever overflows (Viehmann 2021).
 */
export function exactUnequalSizes(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}
