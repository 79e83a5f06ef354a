import { describe, expect, it } from 'vitest';
import { resolveParams, type RawParams } from '../../params';
import { classTarget } from '../../problem';
import { getColumn } from '../../table/DataTable';
import { sample, standardisedMatrix } from '../../testing/tables';
import { createRng } from '../../util/rng';
import type { FittedModel, ModelTarget, TrainingSet } from '../model';
import { fitPlatt, plattPredict } from './platt';
import { type SvmState, svmModel } from './svm.model';

const iris = await sample('iris.csv');
const X = standardisedMatrix(iris, ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
const species = classTarget(getColumn(iris, 'species'));
const tight = { tolerance: 1e-10, maxIterations: 100000 };

async function fit(train: TrainingSet, target: ModelTarget, params: RawParams): Promise<{ fitted: FittedModel; proba: Float32Array }> {
  const fitted = await svmModel.fit(train, target, resolveParams(svmModel.schema, params), { rng: createRng(3) });
  const predictor = await svmModel.load(JSON.parse(JSON.stringify(fitted)));
  return { fitted, proba: predictor.outputs(train.X, train.n) };
}

function expectClose(got: readonly number[], want: readonly number[], digits: number, what: string): void {
  want.forEach((v, i) => expect(got[i], `${what}[${i}]`).toBeCloseTo(v, digits));
}

describe('linear SVM', () => {
  // Reference: scikit-learn 1.2.1 on iris standardised (population std, then float32):
  // LinearSVC(C=1, loss=…, tol=1e-10, max_iter=1e6) for coef_ / intercept_, and
  // CalibratedClassifierCV(that model, cv="prefit", method="sigmoid") fitted on the same rows for
  // predict_proba (Platt per class, one-vs-rest, normalised).
  const train = { X, n: 150, d: 4, y: Float32Array.from(species.y) };
  const target = { task: 'multiclass', classes: species.classes } as const;
  const rows = [0, 50, 70, 83, 106, 119, 133, 149];
  const cases = [
    {
      loss: 'squared_hinge',
      coef: [[-0.158054, 0.405141, -0.70919, -0.69839], [-0.024289, -0.458588, 0.717214, -0.69514], [-0.286094, -0.306899, 1.750703, 1.63216]],
      intercept: [-0.760423, -0.364505, -2.080328],
      proba: [[0.913576, 0.086424, 0], [0.049563, 0.834981, 0.115456], [0.013875, 0.214853, 0.771272], [0.002483, 0.481503, 0.516015],
        [0.00391, 0.429865, 0.566225], [0.000829, 0.562141, 0.43703], [0.004357, 0.585728, 0.409915], [0.003962, 0.27739, 0.718648]],
    },
    {
      loss: 'hinge',
      coef: [[-0.160482, 0.536176, -0.803074, -0.871313], [0.186228, -1.080446, 0.789602, -1.110443], [-0.470432, -0.398345, 2.049368, 2.240481]],
      intercept: [-0.809788, -0.767592, -2.478844],
      proba: [[0.897729, 0.102271, 0], [0.063359, 0.85181, 0.084831], [0.015349, 0.174571, 0.81008], [0.002695, 0.455989, 0.541316],
        [0.003307, 0.381968, 0.614725], [0.000761, 0.559837, 0.439403], [0.005232, 0.580167, 0.414601], [0.004483, 0.233312, 0.762205]],
    },
  ];
  for (const c of cases) {
    it(`matches LinearSVC’s one-vs-rest weights and calibrated probabilities on iris (${c.loss})`, async () => {
      const { fitted, proba } = await fit(train, target, { ...tight, loss: c.loss });
      const state = fitted.state as SvmState;
      state.weights.forEach((w, k) => {
        expectClose(w.slice(0, 4), c.coef[k], 5, `coef ${k}`);
        expect(w[4], `intercept ${k}`).toBeCloseTo(c.intercept[k], 5);
      });
      rows.forEach((r, i) => expectClose(Array.from(proba.subarray(r * 3, r * 3 + 3)), c.proba[i], 5, `row ${r}`));
      expect(fitted.stopReason).toMatch(/^converged/);
    });
  }

  it('matches LinearSVC on two classes (versicolor vs virginica, C = 0.5)', async () => {
    // Reference: the same standardised matrix, rows 50–149; LinearSVC(C=0.5, tol=1e-10), then
    // decision_function on the first six rows and the sigmoid-calibrated P(virginica) on rows 0, 20, 33, 70, 83, 99.
    const two = { X: X.slice(50 * 4), n: 100, d: 4, y: Float32Array.from(species.y.subarray(50), (v) => v - 1) };
    const { fitted, proba } = await fit(two, { task: 'binary', classes: ['versicolor', 'virginica'] }, { ...tight, C: 0.5 });
    const [w] = (fitted.state as SvmState).weights;
    expectClose(w, [-0.199069, -0.249321, 1.384533, 1.461391, -1.747557], 5, 'w');
    const decision = Array.from({ length: 6 }, (_, i) => w.slice(0, 4).reduce((s, wj, j) => s + wj * two.X[i * 4 + j], w[4]));
    expectClose(decision, [-0.981129, -0.801425, -0.549863, -0.846, -0.517281, -0.78774], 5, 'decision');
    expectClose([0, 20, 33, 70, 83, 99].map((r) => proba[2 * r + 1]), [0.016115, 0.581043, 0.686169, 0.997584, 0.37711, 0.848868], 5, 'P(virginica)');
    // Importance: mean |coefficient| per feature, summing to 1.
    const total = [0.199069, 0.249321, 1.384533, 1.461391].reduce((a, b) => a + b);
    expectClose(fitted.importance ?? [], [0.199069 / total, 0.249321 / total, 1.384533 / total, 1.461391 / total], 4, 'importance');
  });

  it('stops at the pass limit and says so', async () => {
    const { fitted } = await fit(train, target, { maxIterations: 2, tolerance: 1e-10 });
    expect(fitted.history.length).toBe(6);
    expect(fitted.stopReason).toMatch(/limit of 2 passes/);
  });

  it('fits Platt’s sigmoid to separable scores without running off to infinity', () => {
    const f = Float64Array.of(-3, -2, -1, 1, 2, 3);
    const { A, B } = fitPlatt(f, Uint8Array.of(0, 0, 0, 1, 1, 1));
    expect(Number.isFinite(A) && A < 0).toBe(true);
    expect(B).toBeCloseTo(0, 6);
    // The targets are smoothed to 4/5 and 1/5, so the outermost rows stay well short of 0 and 1.
    expect(plattPredict(3, A, B)).toBeLessThan(0.99);
    expect(plattPredict(-3, A, B)).toBeGreaterThan(0.01);
  });
});
