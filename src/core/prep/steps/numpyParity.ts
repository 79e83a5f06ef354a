/**
 * NumPy's float64 building blocks, ported operation by operation so that the steps that follow
 * scikit-learn (bins, power) compute what it computes on the same data, not merely something close:
 * a quantile edge or a maximum-likelihood λ that differs in its last bits can move a value across a
 * bin edge or change a Brent iteration. Fitting code only; the prediction runtime does not load it.
 */

/** NumPy's pairwise sum of `a[lo .. lo + n)` (`np.add.reduce` on a contiguous float64 array), bit for bit. */
export function pairwiseSum(a: ArrayLike<number>, lo = 0, n = a.length - lo): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i];
    return res;
  }
  if (n <= 128) {
    // Eight running sums, combined as a tree, then the remainder (numpy/core/src/umath/loops_utils.h).
    const r = [a[lo], a[lo + 1], a[lo + 2], a[lo + 3], a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[lo + i + j];
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[lo + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}

/** `np.var(a)` (population variance, two passes with pairwise sums). */
export function npVar(a: Float64Array): number {
  const n = a.length;
  const mean = pairwiseSum(a) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = (a[i] - mean) * (a[i] - mean);
  return pairwiseSum(sq) / n;
}

/** `np.linspace(start, stop, num)`: i · step + start, with the last value exactly `stop`. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) return Float64Array.of(start);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * `np.percentile(sorted, q)` with the default linear method, for each `q` in percent, on values
 * sorted ascending with no NaN: the virtual index (n − 1)·q/100 and NumPy's two-sided lerp.
 */
export function percentiles(sorted: Float64Array, q: ArrayLike<number>): Float64Array {
  const n = sorted.length;
  const out = new Float64Array(q.length);
  for (let k = 0; k < q.length; k++) {
    const virtual = (n - 1) * (q[k] / 100);
    let below = Math.floor(virtual);
    let above = below + 1;
    if (virtual >= n - 1) below = above = n - 1;
    else if (virtual < 0) below = above = 0;
    const a = sorted[below];
    const b = sorted[above];
    // gamma as NumPy computes it (virtual − floor), even at the clamped ends where a === b.
    const t = virtual - Math.floor(virtual);
    const diff = b - a;
    out[k] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
  return out;
}

/** The values that are not NaN, sorted ascending. */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** The values that are not NaN, in row order. */
export function present(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out.push(values[i]);
  return Float64Array.from(out);
}
