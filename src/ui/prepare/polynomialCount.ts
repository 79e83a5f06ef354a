/*
 * The polynomial step's column count for its form, before it runs. The polynomial helper exports
 * `polynomialColumnCount(d, degree, interactionOnly)` from its step; until that lands this is a
 * stand-in with scikit-learn's count (PolynomialFeatures, include_bias=False): switch the body to
 * a re-export then.
 */

/** n choose k, exact for the small counts a form shows. */
function choose(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/** Columns a polynomial step makes from `d` columns, the originals included: every product of degree 1 … `degree` (without repeats when `interactionOnly`). */
export function polynomialColumnCount(d: number, degree: number, interactionOnly: boolean): number {
  if (interactionOnly) {
    let total = 0;
    for (let k = 1; k <= Math.min(degree, d); k++) total += choose(d, k);
    return total;
  }
  return choose(d + degree, degree) - 1;
}
