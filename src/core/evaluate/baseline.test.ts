import { describe, expect, it } from 'vitest';
import { baselineOf } from './baseline';

/**
 * Values worked by hand, as scikit-learn's DummyClassifier(strategy="prior") and DummyRegressor()
 * give them (fitted on the training target, scored on the test rows).
 */
describe('baselineOf', () => {
  it('classification: the most common training class, the training class shares as probabilities', () => {
    // Training shares a 3/6, b 2/6, c 1/6: always "a". Test rows a, b, c, c.
    const b = baselineOf('multiclass', Int32Array.from([0, 0, 0, 1, 1, 2]), Int32Array.from([0, 1, 2, 2]), ['a', 'b', 'c']);
    expect(b.predicts).toBe('a');
    expect(b.metrics.accuracy).toBe(0.25);
    // Precision: a 1/4, b and c predicted never (0); recall: a 1, b 0, c 0; F1 of a: 2 · 0.25 · 1 / 1.25 = 0.4.
    expect(b.metrics.precision_macro).toBeCloseTo(0.25 / 3, 10);
    expect(b.metrics.recall_macro).toBeCloseTo(1 / 3, 10);
    expect(b.metrics.f1_macro).toBeCloseTo(0.4 / 3, 10);
    expect(b.metrics.roc_auc).toBe(0.5);
    // −(ln 1/2 + ln 1/3 + 2 ln 1/6) / 4 = (0.693147 + 1.098612 + 3.583519) / 4.
    expect(b.metrics.log_loss).toBeCloseTo(1.3438195, 6);
  });

  it('binary: ties between classes go to the first, as argmax does', () => {
    const b = baselineOf('binary', Int32Array.from([1, 0, 1, 0]), Int32Array.from([1, 1, 0]), ['no', 'yes']);
    expect(b.predicts).toBe('no');
    expect(b.metrics.accuracy).toBeCloseTo(1 / 3, 10);
    expect(b.metrics.log_loss).toBeCloseTo(Math.log(2), 6);
  });

  it('regression: the training mean, its errors on the test rows, R² a little below 0 when the test mean differs', () => {
    // Training mean (1 + 2 + 3 + 6) / 4 = 3; test rows 2, 4, 9: errors 1, 1, 6.
    const b = baselineOf('regression', Float64Array.from([1, 2, 3, 6]), Float64Array.from([2, 4, 9]), []);
    expect(b.predicts).toBe(3);
    expect(b.metrics.mae).toBeCloseTo(8 / 3, 10);
    expect(b.metrics.rmse).toBeCloseTo(Math.sqrt(38 / 3), 10);
    // 1 − 38 / 26 (the test rows' squared distances from their own mean 5: 9 + 1 + 16).
    expect(b.metrics.r2).toBeCloseTo(1 - 38 / 26, 10);
  });
});

describe('the baseline in a training report', () => {
  it('is the most common training class scored on the test rows, and the training mean', async () => {
    const { defaultRecipe } = await import('../prep/recipe');
    const { profileTable } = await import('../profile/profile');
    const { resolveProblem } = await import('../problem');
    const { sample } = await import('../testing/tables');
    const { runTraining } = await import('../train/runTraining');
    const penguins = await sample('penguins.csv');
    const run = (target: string) => runTraining(penguins, { problem: resolveProblem(penguins, target), recipe: defaultRecipe(profileTable(penguins), target), model: { id: 'tree', params: { maxDepth: 3 } }, seed: 7 });
    const { report } = await run('species');
    if (report.evaluation.kind !== 'classification') throw new Error('expected classification');
    const c = report.classes.indexOf(report.baseline!.predicts as string);
    const test = report.evaluation.confusion.flat().reduce((a, b) => a + b, 0);
    // Always that class: right on exactly the test rows of that class.
    expect(report.baseline!.metrics.accuracy).toBe(report.evaluation.confusion[c].reduce((a, b) => a + b, 0) / test);
    expect(Object.keys(report.baseline!.metrics)).toEqual(Object.keys(report.metrics.test));
    const regression = (await run('body_mass_g')).report.baseline!;
    expect(typeof regression.predicts).toBe('number');
    // The training mean scores R² a little below 0 on the test rows, never above.
    expect(regression.metrics.r2).toBeLessThanOrEqual(0);
    expect(regression.metrics.r2).toBeGreaterThan(-0.05);
  });
});
