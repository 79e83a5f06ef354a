import { describe, expect, it } from 'vitest';
import { answerFirst } from './answerFirst';

describe('answerFirst', () => {
  it('puts the prediction and its probabilities before the inputs, rounded for reading', () => {
    const shown = answerFirst(
      ['island', 'bill_length_mm', 'prediction', 'proba_Adelie', 'proba_Gentoo'],
      [
        ['Torgersen', '39.1', 'Adelie', '0.981132', '1.88679e-7'],
        ['Biscoe', '', 'Gentoo', '0.00000', '1.00000'],
      ],
      3,
    );
    expect(shown.columns).toEqual(['prediction', 'proba_Adelie', 'proba_Gentoo', 'island', 'bill_length_mm']);
    expect(shown.answers).toEqual(['prediction', 'proba_Adelie', 'proba_Gentoo']);
    expect(shown.rows).toEqual([
      ['Adelie', '0.981', '0.000', 'Torgersen', '39.1'],
      ['Gentoo', '0.000', '1.000', 'Biscoe', ''],
    ]);
  });

  it('rounds numeric answers (a regression, PCA coordinates) and keeps the inputs as written', () => {
    const shown = answerFirst(['x', 'pc1', 'pc2'], [['0.1234567', '-1.234567', '0.0001234567']], 2);
    expect(shown.columns).toEqual(['pc1', 'pc2', 'x']);
    expect(shown.rows).toEqual([['-1.235', '1.23e-4', '0.1234567']]);
  });

  it('leaves the table as it is with no answer columns, and a cluster as its number', () => {
    expect(answerFirst(['a', 'b'], [['1', '2']], 0).columns).toEqual(['a', 'b']);
    expect(answerFirst(['a', 'cluster'], [['1.5', '-1']], 1).rows).toEqual([['-1', '1.5']]);
  });
});
