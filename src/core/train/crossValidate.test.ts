import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { kFoldSplits, repeatedHoldout } from '../prep/split';
import { profileTable } from '../profile/profile';
import { classTarget, resolveProblem } from '../problem';
import { getColumn, selectRows } from '../table/DataTable';
import { csv, sample } from '../testing/tables';
import { createRng } from '../util/rng';
import type { TrainConfig } from './config';
import { FOLD_SEED, crossValidate } from './crossValidate';
import { runTraining } from './runTraining';

const penguins = await sample('penguins.csv');

function config(model: string, params: Record<string, unknown> = {}): TrainConfig {
  return { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: model, params }, seed: 7 };
}

/** Checks that the test parts partition 0 … n − 1 and each train part is its complement. */
function expectPartition(splits: { train: Int32Array; test: Int32Array }[], n: number): void {
  const seen = new Int32Array(n);
  for (const s of splits) {
    for (const i of s.test) seen[i]++;
    expect(s.train.length + s.test.length).toBe(n);
    const test = new Set(s.test);
    for (const i of s.train) expect(test.has(i)).toBe(false);
  }
  expect(Array.from(seen).every((c) => c === 1)).toBe(true);
}

describe('k-fold splits', () => {
  it('partition the rows into folds of sizes within one, seeded', () => {
    const splits = kFoldSplits(103, 5, createRng(1));
    expectPartition(splits, 103);
    expect(splits.map((s) => s.test.length).sort()).toEqual([20, 20, 21, 21, 21]);
    expect(kFoldSplits(103, 5, createRng(1))).toEqual(splits);
    expect(kFoldSplits(103, 5, createRng(2))).not.toEqual(splits);
  });

  it('spread every class evenly when stratified', () => {
    const species = classTarget(getColumn(penguins, 'species'));
    const splits = kFoldSplits(penguins.rowCount, 5, createRng(3), { strata: species.y });
    expectPartition(splits, penguins.rowCount);
    for (let c = 0; c < species.classes.length; c++) {
      const perFold = splits.map((s) => Array.from(s.test).filter((i) => species.y[i] === c).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('keep each group in one fold, missing values as groups of one', () => {
    const groups = Int32Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? -1 : Math.floor(i / 4)));
    const splits = kFoldSplits(60, 4, createRng(5), { groups });
    expectPartition(splits, 60);
    for (const s of splits) {
      const inTest = new Set(Array.from(s.test, (i) => groups[i]).filter((g) => g >= 0));
      for (const i of s.train) if (groups[i] >= 0) expect(inTest.has(groups[i])).toBe(false);
    }
    // Greedy by size: folds end up within one group's size of each other.
    const sizes = splits.map((s) => s.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4);
  });

  it('refuse what cannot be split, saying why', () => {
    expect(() => kFoldSplits(10, 1, createRng(1))).toThrow(/at least 2 folds/);
    expect(() => kFoldSplits(3, 5, createRng(1))).toThrow(/3 rows are too few for 5-fold/);
    expect(() => kFoldSplits(10, 3, createRng(1), { groups: Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1) })).toThrow(/2 groups; 3-fold cross-validation needs at least 3/);
    const holdouts = repeatedHoldout(50, 0.2, 3, createRng(4));
    expect(holdouts).toHaveLength(3);
    for (const h of holdouts) expect(h.test.length).toBe(10);
    expect(holdouts[0]).not.toEqual(holdouts[1]);
  });

  it('hold out whole groups in a grouped repeated holdout, as near the test share as whole groups allow', () => {
    // 30 groups of sizes 1..4; rows with no group (−1) are groups of one.
    const groups = Int32Array.from({ length: 75 }, (_, i) => (i % 15 === 14 ? -1 : i % 30));
    const holdouts = repeatedHoldout(75, 0.25, 4, createRng(9), { groups });
    for (const h of holdouts) {
      expect(h.train.length + h.test.length).toBe(75);
      // Within half the largest group (3 rows) of 18.75.
      expect(Math.abs(h.test.length - 0.25 * 75)).toBeLessThanOrEqual(1.5);
      // No group on both sides (missing values are each their own group).
      const testGroups = new Set(Array.from(h.test, (i) => groups[i]).filter((g) => g >= 0));
      for (const i of h.train) if (groups[i] >= 0) expect(testGroups.has(groups[i])).toBe(false);
    }
    expect(holdouts[0].test).not.toEqual(holdouts[1].test);
    expect(() => repeatedHoldout(10, 0.2, 2, createRng(1), { groups: new Int32Array(10) })).toThrow(/1 group; a grouped holdout needs at least 2/);
    // One big group (60 of 70 rows) is passed over whenever it comes first: the small ones make the share.
    const lopsided = Int32Array.from({ length: 70 }, (_, i) => (i < 60 ? 0 : i - 59));
    for (const h of repeatedHoldout(70, 0.2, 40, createRng(3), { groups: lopsided })) expect(h.test.length).toBe(10);
    // Two groups only, both bigger than the share: the smaller is held out.
    const two = Int32Array.from({ length: 20 }, (_, i) => (i < 12 ? 0 : 1));
    for (const h of repeatedHoldout(20, 0.2, 5, createRng(2), { groups: two })) expect(h.test.length).toBe(8);
  });
});

describe('crossValidate', () => {
  it('scores each fold as a training run on the other folds, and gives mean and standard deviation', async () => {
    const spec = config('logistic');
    const { metrics, validation } = await crossValidate(penguins, spec, { folds: 4 });
    expect(validation.method).toBe('stratified k-fold');
    expect(validation.fold_rows.reduce((a, b) => a + b, 0)).toBe(penguins.rowCount);
    // Fold 2 again, by hand: the same folds from the same seed, a run on the rest, scored on it.
    const species = classTarget(getColumn(penguins, 'species'));
    const splits = kFoldSplits(penguins.rowCount, 4, createRng(spec.seed ^ FOLD_SEED), { strata: species.y });
    const { report } = await runTraining(selectRows(penguins, splits[1].train), spec, {}, selectRows(penguins, splits[1].test));
    expect(metrics.accuracy.folds[1]).toBe(report.metrics.test.accuracy);
    const folds = metrics.accuracy.folds;
    const mean = folds.reduce((a, b) => a + b, 0) / 4;
    expect(metrics.accuracy.mean).toBeCloseTo(mean, 12);
    expect(metrics.accuracy.std).toBeCloseTo(Math.sqrt(folds.reduce((a, b) => a + (b - mean) ** 2, 0) / 4), 12);
    expect(metrics.accuracy.mean).toBeGreaterThan(0.95);
    expect(Object.keys(metrics)).toEqual(['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss']);
  });

  it('in a training run: on the training rows only, reported in metrics.cv, without changing the model', async () => {
    const plain = await runTraining(penguins, config('tree'));
    const folds: number[] = [];
    const validated = await runTraining(penguins, { ...config('tree'), validation: { folds: 3 } }, { onFold: (f) => folds.push(f) });
    expect(folds).toEqual([1, 2, 3]);
    expect(validated.report.validation?.fold_rows.reduce((a, b) => a + b, 0)).toBe(plain.report.split.train);
    expect(Object.keys(validated.report.metrics.cv ?? {})).toContain('accuracy');
    expect(validated.report.metrics.test).toEqual(plain.report.metrics.test);
    expect(validated.file.model.state).toEqual(plain.file.model.state);
    expect(validated.file.config.validation).toEqual({ folds: 3 });
  });

  it('repeats a stratified holdout at the recipe\'s test size when asked, each split scored as a run', async () => {
    const spec = config('logistic');
    const { metrics, validation } = await crossValidate(penguins, spec, { folds: 3, method: 'holdout' });
    expect(validation).toMatchObject({ method: 'stratified repeated holdout', folds: 3, test_size: 0.2 });
    for (const rows of validation.fold_rows) expect(Math.abs(rows - 0.2 * penguins.rowCount)).toBeLessThanOrEqual(3);
    const species = classTarget(getColumn(penguins, 'species'));
    const splits = repeatedHoldout(penguins.rowCount, 0.2, 3, createRng(spec.seed ^ FOLD_SEED), { strata: species.y });
    const { report } = await runTraining(selectRows(penguins, splits[2].train), spec, {}, selectRows(penguins, splits[2].test));
    expect(metrics.accuracy.folds[2]).toBe(report.metrics.test.accuracy);
    await expect(crossValidate(penguins, spec, { folds: 1, method: 'holdout' })).rejects.toThrow(/at least 2 repeats/);
  });

  it('groups by a named column, for regression too', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${Math.floor(i / 6)},${i % 7},${(i % 7) * 2 + Math.floor(i / 6) * 0.1}`);
    const table = await csv('household,x,y\n' + lines.join('\n'));
    const spec: TrainConfig = { problem: resolveProblem(table, 'y'), recipe: defaultRecipe(profileTable(table), 'y'), model: { id: 'linear', params: {} }, seed: 1 };
    const { metrics, validation } = await crossValidate(table, spec, { folds: 5, group: 'household' });
    expect(validation).toMatchObject({ method: 'grouped k-fold', folds: 5, group: 'household', fold_rows: [24, 24, 24, 24, 24] });
    expect(metrics.r2.mean).toBeGreaterThan(0.9);
    await expect(crossValidate(table, spec, { folds: 5, group: 'nope' })).rejects.toThrow(/the group column "nope" is not in the data/);
  });
});
