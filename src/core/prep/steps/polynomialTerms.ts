import { SaplingError } from '../../util/errors';

/** The most columns a polynomial step may output (its inputs included, as PolynomialFeatures counts them). */
export const POLYNOMIAL_COLUMN_LIMIT = 2000;

/**
 * How many columns PolynomialFeatures(degree, interaction_only, include_bias=False) outputs for `d`
 * inputs (its `n_output_features_`, the inputs themselves included): Σₖ C(d, k) for interactions
 * only, Σₖ C(d + k − 1, k) otherwise, k = 1 … degree. The studio shows it before running.
 */
export function polynomialColumnCount(d: number, degree: number, interactionOnly: boolean): number {
  let total = 0;
  for (let k = 1; k <= degree; k++) total += interactionOnly ? choose(d, k) : choose(d + k - 1, k);
  return total;
}

/** The refusal when `polynomialColumnCount` passes `POLYNOMIAL_COLUMN_LIMIT`, or undefined when within it. */
export function polynomialLimitError(d: number, degree: number, interactionOnly: boolean): SaplingError | undefined {
  const count = polynomialColumnCount(d, degree, interactionOnly);
  if (count <= POLYNOMIAL_COLUMN_LIMIT) return undefined;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const advice = degree > 2 ? 'choose fewer columns or degree 2' : 'choose fewer columns';
  return new SaplingError(
    'too-many-columns',
    `polynomial degree ${degree}${interactionOnly ? ' (interactions only)' : ''} of ${fmt(d)} columns makes ${fmt(count)} columns; the limit is ${fmt(POLYNOMIAL_COLUMN_LIMIT)}: ${advice}`,
  );
}

/**
 * The terms of degree 2 … `degree` over `d` inputs, each as its factors' indices (non-decreasing),
 * in PolynomialFeatures' order: by degree, then as itertools' combinations (with replacement unless
 * `interactionOnly`) list them.
 */
export function polynomialTerms(d: number, degree: number, interactionOnly: boolean): number[][] {
  const terms: number[][] = [];
  const extend = (prefix: number[], from: number, size: number) => {
    if (prefix.length === size) {
      terms.push(prefix);
      return;
    }
    for (let i = from; i < d; i++) extend([...prefix, i], interactionOnly ? i + 1 : i, size);
  };
  for (let size = 2; size <= degree; size++) extend([], 0, size);
  return terms;
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
