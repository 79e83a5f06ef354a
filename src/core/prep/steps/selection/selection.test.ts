import { describe, expect, it } from 'vitest';
import { dropCorrelated } from './correlated';
import { forestImportances, l1Importances, thresholdSelection } from './fromModel';
import { mutualInfo } from './mutualInfo';
import { numpyRandomState } from './numpyRandom';
import { eliminate, eliminateWithCv, sklearnFolds } from './rfe';
import { chi2, fClassif, fRegression, kBest, nanVariance, thresholdVariance } from './scores';
import { SKLEARN } from '../../../testing/selectionReference';
import { penguinsData, pick, syntheticData } from '../../../testing/selectionData';

// Every expected figure below is scikit-learn's, printed by scripts/selection-sklearn-reference.py.
const syn = syntheticData();
const pen = penguinsData();
/** The synthetic columns without the constant one (the model-based selectors' input). */
const modelCols = pick(syn.cols, [0, 1, 2, 3, 5, 6, 7]);
/** Without the constant column and x6 (a near-copy of x0): the forests' input. */
const forestCols = pick(syn.cols, [0, 1, 2, 3, 5, 7]);
const penguinsNoMass = pick(pen.cols, [0, 1, 2, 4]);

/** (x − mean) / std (ddof 0), as the reference script standardises penguins. */
function standardise(x: Float64Array): Float64Array {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const std = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
  return Float64Array.from(x, (v) => (v - mean) / std);
}

