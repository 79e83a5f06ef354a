// STAND-IN for monitor/stats.ts (branch wt-stats) until it lands: the signatures of MONITOR_API.md
// with simple implementations (asymptotic KS p-value), so the engine can be written and tested now.
// Replaced by the owner's file on merge.

/** Two-sample Kolmogorov–Smirnov test (asymptotic p-value in this stand-in). */
export function ks2samp(a: ArrayLike<number>, b: ArrayLike<number>): { statistic: number; pValue: number } {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] <= v) i++;
    while (j < m && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return { statistic: d, pValue: kolmogorovP(d, n, m) };
}

/** Asymptotic two-sided KS p-value (Numerical Recipes' corrected λ). */
export function kolmogorovP(d: number, n: number, m: number): number {
  const en = Math.sqrt((n * m) / (n + m));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** Pearson's chi-square test of observed counts against expected counts (ddof 0). */
export function chiSquare(observed: readonly number[], expected: readonly number[]): { statistic: number; pValue: number } {
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) statistic += (observed[i] - expected[i]) ** 2 / expected[i];
  const df = observed.length - 1;
  return { statistic, pValue: df > 0 ? gammaQ(df / 2, statistic / 2) : 1 };
}

function lnGamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const v of c) ser += v / ++y;
  return -tmp + Math.log((2.5066282746310007 * ser) / x);
}

/** Regularised upper incomplete gamma Q(a, x). */
function gammaQ(a: number, x: number): number {
  if (!Number.isFinite(x)) return 0;
  if (x <= 0) return 1;
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 1000; n++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** The 1-D Wasserstein distance between two samples (SciPy's `wasserstein_distance`). */
export function wasserstein(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const x = Float64Array.from(u).sort();
  const y = Float64Array.from(v).sort();
  const all = Float64Array.from([...x, ...y]).sort();
  let i = 0;
  let j = 0;
  let total = 0;
  for (let k = 0; k < all.length - 1; k++) {
    while (i < x.length && x[i] <= all[k]) i++;
    while (j < y.length && y[j] <= all[k]) j++;
    total += Math.abs(i / x.length - j / y.length) * (all[k + 1] - all[k]);
  }
  return total;
}

/** Jensen–Shannon distance (natural log) of two distributions, each normalised. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(0, js / 2));
}

/** Population stability index of counts (or shares) on the same bins; an empty bin counts as a share of 1e-4. */
export function psi(reference: readonly number[], current: readonly number[]): number {
  const sr = reference.reduce((a, b) => a + b, 0);
  const sc = current.reduce((a, b) => a + b, 0);
  let total = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i] / sr, 1e-4);
    const c = Math.max(current[i] / sc, 1e-4);
    total += (c - r) * Math.log(c / r);
  }
  return total;
}
