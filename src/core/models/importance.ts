/** Feature importance as every family reports it: one non-negative share per input feature. */

/** Importances normalised to sum to 1 (all zero stays all zero). */
export function normalise(values: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return Array.from(values, (v) => (total > 0 ? v / total : 0));
}

/**
 * The importance of a linear model's features: mean |coefficient| over its outputs, normalised.
 * Meaningful because Sapling's recipes standardise numbers first, so coefficients share a scale.
 */
export function coefficientImportance(coefficient: (feature: number, output: number) => number, d: number, outputs: number): number[] {
  return normalise(Array.from({ length: d }, (_, j) => {
    let sum = 0;
    for (let c = 0; c < outputs; c++) sum += Math.abs(coefficient(j, c));
    return sum / outputs;
  }));
}
