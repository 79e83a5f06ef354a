import { describe, expect, it } from 'vitest';
import type { NetworkState } from '../model';
import { minimizeLbfgs } from '../optim/lbfgs';
import { sample } from '../../testing/tables';
import { classTarget } from '../../problem';
import { getColumn, type DataTable } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { createRng } from '../../util/rng';
import { linearModel } from './linear';
import { logisticModel } from './logistic';
import { solveRidge } from './ridge';
import { resolveParams } from '../../params';

/** Standardised (population std) numeric columns as a row-major float32 matrix, rows kept as given. */
function standardised(table: DataTable, names: string[], rows: number[]): Float32Array {
  const X = new Float32Array(rows.length * names.length);
  names.forEach((name, j) => {
    const v = (getColumn(table, name) as NumericColumn).values;
    const sel = rows.map((r) => v[r]);
    const mean = sel.reduce((a, b) => a + b, 0) / sel.length;
    const sd = Math.sqrt(sel.reduce((a, b) => a + (b - mean) ** 2, 0) / sel.length);
    sel.forEach((x, i) => (X[i * names.length + j] = (x - mean) / sd));
  });
  return X;
}

const ctx = { rng: createRng(0) };
const iris = await sample('iris.csv');
const irisFeatures = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

describe('L-BFGS', () => {
  it('finds the minimum of a badly scaled quadratic', async () => {
    const scales = [1, 10, 100, 1000];
    const r = await minimizeLbfgs(
      (w, g) => {
        let v = 0;
        w.forEach((x, i) => {
          v += 0.5 * scales[i] * (x - i) ** 2;
          g[i] = scales[i] * (x - i);
        });
        return v;
      },
      new Float64Array(4),
      { maxIterations: 100, gradientTolerance: 1e-9 },
    );
    expect(r.converged).toBe(true);
    Array.from(r.w).forEach((x, i) => expect(x).toBeCloseTo(i, 6));
  });
});

const IRIS_IMPORTANCE = [0.14988, 0.16188, 0.32013, 0.36811];

describe('logistic regression', () => {
  // Reference: sklearn LogisticRegression(C=1, tol=1e-8).fit(StandardScaler().fit_transform(X), y)
  it('matches scikit-learn’s probabilities on iris (softmax)', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => i);
    const X = standardised(iris, irisFeatures, rows);
    const target = classTarget(getColumn(iris, 'species'));
    const params = resolveParams(logisticModel.schema, { tolerance: 1e-8, maxIterations: 1000 });
    const fitted = await logisticModel.fit({ X, n: 150, d: 4, y: Float32Array.from(target.y) }, { task: 'multiclass', classes: target.classes }, params, ctx);
    const predictor = await logisticModel.load(fitted);
    const p = predictor.outputs(X, 150);
    const expected: Record<number, number[]> = {
      0: [0.984695, 0.015305, 0.0],
      50: [0.004729, 0.864895, 0.130375],
      100: [1.5e-5, 0.006225, 0.99376],
      120: [2e-5, 0.023329, 0.976652],
    };
    for (const [row, probs] of Object.entries(expected)) {
      probs.forEach((v, c) => expect(p[Number(row) * 3 + c]).toBeCloseTo(v, 3));
    }
    expect(fitted.stopReason).toMatch(/^converged/);
    // np.abs(coef_).mean(0), normalised, from the same scikit-learn fit.
    IRIS_IMPORTANCE.forEach((v, j) => expect(fitted.importance![j]).toBeCloseTo(v, 3));
    predictor.dispose();
  });

  it('matches scikit-learn on two classes (sigmoid, probabilities in two columns)', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => i + 50);
    const X = standardised(iris, irisFeatures, Array.from({ length: 150 }, (_, i) => i)).slice(50 * 4);
    const y = Float32Array.from(rows, (r) => (r >= 100 ? 1 : 0));
    const params = resolveParams(logisticModel.schema, { tolerance: 1e-8, maxIterations: 1000 });
    const fitted = await logisticModel.fit({ X, n: 100, d: 4, y }, { task: 'binary', classes: ['versicolor', 'virginica'] }, params, ctx);
    expect((fitted.state as NetworkState).network.output).toBe('sigmoid');
    const predictor = await logisticModel.load(fitted);
    const p = predictor.outputs(X, 100);
    const expected: [number, number][] = [[0, 0.165668], [10, 0.020252], [60, 0.792936], [90, 0.979231]];
    for (const [row, p1] of expected) {
      expect(p[row * 2 + 1]).toBeCloseTo(p1, 3);
      expect(p[row * 2] + p[row * 2 + 1]).toBeCloseTo(1, 6);
    }
    predictor.dispose();
  });
});

describe('linear regression', () => {
  it('solves least squares exactly (scikit-learn LinearRegression on penguins)', async () => {
    const penguins = await sample('penguins.csv');
    const names = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm'];
    const cols = names.map((n) => (getColumn(penguins, n) as NumericColumn).values);
    const sex = getColumn(penguins, 'sex') as { codes: Int32Array };
    const mass = (getColumn(penguins, 'body_mass_g') as NumericColumn).values;
    // pandas dropna(): rows complete in every column (sex included), as in the reference run.
    const rows = Array.from({ length: penguins.rowCount }, (_, i) => i).filter((i) => sex.codes[i] >= 0 && cols.every((c) => !Number.isNaN(c[i])) && !Number.isNaN(mass[i]));
    expect(rows.length).toBe(333);
    const X = Float32Array.from(rows.flatMap((i) => cols.map((c) => c[i])));
    const y = Float32Array.from(rows, (i) => mass[i]);
    const { w, b } = solveRidge(X, y, rows.length, 3, 0);
    expect(w[0]).toBeCloseTo(3.2928625387230204, 3);
    expect(w[1]).toBeCloseTo(17.836391045895855, 3);
    expect(w[2]).toBeCloseTo(50.76213167123728, 3);
    expect(b).toBeCloseTo(-6445.476043030191, 0);
    const fitted = await linearModel.fit({ X, n: rows.length, d: 3, y }, { task: 'regression', classes: [] }, { alpha: 0 }, ctx);
    const predictor = await linearModel.load(fitted);
    const p = predictor.outputs(X.slice(0, 3), 1);
    expect(p[0]).toBeCloseTo(b + w[0] * X[0] + w[1] * X[1] + w[2] * X[2], 1);
    predictor.dispose();
  });

  it('survives perfectly collinear columns (one-hot beside an intercept)', async () => {
    // x2 = 1 − x1: XᵀX is singular; predictions must still be exact.
    const X = Float32Array.from([1, 0, 0, 1, 1, 0, 0, 1, 1, 0]);
    const y = Float32Array.from([3, 5, 3, 5, 3]);
    const { w, b } = solveRidge(X, y, 5, 2, 0);
    expect(b + w[0]).toBeCloseTo(3, 4);
    expect(b + w[1]).toBeCloseTo(5, 4);
  });
});