/** Same numbers within `tol` relative (NaN / null alike, and absolute near zero). */
function expectClose(actual: readonly number[], expected: readonly (number | null)[], tol = 1e-9) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, j) => {
    const e = expected[j];
    if (e === null) expect(Number.isFinite(a), `column ${j}: ${a}`).toBe(false);
    else expect(Math.abs(a - e), `column ${j}: ${a} against ${e}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
  });
}

describe('the parity data', () => {
  it('is the reference script\'s, value for value', () => {
    expect(syn.cols.map((c) => c[0])).toEqual(SKLEARN.synthetic.first_row);
    expect([syn.y3[0], syn.y2[0], syn.yr[0]]).toEqual(SKLEARN.synthetic.y_first);
    expect([0, 1, 2].map((c) => syn.y3.filter((v) => v === c).length)).toEqual(SKLEARN.synthetic.class_counts);
    expect(pen.cols[0].length).toBe(SKLEARN.penguins.rows);
    expect(pen.cols.map((c) => c[0])).toEqual(SKLEARN.penguins.first_row);
    expect([0, 1, 2].map((c) => pen.species.filter((v) => v === c).length)).toEqual(SKLEARN.penguins.species_counts);
  });
});

describe('NumPy RandomState port', () => {
  it('draws np.random.RandomState(seed).standard_normal() exactly', () => {
    const rng = numpyRandomState(42);
    // np.random.RandomState(42).standard_normal(5)
    expect(Array.from({ length: 5 }, () => rng.standardNormal())).toEqual([0.4967141530112327, -0.13826430117118466, 0.6476885381006925, 1.5230298564080254, -0.23415337472333597]);
    const zero = numpyRandomState(0);
    expect(Array.from({ length: 3 }, () => zero.standardNormal())).toEqual([1.764052345967664, 0.4001572083672233, 0.9787379841057392]);
  });
});

describe('variance threshold', () => {
  it('computes VarianceThreshold.variances_ and its support', () => {
    expectClose(syn.cols.map(nanVariance), SKLEARN.synthetic.variances, 1e-12);
    const keep = (t: number) => syn.cols.flatMap((c, j) => (thresholdVariance(c, t) > t ? [j] : []));
    expect(keep(0)).toEqual(SKLEARN.synthetic.variance_support_0);
    expect(keep(0.001)).toEqual(SKLEARN.synthetic.variance_support_001);
  });
  it('ignores missing values (np.nanvar) and calls an all-missing column NaN', () => {
    expect(nanVariance([1, NaN, 3])).toBe(1);
    expect(nanVariance([NaN, NaN])).toBeNaN();
  });
});

describe('univariate scores', () => {
  it('f_classif, f_regression and chi2 on the synthetic table', () => {
    expectClose(fClassif(syn.cols, syn.y3, 3), SKLEARN.synthetic.f_classif);
    expectClose(fRegression(syn.cols, syn.yr), SKLEARN.synthetic.f_regression);
    expectClose(chi2(syn.cols, syn.y3, 3), SKLEARN.synthetic.chi2);
  });
  it('f_classif, f_regression and chi2 on penguins', () => {
    // 1e-6: scikit-learn's one-pass sums of squares (Σx² − (Σx)²/n) lose digits on the year column
    // (2007–2009, between-class F 0.34); the two-pass sums here keep them.
    expectClose(fClassif(pen.cols, pen.species, 3), SKLEARN.penguins.f_classif_species, 1e-6);
    expectClose(fRegression(penguinsNoMass, pen.cols[3]), SKLEARN.penguins.f_regression_body);
    expectClose(chi2(pen.cols, pen.species, 3), SKLEARN.penguins.chi2_species);
  });
  it('SelectKBest keeps the same columns, NaN scores last and ties to the later column', () => {
    expect(kBest(fClassif(syn.cols, syn.y3, 3), 3)).toEqual(SKLEARN.synthetic.kbest3_f_classif);
    expect(kBest(fRegression(syn.cols, syn.yr), 3)).toEqual(SKLEARN.synthetic.kbest3_f_regression);
    expect(kBest(chi2(syn.cols, syn.y3, 3), 3)).toEqual(SKLEARN.synthetic.kbest3_chi2);
    // argsort(kind="mergesort")[-k:]: of three equal scores the last two stay; NaN is the lowest.
    expect(kBest([1, 5, 5, 5, NaN], 2)).toEqual([2, 3]);
    expect(kBest([NaN, 0, -1], 2)).toEqual([1, 2]);
  });
});

describe('mutual information (Kraskov / Ross, n_neighbors 3)', () => {
  it('matches mutual_info_classif and mutual_info_regression with the same random_state', () => {
    expectClose(mutualInfo(syn.cols, syn.y3, true, 7), SKLEARN.synthetic.mi_classif_seed7, 1e-9);
    expectClose(mutualInfo(syn.cols, syn.yr, false, 7), SKLEARN.synthetic.mi_regression_seed7, 1e-9);
  });
  it('matches on penguins, whose repeated measurements make the noise decide ties', () => {
    expectClose(mutualInfo(pen.cols, pen.species, true, 0), SKLEARN.penguins.mi_species_seed0, 1e-9);
    expectClose(mutualInfo(pen.cols, pen.sex, true, 3), SKLEARN.penguins.mi_sex_seed3, 1e-9);
    expectClose(mutualInfo(penguinsNoMass, pen.cols[3], false, 0), SKLEARN.penguins.mi_body_seed0, 1e-9);
  });
  it('selects the same k best', () => {
    expect(kBest(mutualInfo(syn.cols, syn.y3, true, 7), 3)).toEqual(SKLEARN.synthetic.kbest3_mi_classif);
    expect(kBest(mutualInfo(syn.cols, syn.yr, false, 7), 3)).toEqual(SKLEARN.synthetic.kbest3_mi_regression);
    expect(kBest(mutualInfo(pen.cols, pen.species, true, 0), 2)).toEqual(SKLEARN.penguins.kbest2_mi_species);
  });
});

describe('drop-correlated', () => {
  it('keeps, of each pair above the threshold, the column more related to the target', () => {
    const regression = dropCorrelated(modelCols, 0.95, { y: syn.yr, classes: 0 });
    expect(regression.kept).toEqual(SKLEARN.drop_correlated.synthetic_095_regression);
    expect(regression.dropped.map((d) => [d.column, d.because])).toEqual([[5, 0]]);
    expect(dropCorrelated(modelCols, 0.95, null).kept).toEqual(SKLEARN.drop_correlated.synthetic_095_none);
    expect(dropCorrelated(pen.cols, 0.8, { y: pen.species, classes: 3 }).kept).toEqual(SKLEARN.drop_correlated.penguins_08_species);
    expect(dropCorrelated(pen.cols, 0.8, null).kept).toEqual(SKLEARN.drop_correlated.penguins_08_none);
    // Flipper length and body mass correlate at 0.87: for sex, body mass is the more related one and stays.
    expect(dropCorrelated(pen.cols, 0.8, { y: pen.sex, classes: 2 }).kept).toEqual(SKLEARN.drop_correlated.penguins_08_sex);
  });
  it('walks a chain a–b–c where only neighbours correlate: a and c stay', () => {
    // r(a, b) = 0.965, r(b, c) = 0.956, r(a, c) = 0.926.
    const a = Float64Array.from({ length: 60 }, (_, i) => i);
    const b = Float64Array.from(a, (v, i) => v + ((i * 7) % 11) * 1.5);
    const c = Float64Array.from(b, (v, i) => v + ((i * 5) % 13) * 1.5);
    expect(dropCorrelated([a, b, c], 0.95, null).kept).toEqual([0, 2]);
    expect(dropCorrelated([a, b, c], 0.9, null).kept).toEqual([0]);
  });
});

describe('select from model', () => {
  it('lasso and L1 logistic regression keep scikit-learn\'s columns at threshold mean', () => {
    const lasso = l1Importances(modelCols, { y: syn.yr, classes: 0 }, { C: 1, alpha: 0.01 });
    expectClose(lasso, SKLEARN.from_model.lasso_coef.map(Math.abs), 1e-6);
    expect(thresholdSelection(lasso, 'mean').kept).toEqual(SKLEARN.from_model.lasso_mean);
    const three = l1Importances(modelCols, { y: syn.y3, classes: 3 }, { C: 1, alpha: 0.01 });
    const ref3 = SKLEARN.from_model.l1_logistic_3_coef;
    expectClose(three, ref3[0].map((_, j) => ref3.reduce((s, row) => s + Math.abs(row[j]), 0)), 1e-6);
    expect(thresholdSelection(three, 'mean').kept).toEqual(SKLEARN.from_model.l1_logistic_3_mean);
    const two = l1Importances(modelCols, { y: syn.y2, classes: 2 }, { C: 1, alpha: 0.01 });
    expectClose(two, SKLEARN.from_model.l1_logistic_2_coef[0].map(Math.abs), 1e-6);
    expect(thresholdSelection(two, 'mean').kept).toEqual(SKLEARN.from_model.l1_logistic_2_mean);
    expect(thresholdSelection(two, 'median').kept).toEqual(SKLEARN.from_model.l1_logistic_2_median);
  });
  it('max features keeps the most important first, the earlier of equals', () => {
    expect(thresholdSelection([0.3, 0.1, 0.3, 0.3], 0, 2).kept).toEqual([0, 2]);
    expect(thresholdSelection([0.1, 0.2, 0.3, 0.4], 'mean').threshold).toBeCloseTo(0.25, 12);
  });
  it('a forest agrees with scikit-learn on every column clearly above or below the mean importance', () => {
    // Two forests grow different trees (other bootstraps, other split candidates, Sapling's binned
    // splits), so importances differ by a few hundredths; a column within 25% of the mean can land
    // either side. Those clearly apart must agree. (Near-copies such as x0 and x6 are left out:
    // a forest credits one or the other as its splits fall.)
    const cases = [
      { target: { y: syn.y3, classes: 3 }, reference: SKLEARN.from_model.forest_classif_importances },
      { target: { y: syn.yr, classes: 0 }, reference: SKLEARN.from_model.forest_regression_importances },
    ];
    for (const { target, reference } of cases) {
      const mean = reference.reduce((a, b) => a + b, 0) / reference.length;
      const clear = reference.flatMap((v, j) => (Math.abs(v - mean) > 0.25 * mean ? [j] : []));
      expect(clear.length).toBeGreaterThanOrEqual(4);
      for (const seed of [0, 1, 2]) {
        const importances = forestImportances(forestCols, target, 200, seed);
        expect(importances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        const kept = new Set(thresholdSelection(importances, 'mean').kept);
        for (const j of clear) expect(kept.has(j), `seed ${seed}, column ${j}`).toBe(reference[j] > mean);
      }
    }
      });
});

describe('recursive feature elimination', () => {
  it('RFE(LogisticRegression) and RFE(LinearRegression): support and ranking', () => {
    const logistic = eliminate(modelCols, { y: syn.y3, classes: 3 }, 3, 1);
    expect(logistic.kept).toEqual(SKLEARN.rfe.logistic_3);
    expect(logistic.ranking).toEqual(SKLEARN.rfe.logistic_3_ranking);
    const linear = eliminate(modelCols, { y: syn.yr, classes: 0 }, 3, 1);
    expect(linear.kept).toEqual(SKLEARN.rfe.linear_3);
    expect(linear.ranking).toEqual(SKLEARN.rfe.linear_3_ranking);
    const stepTwo = eliminate(modelCols, { y: syn.yr, classes: 0 }, 2, 2);
    expect(stepTwo.kept).toEqual(SKLEARN.rfe.linear_2_step2);
    expect(stepTwo.ranking).toEqual(SKLEARN.rfe.linear_2_step2_ranking);
  });
  it('RFECV with scikit-learn\'s folds: the same curve, the fewest columns among equal scores', () => {
    const target = { y: syn.y3, classes: 3 };
    const cv = eliminateWithCv(modelCols, target, 1, 1, sklearnFolds(target, 5));
    expect(cv.kept).toEqual(SKLEARN.rfe.cv_logistic);
    expect(cv.curve.counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expectClose(cv.curve.scores, SKLEARN.rfe.cv_logistic_scores, 1e-12);
    expectClose(cv.curve.std, SKLEARN.rfe.cv_logistic_std, 1e-9);
    expect(cv.curve.chosen).toBe(6);
    const values = { y: syn.yr, classes: 0 };
    const linear = eliminateWithCv(modelCols, values, 1, 1, sklearnFolds(values, 5));
    expect(linear.kept).toEqual(SKLEARN.rfe.cv_linear);
    expectClose(linear.curve.scores, SKLEARN.rfe.cv_linear_scores, 1e-9);
    const species = { y: pen.species, classes: 3 };
    const penguins = eliminateWithCv(pen.cols.map(standardise), species, 1, 1, sklearnFolds(species, 5));
    expect(penguins.kept).toEqual(SKLEARN.rfe.cv_penguins);
    expectClose(penguins.curve.scores, SKLEARN.rfe.cv_penguins_scores, 1e-12);
  });
});
