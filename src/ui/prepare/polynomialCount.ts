/*
 * The polynomial step's column count for its form, before it runs: the step's own count (its
 * PolynomialFeatures `n_output_features_`, the inputs included) and the limit past which it refuses.
 */
export { POLYNOMIAL_COLUMN_LIMIT, polynomialColumnCount } from '../../core/prep/steps/polynomialTerms';
