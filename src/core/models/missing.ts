import { SaplingError } from '../util/errors';

/**
 * The guard of model families that cannot take missing values (everything but the trees, whose
 * binning gives NaN a bin of its own). The recipe's matrix never holds NaN, but a model is also
 * called directly (tests, the CLI, other hosts): without this, NaN would silently become NaN
 * weights or predictions instead of an error the person can act on.
 */

/** Throws the `missing-values` SaplingError when the row-major matrix `X` (n × d) holds a NaN. */
export function rejectMissing(X: Float32Array, n: number, d: number, model: string, stage: 'training' | 'prediction'): void {
  const size = n * d;
  for (let p = 0; p < size; p++) {
    // NaN is the only value unequal to itself; ±Infinity is left to the family.
    if (X[p] !== X[p]) {
      const row = Math.floor(p / d) + 1;
      const feature = (p % d) + 1;
      throw new SaplingError(
        'missing-values',
        `${model} cannot take missing values, but feature ${feature} of ${stage} row ${row} is missing; add a "Fill missing values" step or use a tree model`,
      );
    }
  }
}
