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

/** How rows are dealt into folds: by class (stratified), by group (no group in two folds), or plainly. */
export interface FoldOptions {
  /** Class index per row: each fold gets each class in about the same share. */
  readonly strata?: Int32Array;
  /** Group code per row (−1 = a missing value, a group of its own): all of a group's rows share a fold. */
  readonly groups?: Int32Array;
}

/**
 * Seeded k-fold cross-validation splits of `n` rows: k splits whose test parts partition the rows.
 * Stratified, rows of each class are shuffled and dealt in turn, continuing from fold to fold
 * across classes (as scikit-learn's StratifiedKFold with shuffling), so fold sizes differ by at
 * most one and every class is spread evenly; grouped, groups are shuffled and each goes, whole,
 * to the fold with the fewest rows so far (GroupKFold's rule, largest groups first).
 */
export function kFoldSplits(n: number, k: number, rng: Rng, options: FoldOptions = {}): SplitIndices[] {
  if (!Number.isInteger(k) || k < 2) throw new SaplingError('bad-param', `cross-validation needs at least 2 folds, got ${k}`);
  if (n < k) throw new SaplingError('too-few-rows', `${n} rows are too few for ${k}-fold cross-validation (each fold needs a row)`);
  const fold = new Int32Array(n);
  if (options.groups) {
    const members = groupMembers(options.groups, n);
    if (members.size < k) throw new SaplingError('too-few-groups', `the group column has ${members.size} group${members.size === 1 ? '' : 's'}; ${k}-fold cross-validation needs at least ${k}`);
    const groups = shuffleInPlace(Int32Array.from(members.keys()), rng);
    // Stable by size after the shuffle: equal-sized groups keep their random order.
    const order = Array.from(groups).sort((a, b) => members.get(b)!.length - members.get(a)!.length);
    const sizes = new Array<number>(k).fill(0);
    for (const g of order) {
      let smallest = 0;
      for (let f = 1; f < k; f++) if (sizes[f] < sizes[smallest]) smallest = f;
      for (const i of members.get(g)!) fold[i] = smallest;
      sizes[smallest] += members.get(g)!.length;
    }
  } else {
    const byClass: number[][] = [];
    if (options.strata) for (let i = 0; i < n; i++) (byClass[Math.max(0, options.strata[i])] ??= []).push(i);
    else byClass.push(Array.from({ length: n }, (_, i) => i));
    let next = 0;
    for (const rows of byClass) {
      if (!rows) continue;
      for (const i of shuffleInPlace(Int32Array.from(rows), rng)) {
        fold[i] = next;
        next = (next + 1) % k;
      }
    }
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/**
 * `repeats` seeded train/test splits of `n` rows (repeated holdout, scikit-learn's ShuffleSplit),
 * each drawn as `trainTestSplit` draws it — stratified with `strata` — or, with `groups`, by whole
 * groups (GroupShuffleSplit): groups are shuffled and go to the test part while each brings it
 * nearer `testSize` of the rows, so no group is on both sides and the share is kept as well as
 * whole groups allow.
 */
export function repeatedHoldout(n: number, testSize: number, repeats: number, rng: Rng, options: FoldOptions = {}): SplitIndices[] {
  if (!Number.isInteger(repeats) || repeats < 1) throw new SaplingError('bad-param', `repeated holdout needs at least 1 repeat, got ${repeats}`);
  const { groups } = options;
  if (!groups) return Array.from({ length: repeats }, () => trainTestSplit(n, testSize, rng, options.strata));
  if (!(testSize > 0 && testSize < 1)) throw new SaplingError('bad-param', `test size must be between 0 and 1, got ${testSize}`);
  const members = groupMembers(groups, n);
  if (members.size < 2) throw new SaplingError('too-few-groups', `the group column has ${members.size} group${members.size === 1 ? '' : 's'}; a grouped holdout needs at least 2`);
  const keys = Int32Array.from(members.keys());
  return Array.from({ length: repeats }, () => {
    const test = new Uint8Array(n);
    let held = 0;
    const order = shuffleInPlace(keys, rng);
    const target = testSize * n;
    // Whole groups, in the shuffled order, each taken when it brings the test part nearer its
    // share (a big group that would overshoot is passed over), never the last rows to train on.
    const take = (g: number) => {
      for (const i of members.get(g)!) test[i] = 1;
      held += members.get(g)!.length;
    };
    for (const g of order) {
      const size = members.get(g)!.length;
      if (Math.abs(held + size - target) < Math.abs(held - target) && held + size < n) take(g);
    }
    // Every group overshoots by more than it helps: the smallest one, so there is a test part.
    if (held === 0) take(Array.from(order).reduce((a, b) => (members.get(b)!.length < members.get(a)!.length ? b : a)));
    const split: { train: number[]; test: number[] } = { train: [], test: [] };
    for (let i = 0; i < n; i++) (test[i] ? split.test : split.train).push(i);
    return { train: Int32Array.from(split.train), test: Int32Array.from(split.test) };
  });
}

/** Rows of each group, by group code; rows with no group value (−1) are groups of one each. */
function groupMembers(groups: Int32Array, n: number): Map<number, number[]> {
  const members = new Map<number, number[]>();
  let missing = -2;
  for (let i = 0; i < n; i++) {
    const g = groups[i] >= 0 ? groups[i] : missing--;
    let rows = members.get(g);
    if (!rows) members.set(g, (rows = []));
    rows.push(i);
  }
  return members;
}
