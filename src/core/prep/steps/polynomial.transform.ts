import type { Column, NumericColumn } from '../../table/column';
import { checkArray, checkDistinctStrings, checkIntegers, checkObject, fail } from '../../util/check';
import { type StepTransform, outputTable } from '../step';

/**
 * The polynomial step's fitted state: its input columns, and each made term (degree 2 and up) as
 * the indices of its factors into `inputs`, non-decreasing, in PolynomialFeatures' output order.
 */
export type PolynomialState = { inputs: string[]; terms: number[][] };

/** A term's column name from its factors: `age×fare`, `age^2`, `age^2×fare`. */
export function termName(inputs: readonly string[], factors: readonly number[]): string {
  const parts: string[] = [];
  for (let t = 0; t < factors.length; ) {
    let power = 1;
    while (factors[t + power] === factors[t]) power++;
    parts.push(power > 1 ? `${inputs[factors[t]]}^${power}` : inputs[factors[t]]);
    t += power;
  }
  return parts.join('×');
}

/**
 * Replays polynomial features: each term is the product of its factor columns (booleans as 0/1),
 * appended after the table's columns; a missing factor makes the term missing. A term whose input
 * is absent from the table (dropped as unused by the model) is skipped.
 */
export const polynomialTransform: StepTransform<PolynomialState> = {
  id: 'polynomial',
  checkState(state, path) {
    const s = checkObject(state, path);
    const inputs = checkDistinctStrings(s.inputs, `${path}.inputs`);
    checkArray(s.terms, `${path}.terms`).forEach((t, i) => {
      const factors = checkIntegers(t, `${path}.terms[${i}]`, 0, inputs.length - 1);
      if (factors.length < 2 || factors.some((f, k) => k > 0 && f < factors[k - 1])) fail(`${path}.terms[${i}]`, 'must list two or more factors in non-decreasing order');
    });
  },
  transform(table, state) {
    const rows = table.rowCount;
    const columns = state.inputs.map((name) => table.columns.find((c) => c.name === name));
    const made: NumericColumn[] = [];
    for (const factors of state.terms) {
      if (factors.some((f) => !numericLike(columns[f]))) continue;
      const values = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        // As sklearn: a degree-d term is x_first × (the degree d − 1 term of the other factors).
        let product = valueAt(columns[factors[factors.length - 1]] as Column, i);
        for (let k = factors.length - 2; k >= 0; k--) product = valueAt(columns[factors[k]] as Column, i) * product;
        values[i] = product;
      }
      made.push({ kind: 'numeric', name: termName(state.inputs, factors), values });
    }
    return outputTable([...table.columns, ...made], 'polynomial');
  },
};

function numericLike(c: Column | undefined): boolean {
  return c !== undefined && (c.kind === 'numeric' || c.kind === 'boolean');
}

function valueAt(c: Column, i: number): number {
  if (c.kind === 'boolean') return c.values[i] < 0 ? NaN : c.values[i];
  return c.kind === 'numeric' ? c.values[i] : NaN;
}
