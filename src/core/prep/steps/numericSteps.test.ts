import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { type DataTable, createTable, getColumn } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { numeric } from '../../testing/tables';
import type { StepDefinition } from '../step';
import { binsStep } from './bins';
import { SKLEARN } from './numericFeatures.reference';
import { polynomialStep } from './polynomial';
import { powerStep } from './power';

// References: scripts/numeric-features-sklearn-reference.py, through the steps' fit and replay.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function run<S extends StepDefinition<any, any>>(step: S, train: DataTable, params: Record<string, unknown>, apply = train) {
  const p = resolveParams(step.schema, params);
  const state = step.fit(train, p, { seed: 1 });
  return { state, out: step.transform(apply, p, state) };
}

const values = (t: DataTable, name: string) => Array.from((getColumn(t, name) as NumericColumn).values);
const near = (got: number[], want: readonly (number | null)[], tol = 1e-6) =>
  want.forEach((w, i) => (w === null ? expect(got[i]).toBeNaN() : expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w)))));

const train = createTable([numeric('income', SKLEARN.data.income), numeric('score', SKLEARN.withnan.map((v) => v ?? NaN)), numeric('age', SKLEARN.data.age)]);

describe('power step', () => {
  it('matches PowerTransformer on a column with missing values, in place', () => {
    const { state, out } = run(powerStep, train, { columns: ['score'] });
    expect(state.columns.score.lambda).toBeCloseTo(SKLEARN.power['yeo-johnson-True-withnan'].lambda, 7);
    expect(out.columns.map((c) => c.name)).toEqual(['income', 'score', 'age']);
    near(values(out, 'score'), SKLEARN.power['yeo-johnson-True-withnan'].train);
    expect(values(out, 'income')).toEqual(SKLEARN.data.income);
  });

  it('matches Box-Cox and the quantile transform on every numeric column by default', () => {
    const bc = run(powerStep, createTable([numeric('income', SKLEARN.data.income)]), { method: 'box-cox' }).out;
    near(values(bc, 'income'), SKLEARN.power['box-cox-True-income'].train);
    const q = run(powerStep, train, { method: 'quantile', output: 'normal' }, createTable([numeric('income', SKLEARN.new.income), numeric('score', [0, 0, 0, 0, 0, 0]), numeric('age', SKLEARN.new.age)])).out;
    near(values(q, 'age'), SKLEARN.quantile['normal-1000-age'].new ?? []);
    const q10 = run(powerStep, train, { method: 'quantile', quantiles: 10, columns: ['income'] }).out;
    near(values(q10, 'income'), SKLEARN.quantile['uniform-10-income'].train);
  });

  it('refuses Box-Cox on a non-positive training value, naming the column and the row', () => {
    expect(() => run(powerStep, train, { method: 'box-cox' })).toThrow(/^column "score" holds -\d+(\.\d+)? at training row \d+; Box-Cox needs values above 0/);
  });
});

describe('bins step', () => {
  it('replaces the column by one-hot bins as KBinsDiscretizer, missing kept', () => {
    const { out } = run(binsStep, train, { strategy: 'kmeans', bins: 5, columns: ['age'] });
    expect(out.columns.map((c) => c.name)).toEqual(['income', 'score', 'age|bin=0', 'age|bin=1', 'age|bin=2', 'age|bin=3', 'age|bin=4']);
    const codes = SKLEARN.bins['kmeans-5-age'].train;
    for (let k = 0; k < 5; k++) expect(values(out, `age|bin=${k}`)).toEqual(codes.map((c) => (c === k ? 1 : 0)));
    const { state } = run(binsStep, train, { strategy: 'kmeans', bins: 5, columns: ['age'], encode: 'ordinal' });
    expect(binsStep.lineage?.(state)).toEqual([['age|bin', ['age']]]);
  });

  it('gives ordinal bin numbers, with missing values left missing', () => {
    const { out } = run(binsStep, train, { strategy: 'uniform', bins: 3, encode: 'ordinal', columns: ['score'] });
    expect(values(out, 'score|bin').map((v, i) => (SKLEARN.withnan[i] === null ? Number.isNaN(v) : v >= 0 && v <= 2))).not.toContain(false);
  });
});

describe('polynomial step', () => {
  it('appends the products after the columns and refuses past the limit', () => {
    const { out } = run(polynomialStep, train, { columns: ['income', 'age'] });
    expect(out.columns.map((c) => c.name)).toEqual(['income', 'score', 'age', 'income^2', 'income×age', 'age^2']);
    expect(values(out, 'income×age')[0]).toBe(SKLEARN.data.income[0] * SKLEARN.data.age[0]);
    expect(polynomialStep.lineage?.(run(polynomialStep, train, { columns: ['income', 'age'] }).state)).toEqual([
      ['income^2', ['income']],
      ['income×age', ['income', 'age']],
      ['age^2', ['age']],
    ]);
    const wide = createTable(Array.from({ length: 40 }, (_, j) => numeric(`x${j}`, [j])));
    expect(() => run(polynomialStep, wide, { degree: 3 })).toThrow('polynomial degree 3 of 40 columns makes 12,340 columns; the limit is 2,000: choose fewer columns or degree 2');
  });
});
