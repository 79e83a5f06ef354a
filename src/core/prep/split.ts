import { type Rng, shuffleInPlace } from '../util/rng';
import { SaplingError } from '../util/errors';

/** Row indices of the training and test sets. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * A seeded random train/test split of `n` rows. With `strata` (class index per row), each class is
 * split in the same proportion, so a rare class appears in both sets when it has at least two rows.
 */
export function trainTestSplit(n: number, testSize: number, rng: Rng, strata?: Int32Array): SplitIndices {
  if (!(testSize > 0 && testSize < 1)) throw new SaplingError('bad-param', `test size must be between 0 and 1, got ${testSize}`);
  if (n < 2) throw new SaplingError('too-few-rows', `there ${n === 1 ? 'is 1 row' : `are ${n} rows`}; at least 2 are needed to hold out a test set`);
  const groups: number[][] = [];
  if (strata) {
    for (let i = 0; i < n; i++) (groups[strata[i]] ??= []).push(i);
  } else {
    groups.push(Array.from({ length: n }, (_, i) => i));
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const group of groups) {
    if (!group) continue;
    const rows = shuffleInPlace(Int32Array.from(group), rng);
    let nTest = Math.round(rows.length * testSize);
    if (rows.length >= 2) nTest = Math.min(Math.max(nTest, 1), rows.length - 1);
    for (let i = 0; i < rows.length; i++) (i < nTest ? test : train).push(rows[i]);
  }
  if (train.length === 0 || test.length === 0) {
    throw new SaplingError('too-few-rows', `${n} rows are too few to split into training and test sets at test size ${testSize}`);
  }
  // Sorted indices keep the original row order inside each set (friendlier to read and to cache).
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}
