import { describe, expect, it } from 'vitest';
import { profileTable, recipeFacts } from '../profile/profile';
import { classTarget } from '../problem';
import { dropColumns, getColumn, selectRows } from '../table/DataTable';
import { csv, sample } from '../testing/tables';
import { createRng } from '../util/rng';
import { cleanRows, defaultRecipe, fitPipeline, toMatrix, transformPipeline } from './recipe';
import { trainTestSplit } from './split';

describe('trainTestSplit', () => {
  it('is seeded, disjoint, complete, and keeps class proportions when stratified', async () => {
    const strata = Int32Array.from({ length: 100 }, (_, i) => (i < 90 ? 0 : 1));
    const a = trainTestSplit(100, 0.2, createRng(1), strata);
    const b = trainTestSplit(100, 0.2, createRng(1), strata);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(a.test.length).toBe(20);
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(Array.from(a.test).filter((i) => strata[i] === 1).length).toBe(2);
    expect(Array.from(trainTestSplit(100, 0.2, createRng(2), strata).test)).not.toEqual(Array.from(a.test));
  });
  it('refuses splits that leave a set empty', async () => {
    expect(() => trainTestSplit(1, 0.2, createRng(1))).toThrow(/at least 2 are needed/);
  });
});

const penguins = await sample('penguins.csv');

describe('recipe', () => {

  it('proposes dropping identifiers and keeps the rest', async () => {
    const table = await csv('id,x,y\n' + Array.from({ length: 12 }, (_, i) => `${i},${i % 3},${i % 2 ? 'a' : 'b'}`).join('\n'));
    expect(defaultRecipe(profileTable(table), 'y').steps[0]).toEqual({ step: 'drop-columns', params: { columns: ['id'] } });
  });

  it('decides the same from the light recipe facts (the CLI) as from a whole profile', async () => {
    // Identifiers (consecutive, and by name), a constant, an empty and a sparse column, dates, text.
    const lines = Array.from({ length: 30 }, (_, i) =>
      [i + 5, 1000 - 7 * i, 3, '', i % 4 ? i / 2 : '', `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, i % 2 ? 'a' : 'b', `note ${i} about ${i * 13}`, i % 3].join(','),
    );
    const table = await csv('row,customer_id,three,empty,sparse,day,group,note,y\n' + lines.join('\n'));
    for (const t of [table, penguins]) {
      const facts = recipeFacts(t);
      const profile = profileTable(t);
      expect(facts.columns.map((c) => [c.name, c.type, c.missing, Math.min(c.unique, 2)])).toEqual(profile.columns.map((c) => [c.name, c.type, c.missing, Math.min(c.unique, 2)]));
      expect(defaultRecipe(facts, null)).toEqual(defaultRecipe(profile, null));
    }
    expect(defaultRecipe(recipeFacts(table), 'y').steps[0].params).toEqual({ columns: ['row', 'customer_id', 'three', 'empty', 'day', 'note'] });
  });

  it('fits on training rows only and names features after their columns', async () => {
    const features = dropColumns(penguins, ['species']);
    const train = selectRows(features, Int32Array.from({ length: 200 }, (_, i) => i));
    const fitted = fitPipeline(train, defaultRecipe(profileTable(penguins), 'species').steps);
    expect(fitted.inputs.map((c) => c.name)).toEqual(['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'year']);
    expect(fitted.features.filter((f) => f.source === 'island').map((f) => f.name)).toEqual(['island=Biscoe', 'island=Dream', 'island=Torgersen']);
    // The scaler's mean is the training rows' mean, not the whole table's.
    const scaled = transformPipeline(fitted, train);
    const bill = Array.from((getColumn(scaled, 'bill_length_mm') as { values: Float64Array }).values);
    expect(bill.reduce((a, b) => a + b, 0) / bill.length).toBeCloseTo(0, 10);
    const X = toMatrix(transformPipeline(fitted, features), fitted.features);
    expect(X.length).toBe(344 * fitted.features.length);
    expect(X.every(Number.isFinite)).toBe(true);
  });

  it('names what is missing when replaying on new data', async () => {
    const features = dropColumns(penguins, ['species']);
    const fitted = fitPipeline(features, defaultRecipe(profileTable(penguins), 'species').steps);
    expect(() => transformPipeline(fitted, dropColumns(features, ['island', 'sex']))).toThrow('the data lacks columns "island", "sex" that the model needs');
    const noImpute = fitPipeline(features, [{ step: 'one-hot' }]);
    expect(() => toMatrix(transformPipeline(noImpute, features), noImpute.features)).toThrow(
      'column "bill_length_mm" has missing values (first at data row 4); add a "Fill missing values" step',
    );
    expect(() => fitPipeline(features, [{ step: 'impute' }])).toThrow('column "island" is categorical and models need numbers; add a one-hot encoding step');
    // The known ids are listed in registry order; steps added later extend the list.
    expect(() => fitPipeline(features, [{ step: 'bogus' }])).toThrow(/^unknown preprocessing step "bogus" \(known: drop-columns, impute, scale, one-hot, pca(, [a-z-]+)*\)$/);
  });

  it('drops rows with a missing target and exact duplicates', async () => {
    const table = await csv('x,y\n1,a\n1,a\n2,NA\n3,b\n');
    const { table: out, report } = cleanRows(table, 'y', true);
    expect(report).toEqual({ missingTarget: 1, duplicates: 1 });
    expect(classTarget(getColumn(out, 'y')).classes).toEqual(['a', 'b']);
    expect(cleanRows(table, 'y', false).table.rowCount).toBe(3);
  });
});
