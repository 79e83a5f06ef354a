import { describe, expect, it } from 'vitest';
import { resolveParams, type RawParams } from '../../params';
import { classTarget } from '../../problem';
import { getColumn } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { sample } from '../../testing/tables';
import { createRng } from '../../util/rng';
import type { ModelTarget, TrainingSet } from '../model';
import { knnModel } from './knn.model';
import { buildKernelIndex } from './kernelSearch';
import { kNearest } from './search';

const iris = await sample('iris.csv');
const features = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];
const species = classTarget(getColumn(iris, 'species'));

/** Iris rows `rows` with the named features, row-major float32 (the values scikit-learn was given). */
function irisRows(names: string[], rows: number[]): Float32Array {
  const cols = names.map((name) => (getColumn(iris, name) as NumericColumn).values);
  return Float32Array.from(rows.flatMap((r) => cols.map((c) => c[r])));
}

const even = Array.from({ length: 75 }, (_, i) => 2 * i);
const odd = even.map((r) => r + 1);

async function outputs(train: TrainingSet, target: ModelTarget, params: RawParams, Q: Float32Array, m: number): Promise<Float32Array> {
  const fitted = await knnModel.fit(train, target, resolveParams(knnModel.schema, params), { rng: createRng(0) });
  const predictor = await knnModel.load(JSON.parse(JSON.stringify(fitted)));
  return predictor.outputs(Q, m);
}

/** Checks every query's probabilities: argmax as listed, the listed uncertain rows exactly, the rest certain. */
function expectProba(p: Float32Array, predicted: string, uncertain: [number, number[]][]): void {
  const rows = predicted.length;
  const listed = new Map(uncertain);
  for (let i = 0; i < rows; i++) {
    const row = Array.from(p.subarray(i * 3, i * 3 + 3));
    expect(row.indexOf(Math.max(...row)), `row ${i}`).toBe(Number(predicted[i]));
    const want = listed.get(i) ?? [0, 1, 2].map((c) => (c === Number(predicted[i]) ? 1 : 0));
    want.forEach((v, c) => expect(row[c], `row ${i} class ${c}`).toBeCloseTo(v, 5));
  }
}

