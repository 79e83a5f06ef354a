import { describe, expect, it } from 'vitest';
import reference from '../../testing/encodeReference.json';
import { crossFitEncode, crossFitFolds, fitEncoding, type Smoothing } from './targetEncoding';

// Reference figures: scripts/encode-sklearn-reference.py (run with /usr/bin/python3), printed into
// src/core/testing/encodeReference.json. TargetEncoder is scikit-learn 1.4's, ported to NumPy there
// (Debian's 1.2.1 predates it) and driven by 1.2.1's own KFold / StratifiedKFold (shuffle=False).

const ref = reference.targetEncode;
const input = ref.input;
// scikit-learn's categories: sorted labels, the missing value last.
const labels = ['Biscoe', 'Dream', 'Torgersen', 'Zed'];
const codes = Int32Array.from(input.island, (l) => (l === null ? labels.length : labels.indexOf(l)));
const categoryCount = labels.length + 1;

function close(actual: ArrayLike<number>, expected: readonly number[]) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]), `at ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(1e-9);
}

type Case = { encodings: number[][]; fitTransform: number[][]; targetMean: number[] };

/** The targets of one case as sklearn sees them: the value, the positive class's 0/1, or one 0/1 per class. */
function targets(task: 'regression' | 'binary' | 'multiclass'): { ys: number[][]; classes: Int32Array | null } {
  if (task === 'regression') return { ys: [input.regression], classes: null };
  if (task === 'binary') return { ys: [input.binary], classes: Int32Array.from(input.binary) };
  return { ys: [0, 1, 2].map((c) => input.multiclass.map((k) => (k === c ? 1 : 0))), classes: Int32Array.from(input.multiclass) };
}

describe('target encoding maths against scikit-learn TargetEncoder', () => {
  for (const task of ['regression', 'binary', 'multiclass'] as const) {
    for (const smooth of ['auto', 2] as Smoothing[]) {
      const expected = (ref as unknown as Record<string, Case>)[`${task}/${smooth === 'auto' ? 'auto' : '2.0'}`];
      it(`${task}, smooth ${smooth}: full-data encodings and target means`, () => {
        const { ys } = targets(task);
        ys.forEach((y, j) => {
          const { encoding, mean } = fitEncoding(codes, y, categoryCount, smooth);
          close(encoding, expected.encodings[j]);
          close([mean], [expected.targetMean[j]]);
        });
      });
      it(`${task}, smooth ${smooth}: out-of-fold encodings of the training rows (cv=5, shuffle=False)`, () => {
        const { ys, classes } = targets(task);
        const fold = crossFitFolds(codes.length, 5, classes, false, 0);
        ys.forEach((y, j) => close(crossFitEncode(codes, y, categoryCount, smooth, fold, expected.targetMean[j]), expected.fitTransform[j]));
      });
    }
  }
});

describe('cross-fitting folds', () => {
  it('KFold without shuffling: consecutive blocks, the first n mod k one row longer', () => {
    expect(Array.from(crossFitFolds(7, 3, null, false, 0))).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });

  it("StratifiedKFold without shuffling: each class's rows in blocks, classes numbered by first appearance", () => {
    // Worked from scikit-learn 1.2.1: StratifiedKFold(2).split on y = [1,1,1,0,0,1] gives test folds [0,0,1,0,1,1].
    expect(Array.from(crossFitFolds(6, 2, Int32Array.from([1, 1, 1, 0, 0, 1]), false, 0))).toEqual([0, 0, 1, 0, 1, 1]);
  });

  it('shuffled folds repeat with the seed, keep the fold sizes and differ between seeds', () => {
    const classes = Int32Array.from(input.multiclass);
    const a = crossFitFolds(53, 5, classes, true, 7);
    expect(Array.from(crossFitFolds(53, 5, classes, true, 7))).toEqual(Array.from(a));
    expect(Array.from(crossFitFolds(53, 5, classes, true, 8))).not.toEqual(Array.from(a));
    const sizes = (f: Int32Array) => [0, 1, 2, 3, 4].map((k) => f.filter((x) => x === k).length);
    expect(sizes(a)).toEqual(sizes(crossFitFolds(53, 5, classes, false, 0)));
  });

  it('never makes more folds than rows', () => {
    expect(Array.from(crossFitFolds(3, 5, null, false, 0))).toEqual([0, 1, 2]);
  });
});
