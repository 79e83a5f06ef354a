import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params';
import { createTable, getColumn } from '../table/DataTable';
import type { CodedColumn, NumericColumn } from '../table/column';
import { categorical, numeric } from '../testing/tables';
import { imputeStep } from './impute';
import { oneHotStep } from './oneHot';
import { pcaStep } from './pca';
import { scaleStep } from './scale';
import type { StepDefinition } from './step';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fitTransform<S extends StepDefinition<any, any>>(step: S, train: ReturnType<typeof createTable>, params: Record<string, unknown>, apply = train) {
  const p = resolveParams(step.schema, params);
  const state = step.fit(train, p, { seed: 0 });
  return { state, out: step.transform(apply, p, state) };
}

const values = (t: ReturnType<typeof createTable>, name: string) => Array.from((getColumn(t, name) as NumericColumn).values);

describe('impute', () => {
  const train = createTable([numeric('x', [1, NaN, 3, 10, 3]), categorical('c', ['a', 'b', null, 'b', 'b'])]);
  const test = createTable([numeric('x', [NaN, 5]), categorical('c', [null, 'z'])]);

  it('fills numbers with the training mean, median, mode or a constant', () => {
    expect(values(fitTransform(imputeStep, train, { numeric: 'mean' }, test).out, 'x')).toEqual([4.25, 5]);
    expect(values(fitTransform(imputeStep, train, { numeric: 'median' }, test).out, 'x')).toEqual([3, 5]);
    expect(values(fitTransform(imputeStep, train, { numeric: 'most_frequent' }, test).out, 'x')).toEqual([3, 5]);
    expect(values(fitTransform(imputeStep, train, { numeric: 'constant', numericFill: -1 }, test).out, 'x')).toEqual([-1, 5]);
  });

  it('fills categories with the most frequent training value or a "missing" category', () => {
    const c1 = getColumn(fitTransform(imputeStep, train, {}, test).out, 'c') as CodedColumn;
    expect(Array.from(c1.codes, (k) => c1.categories[k])).toEqual(['b', 'z']);
    const c2 = getColumn(fitTransform(imputeStep, train, { categorical: 'constant' }, test).out, 'c') as CodedColumn;
    expect(Array.from(c2.codes, (k) => c2.categories[k])).toEqual(['missing', 'z']);
  });

  it('does not mutate its input', () => {
    fitTransform(imputeStep, train, {}, test);
    expect(values(test, 'x')[0]).toBeNaN();
  });
});

describe('scale', () => {
  const train = createTable([numeric('x', [1, 2, 3, 4]), numeric('k', [7, 7, 7, 7])]);
  it('standardises with the training mean and population std', () => {
    const { out } = fitTransform(scaleStep, train, {}, createTable([numeric('x', [2.5, 5]), numeric('k', [7, 8])]));
    const sd = Math.sqrt(1.25);
    expect(values(out, 'x')).toEqual([0, 2.5 / sd]);
    expect(values(out, 'k')).toEqual([0, 1]); // a constant column keeps scale 1
  });
  it('min–max scales with the training range', () => {
    const { out } = fitTransform(scaleStep, train, { method: 'minmax' }, createTable([numeric('x', [1, 2.5, 7]), numeric('k', [7, 7, 7])]));
    expect(values(out, 'x')).toEqual([0, 0.5, 2]);
  });
});

describe('one-hot', () => {
  const train = createTable([categorical('island', ['Dream', 'Biscoe', 'Dream', 'Torgersen']), numeric('v', [1, 2, 3, 4])]);
  it('makes an indicator per training category, sorted; unknown and missing set none', () => {
    const test = createTable([categorical('island', ['Biscoe', 'Atlantis', null]), numeric('v', [0, 0, 0])]);
    const { out, state } = fitTransform(oneHotStep, train, {}, test);
    expect(out.columns.map((c) => c.name)).toEqual(['island=Biscoe', 'island=Dream', 'island=Torgersen', 'v']);
    expect(values(out, 'island=Biscoe')).toEqual([1, 0, 0]);
    expect(values(out, 'island=Dream')).toEqual([0, 0, 0]);
    expect(oneHotStep.lineage!(state)).toEqual([['island=Biscoe', ['island']], ['island=Dream', ['island']], ['island=Torgersen', ['island']]]);
  });
  it('groups categories past the limit into "(other)", unknown ones too', () => {
    const test = createTable([categorical('island', ['Torgersen', 'Atlantis', 'Dream']), numeric('v', [0, 0, 0])]);
    const { out } = fitTransform(oneHotStep, train, { maxCategories: 1 }, test);
    expect(out.columns.map((c) => c.name)).toEqual(['island=Dream', 'island=(other)', 'v']);
    expect(values(out, 'island=(other)')).toEqual([1, 1, 0]);
  });
});

describe('pca', () => {
  // y = 2x exactly, z uncorrelated with x: two components carry everything, the first along (1, 2, 0)/√5.
  const train = createTable([numeric('x', [1, 2, 3, 4]), numeric('y', [2, 4, 6, 8]), numeric('z', [1, 0, 0, 1]), categorical('c', ['a', 'b', 'a', 'b'])]);

  it('replaces the numeric columns with the components that reach the variance share, keeping the rest', () => {
    const { state, out } = fitTransform(pcaStep, train, { components: 0.99 });
    expect(out.columns.map((c) => c.name)).toEqual(['c', 'pc1', 'pc2']);
    expect(state.fit.components.slice(0, 3).map((v: number) => Number(v.toFixed(9)))).toEqual([Number((1 / Math.sqrt(5)).toFixed(9)), Number((2 / Math.sqrt(5)).toFixed(9)), 0]);
    // Centred x = (−1.5, −0.5, 0.5, 1.5) along (1, 2)/√5 gives √5 × (−1.5, …).
    values(out, 'pc1').forEach((v, i) => expect(v).toBeCloseTo(Math.sqrt(5) * (i - 1.5), 5));
    expect(pcaStep.lineage!(state)).toEqual([['pc1', state.columns], ['pc2', state.columns]]);
  });

  it('projects new rows with the training fit, and names a gap it cannot use', () => {
    const { out } = fitTransform(pcaStep, train, { components: 1 }, createTable([numeric('x', [2.5]), numeric('y', [5]), numeric('z', [0.5]), categorical('c', ['a'])]));
    expect(values(out, 'pc1')[0]).toBeCloseTo(0, 6);
    expect(() => fitTransform(pcaStep, createTable([numeric('x', [1, NaN, 3])]), {})).toThrow(/"x".*missing values.*row 2/);
  });
});

describe('a made column whose name the data already has', () => {
  it('is a clear error naming the column, not an internal one', () => {
    const clash = createTable([categorical('island', ['Biscoe', 'Dream', 'Biscoe']), numeric('island=Biscoe', [1, 2, 3]), numeric('pc1', [4, 5, 6])]);
    expect(() => fitTransform(oneHotStep, clash, { columns: ['island'] })).toThrow(
      'the one-hot step makes a column "island=Biscoe", but the data already has a column of that name: rename that column or leave it out',
    );
    expect(() => fitTransform(pcaStep, clash, { components: 1, columns: ['island=Biscoe'] })).toThrow('the PCA step makes a column "pc1", but the data already has a column of that name');
  });
});