describe('k nearest neighbours', () => {
  // Reference: scikit-learn 1.2.1, KNeighborsClassifier(5, weights=…, metric=…) fitted on the even
  // rows of iris (float32 values), predict_proba on the odd rows; brute and kd_tree agree.
  const train = { X: irisRows(features, even), n: 75, d: 4, y: Float32Array.from(even, (r) => species.y[r]) };
  const target = { task: 'multiclass', classes: species.classes } as const;
  const Q = irisRows(features, odd);

  it('matches scikit-learn’s vote shares on iris (uniform, Euclidean)', async () => {
    const p = await outputs(train, target, { k: 5 }, Q, 75);
    expectProba(p, '000000000000000000000000011111111111111112111111112222222222222222222222222', [
      [31, [0, 0.6, 0.4]], [38, [0, 0.8, 0.2]], [41, [0, 0.2, 0.8]], [42, [0, 0.8, 0.2]], [45, [0, 0.8, 0.2]], [59, [0, 0.4, 0.6]],
      [60, [0, 0.2, 0.8]], [61, [0, 0.4, 0.6]], [63, [0, 0.4, 0.6]], [66, [0, 0.4, 0.6]], [74, [0, 0.2, 0.8]],
    ]);
  });

  it('matches scikit-learn’s distance-weighted shares on iris (Manhattan)', async () => {
    const p = await outputs(train, target, { k: 5, weights: 'distance', metric: 'manhattan' }, Q, 75);
    expectProba(p, '000000000000000000000000011111111111111112111111112222222221222222122222222', [
      [31, [0, 0.652174, 0.347826]], [36, [0, 0.801262, 0.198738]], [38, [0, 0.647059, 0.352941]], [41, [0, 0.344129, 0.655871]],
      [42, [0, 0.836735, 0.163265]], [45, [0, 0.826087, 0.173913]], [59, [0, 0.517241, 0.482759]], [60, [0, 0.162896, 0.837104]],
      [61, [0, 0.190261, 0.809739]], [63, [0, 0.265403, 0.734597]], [66, [0, 0.628917, 0.371083]], [70, [0, 0.16185, 0.83815]],
      [74, [0, 0.225705, 0.774295]],
    ]);
  });

  it('matches scikit-learn’s regression on iris (petal width from the other three)', async () => {
    // Reference: KNeighborsRegressor(7, weights='distance') and KNeighborsRegressor(3), same split.
    const names = features.slice(0, 3);
    const reg = { X: irisRows(names, even), n: 75, d: 3, y: Float32Array.from(irisRows(['petal width (cm)'], even)) };
    const Qr = irisRows(names, odd.slice(0, 10));
    const regression = { task: 'regression', classes: [] } as const;
    const weighted = await outputs(reg, regression, { k: 7, weights: 'distance' }, Qr, 10);
    [0.188146, 0.18428, 0.250322, 0.269871, 0.2, 0.256928, 0.2, 0.229336, 0.2, 0.198406].forEach((v, i) => expect(weighted[i]).toBeCloseTo(v, 5));
    const uniform = await outputs(reg, regression, { k: 3 }, Qr, 10);
    [0.166667, 0.166667, 0.233333, 0.266667, 0.166667, 0.3, 0.2, 0.233333, 0.2, 0.2].forEach((v, i) => expect(uniform[i]).toBeCloseTo(v, 5));
  });

  it('breaks distance ties towards the earlier training row', async () => {
    const target2 = { task: 'binary', classes: ['left', 'right'] } as const;
    const p = await outputs({ X: Float32Array.of(-1, 1), n: 2, d: 1, y: Float32Array.of(0, 1) }, target2, { k: 1 }, Float32Array.of(0), 1);
    expect(Array.from(p)).toEqual([1, 0]);
    const swapped = await outputs({ X: Float32Array.of(1, -1), n: 2, d: 1, y: Float32Array.of(1, 0) }, target2, { k: 1 }, Float32Array.of(0), 1);
    expect(Array.from(swapped)).toEqual([0, 1]);
    // Away from the origin, beside a far row, in both metrics: (4, 5) and (3, 6) are both 1 from (3, 5).
    for (const metric of ['euclidean', 'manhattan']) {
      const data = (first: number[], second: number[]) => ({ X: Float32Array.of(40, 90, ...first, ...second), n: 3, d: 2, y: Float32Array.of(0, 1, 0) });
      expect(Array.from(await outputs(data([4, 5], [3, 6]), target2, { k: 1, metric }, Float32Array.of(3, 5), 1))).toEqual([0, 1]);
      expect(Array.from(await outputs(data([3, 6], [4, 5]), target2, { k: 1, metric }, Float32Array.of(3, 5), 1))).toEqual([0, 1]);
    }
  });

  it('lets rows at distance 0 decide alone under distance weights, and uses every row when k exceeds them', async () => {
    const target2 = { task: 'binary', classes: ['a', 'b'] } as const;
    const data = { X: Float32Array.of(0, 1, 1.1), n: 3, d: 1, y: Float32Array.of(0, 1, 1) };
    expect(Array.from(await outputs(data, target2, { k: 3, weights: 'distance' }, Float32Array.of(0), 1))).toEqual([1, 0]);
    const all = await outputs(data, target2, { k: 50 }, Float32Array.of(0), 1);
    expect(all[0]).toBeCloseTo(1 / 3, 6);
  });

  it('finds the same neighbours as an exhaustive search on a tile-spanning random set', () => {
    // 600 rows span three tiles; queries come in a count that is not a multiple of the kernel's 4.
    const rng = createRng(4);
    const n = 600;
    const d = 7;
    const m = 11;
    const X = Float32Array.from({ length: n * d }, () => rng.normal() * 100 + 50);
    const Qm = Float32Array.from({ length: m * d }, () => rng.normal() * 100 + 50);
    for (const metric of ['euclidean', 'manhattan'] as const) {
      const found = kNearest(buildKernelIndex(X, n, d, metric), Qm, m, 6);
      // The WebAssembly kernel and its JavaScript twin give the very same sums.
      const twin = kNearest(buildKernelIndex(X, n, d, metric, false), Qm, m, 6);
      expect(buildKernelIndex(X, n, d, metric).kernel).not.toBeNull();
      expect(Array.from(found.index)).toEqual(Array.from(twin.index));
      expect(Array.from(found.distance)).toEqual(Array.from(twin.distance));
      for (let q = 0; q < m; q++) {
        const dist = Array.from({ length: n }, (_, i) => {
          let s = 0;
          for (let j = 0; j < d; j++) s += metric === 'euclidean' ? (Qm[q * d + j] - X[i * d + j]) ** 2 : Math.abs(Qm[q * d + j] - X[i * d + j]);
          return [metric === 'euclidean' ? Math.sqrt(s) : s, i];
        });
        dist.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(Array.from(found.index.subarray(q * 6, q * 6 + 6))).toEqual(dist.slice(0, 6).map((e) => e[1]));
        dist.slice(0, 6).forEach((e, r) => expect(found.distance[q * 6 + r]).toBeCloseTo(e[0], 9));
      }
    }
  });
});
