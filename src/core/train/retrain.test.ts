import { describe, expect, it } from 'vitest';
import { loadModel } from '../artifact/predict';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { getColumn, selectRows } from '../table/DataTable';
import { csv, sample } from '../testing/tables';
import type { TrainConfig } from './config';
import { MIN_NEW_ROWS, metricsOn, retrainRows } from './retrain';
import { runTraining } from './runTraining';

const penguins = await sample('penguins.csv');
const config: TrainConfig = { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: 'logistic', params: {} }, seed: 3 };
const { file } = await runTraining(penguins, config);
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
/** New rows: the last 50 penguins (Chinstraps), with an extra column the model does not read. */
const fresh = await csv(`extra,species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n${Array.from({ length: 50 }, (_, i) => `x${i},Chinstrap,Dream,${45 + i / 10},18,${190 + i},3700,male,2009`).join('\n')}`);

describe('retrainRows', () => {
  it('holds out the newest fifth of the new labelled rows and adds the old rows before the others (old + new)', () => {
    const { train, newest } = retrainRows(file, penguins, fresh, { kind: 'old+new' });
    expect(newest.rowCount).toBe(10);
    expect(train.rowCount).toBe(344 + 40);
    // Cut to the model's columns: the extra column is gone, and the rows keep file order.
    expect(train.columns.map((c) => c.name).sort()).toEqual(['bill_depth_mm', 'bill_length_mm', 'body_mass_g', 'flipper_length_mm', 'island', 'sex', 'species', 'year']);
    expect(Array.from((getColumn(newest, 'flipper_length_mm') as { values: Float64Array }).values)).toEqual([230, 231, 232, 233, 234, 235, 236, 237, 238, 239]);
    expect((getColumn(train, 'flipper_length_mm') as { values: Float64Array }).values[344]).toBe(190);
  });

  it('takes the new rows only, or the most recent N of old and new', () => {
    expect(retrainRows(file, null, fresh, { kind: 'new' }).train.rowCount).toBe(40);
    const recent = retrainRows(file, penguins, fresh, { kind: 'recent', rows: 100 }).train;
    expect(recent.rowCount).toBe(100);
    // The last 100 of old (344) + new (40): 60 old rows, then the 40 new.
    expect((getColumn(recent, 'flipper_length_mm') as { values: Float64Array }).values[60]).toBe(190);
  });

  it('refuses too few labelled rows, and old + new without the old rows', () => {
    const few = selectRows(fresh, range(0, MIN_NEW_ROWS - 1));
    expect(() => retrainRows(file, penguins, few, { kind: 'new' })).toThrow(/at least 10 new rows/);
    expect(() => retrainRows(file, null, fresh, { kind: 'old+new' })).toThrow(/load the data the model was trained on/);
    expect(() => retrainRows(file, penguins, fresh, { kind: 'recent', rows: 2 })).toThrow(/at least 10/);
  });
});

describe('metricsOn', () => {
  it('scores the model on labelled rows as training scores its test rows', async () => {
    const model = await loadModel(file);
    try {
      // The model's own test figures come back from its test rows; here, all rows of one class it predicts well.
      const adelie = selectRows(penguins, range(0, 100));
      const m = metricsOn(model, adelie);
      expect(Object.keys(m)).toEqual(Object.keys(file.report.metrics.test));
      expect(m.accuracy).toBeGreaterThan(0.9);
      // Rows of a class the model never saw are left out; with none left, an error names the known classes.
      const header = 'species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n';
      const alien = await csv(`${header}Emperor,Dream,40,18,190,3700,male,2009\nEmperor,Dream,41,18,191,3700,male,2009`);
      expect(() => metricsOn(model, alien)).toThrow(/none of the rows has a class the model knows \(it knows Adelie, Chinstrap, Gentoo\)/);
      const mixed = await csv(`${header}Emperor,Dream,40,18,190,3700,male,2009\nGentoo,Biscoe,47,14.5,215,5000,female,2008`);
      expect(metricsOn(model, mixed).accuracy).toBe(1);
    } finally {
      model.dispose();
    }
  });
});
