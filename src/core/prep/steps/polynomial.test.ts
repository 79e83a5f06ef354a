import { describe, expect, it } from 'vitest';
import { createTable, getColumn } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { numeric } from '../../testing/tables';
import { isSaplingError } from '../../util/errors';
import { SKLEARN } from './numericFeatures.reference';
import { polynomialTransform, termName } from './polynomial.transform';
import { polynomialColumnCount, polynomialLimitError, polynomialTerms } from './polynomialTerms';

// References: scripts/numeric-features-sklearn-reference.py (PolynomialFeatures(include_bias=False):
// get_feature_names_out, transform, n_output_features_).
const INPUTS = ['age', 'income', 'score'];

describe('polynomial features as PolynomialFeatures', () => {
  for (const [key, ref] of Object.entries(SKLEARN.polynomial.fits)) {
    const [degree, inter] = key.split('-');
    it(`degree ${degree}, interactions only ${inter}`, () => {
      const terms = polynomialTerms(3, Number(degree), inter === 'True');
      // sklearn's names ('age^2 income') spelled with × between factors; the degree-1 terms are the inputs.
      expect([...INPUTS, ...terms.map((t) => termName(INPUTS, t))]).toEqual(ref.names.map((n) => n.replaceAll(' ', '×')));
      const table = createTable(INPUTS.map((name, j) => numeric(name, SKLEARN.polynomial.x[j])));
      const out = polynomialTransform.transform(table, { inputs: INPUTS, terms });
      expect(out.columns.map((c) => c.name)).toEqual(ref.names.map((n) => n.replaceAll(' ', '×')));
      out.columns.forEach((c, j) => expect(Array.from((c as NumericColumn).values)).toEqual(ref.values[j]));
    });
  }

  it('counts the output columns as n_output_features_', () => {
    for (const [key, count] of Object.entries(SKLEARN.polynomial.counts)) {
      const [d, degree, inter] = key.split('-');
      expect(polynomialColumnCount(Number(d), Number(degree), inter === 'True'), key).toBe(count);
      expect(INPUTS.length + polynomialTerms(3, 2, false).length).toBe(polynomialColumnCount(3, 2, false));
    }
  });

  it('refuses past the limit with the count in the message', () => {
    const e = polynomialLimitError(40, 3, false);
    expect(isSaplingError(e) && e.code).toBe('too-many-columns');
    expect(e?.message).toBe('polynomial degree 3 of 40 columns makes 12,340 columns; the limit is 2,000: choose fewer columns or degree 2');
    expect(polynomialLimitError(40, 2, false)).toBeUndefined();
    expect(polynomialLimitError(62, 2, false)?.message).toBe('polynomial degree 2 of 62 columns makes 2,015 columns; the limit is 2,000: choose fewer columns');
  });

  it('keeps missing values missing, takes booleans as 0/1 and skips terms of absent inputs', () => {
    const table = createTable([numeric('a', [2, NaN, 3]), { kind: 'boolean', name: 'b', values: Int8Array.of(1, 0, -1) }]);
    const out = polynomialTransform.transform(table, { inputs: ['a', 'b', 'gone'], terms: [[0, 0], [0, 1], [1, 2], [0, 0, 1]] });
    expect(out.columns.map((c) => c.name)).toEqual(['a', 'b', 'a^2', 'a×b', 'a^2×b']);
    const v = (name: string) => Array.from((getColumn(out, name) as NumericColumn).values);
    expect(v('a^2')).toEqual([4, NaN, 9]);
    expect(v('a×b')).toEqual([2, NaN, NaN]);
    expect(v('a^2×b')).toEqual([4, NaN, NaN]);
  });

  it('checks fitted state from a file', () => {
    expect(() => polynomialTransform.checkState(null, 's')).toThrow(/s: expected an object/);
    expect(() => polynomialTransform.checkState({ inputs: ['a'], terms: [[0, 1]] }, 's')).toThrow(/s.terms\[0\]/);
    expect(() => polynomialTransform.checkState({ inputs: ['a', 'b'], terms: [[1, 0]] }, 's')).toThrow(/non-decreasing/);
    polynomialTransform.checkState({ inputs: ['a', 'b'], terms: [[0, 1]] }, 's');
  });
});
