import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnyModelFile, parseModelFile } from '../artifact/load';
import { loadModel, predictTable } from '../artifact/predict';
import { resolveProblem } from '../problem';
import type { RecipeSpec } from '../prep/recipeSpec';
import { createTable } from '../table/DataTable';
import type { Column } from '../table/column';
import { type Json as FuzzJson, mutatedJson } from '../testing/fuzz/mutate';
import { categorical, csv, numeric } from '../testing/tables';
import { isSaplingError } from '../util/errors';
import { runTraining } from '../train/runTraining';
import { runUnsupervised } from '../train/runUnsupervised';
import { nestedContext } from '../train/singleRun';
import type { TrainConfig } from '../train/config';
import { applyCalibration, buildReference, chunkPerformance, predictionAtThreshold, referenceFromTable } from './reference';
import { compactMap, isotonicFit, isotonicFitBinary } from './calibration';
import { DEFAULT_SKETCH_CATEGORIES, numericSketch } from './sketch';
import type { CategoricalSketch, NumericSketch } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampered files are edited freely
type Json = any;

/** Counts of each value, as a plain object (what a categorical sketch keeps when nothing is folded). */
function countsOf(values: readonly (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) if (v !== null) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const recipe = (steps: RecipeSpec['steps'] = [{ step: 'impute', params: {} }, { step: 'scale', params: {} }, { step: 'one-hot', params: {} }]): RecipeSpec => ({
  dropDuplicateRows: false,
  testSize: 0.25,
  stratify: true,
  steps,
});

// 24 training rows and 12 test rows (given as a held-out table, so the training rows are exactly these).
const trainText = [
  'size,colour,member,y',
  ...Array.from({ length: 24 }, (_, i) => `${i % 5 === 0 ? '' : i * 1.5},${['red', 'green', 'blue', ''][i % 4]},${i % 3 === 0 ? 'yes' : 'no'},${i % 2 ? 'a' : 'b'}`),
].join('\n');
const testText = ['size,colour,member,y', ...Array.from({ length: 12 }, (_, i) => `${i * 3},${['red', 'green'][i % 2]},${i % 2 ? 'yes' : 'no'},${i < 6 ? 'a' : 'b'}`)].join('\n');

describe('the monitoring reference a training run writes', async () => {
  const train = await csv(trainText);
  const test = await csv(testText);
  const config: TrainConfig = { problem: resolveProblem(train, 'y'), recipe: recipe(), model: { id: 'logistic', params: {} }, seed: 3 };
  const { file } = await runTraining(train, config, {}, test);
  const m = file.monitoring!;

  it('sketches each input column over the training rows, in the input schema order, with hand-counted missing values', () => {
    expect(file.version).toBe(5);
    expect(m.rows).toBe(24);
    expect(m.columns.map((c) => [c.column, c.kind])).toEqual([['size', 'numeric'], ['colour', 'categorical'], ['member', 'boolean']]);
    const size = m.columns[0].sketch as NumericSketch;
    // Rows 0, 5, 10, 15, 20 have no size: 5 missing, 19 numbers from 1.5 to 34.5.
    expect([size.count, size.missing, size.min, size.max]).toEqual([19, 5, 1.5, 34.5]);
    const sizes = Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? NaN : i * 1.5));
    expect(size).toEqual(numericSketch(sizes));
    const colour = m.columns[1].sketch as CategoricalSketch;
    // Every fourth row has no colour.
    expect([colour.count, colour.missing, colour.other]).toEqual([18, 6, 0]);
    expect({ ...colour.categories }).toEqual({ red: 6, green: 6, blue: 6 });
    const member = m.columns[2].sketch as CategoricalSketch;
    expect({ ...member.categories }).toEqual({ true: 8, false: 16 });
    expect(member.missing).toBe(0);
  });

  it('sketches the predictions and probabilities on the test rows as predicting them gives', async () => {
    const model = await loadModel(file);
    const p = predictTable(model, test);
    model.dispose();
    expect(m.testRows).toBe(12);
    const prediction = m.prediction as CategoricalSketch;
    expect({ ...prediction.categories }).toEqual(countsOf(p.labels!));
    expect(prediction.count).toBe(12);
    expect(Object.keys(m.probabilities!)).toEqual(['proba_a', 'proba_b']);
    const pa = m.probabilities!.proba_a;
    expect(pa).toEqual(numericSketch(Array.from({ length: 12 }, (_, i) => Number(p.proba![i * 2].toPrecision(6)))));
    expect(m.metrics).toEqual(Object.fromEntries(Object.entries(file.report.metrics.test).filter(([, v]) => Number.isFinite(v))));
    // 12 test rows make 2 chunks of 6 (at least 5 rows per chunk): accuracy of each, by hand.
    const truth = Array.from({ length: 12 }, (_, i) => (i < 6 ? 'a' : 'b'));
    const acc = (from: number) => truth.slice(from, from + 6).filter((t, i) => p.labels![from + i] === t).length / 6;
    expect(m.performance!.accuracy).toEqual({ chunkRows: 6, values: [acc(0), acc(6)] });
    expect(Object.keys(m.calibration!)).toEqual(['a', 'b']);
  });

  it('recounts the reference labels at a decision threshold from the probability sketch', async () => {
    const model = await loadModel(file);
    const p = predictTable(model, test);
    model.dispose();
    // 12 test rows: every probability has a bin of its own, so the count is exact at any threshold.
    for (const t of [0.05, 0.3, 0.5, 0.7, 0.95]) {
      const second = Array.from({ length: 12 }, (_, i) => Number(p.proba![i * 2 + 1].toPrecision(6))).filter((v) => v >= t).length;
      expect({ ...(predictionAtThreshold(m, file.problem.classes, t) as CategoricalSketch).categories }).toEqual({ a: 12 - second, b: second });
    }
    // At a threshold equal to a probability, its row counts as above (p ≥ threshold).
    const onOne = Number(p.proba![1].toPrecision(6));
    const atOrAbove = Array.from({ length: 12 }, (_, i) => Number(p.proba![i * 2 + 1].toPrecision(6))).filter((v) => v >= onOne).length;
    expect((predictionAtThreshold(m, file.problem.classes, onOne) as CategoricalSketch).categories.b).toBe(atOrAbove);
  });

  it('survives the JSON round trip and validation unchanged, with category maps that have no prototype', () => {
    const back = parseModelFile(JSON.stringify(file));
    expect(JSON.parse(JSON.stringify(back.monitoring))).toEqual(JSON.parse(JSON.stringify(m)));
    const colour = back.monitoring!.columns[1].sketch as CategoricalSketch;
    expect(Object.getPrototypeOf(colour.categories)).toBeNull();
    expect(Object.getPrototypeOf(back.monitoring!.metrics)).toBeNull();
  });

  it('refuses a tampered reference with an error naming the part', () => {
    const tamper = (change: (mon: Json) => void) => {
      const copy = JSON.parse(JSON.stringify(file)) as Json;
      change(copy.monitoring);
      return () => parseModelFile(JSON.stringify(copy));
    };
    expect(tamper((mon) => mon.columns[0].sketch.edges.reverse())).toThrow(/^monitoring\.columns\[0\]\.sketch\.edges: are not ascending at \[1\]$/);
    expect(tamper((mon) => (mon.columns[0].sketch.counts[0] = -1))).toThrow(/^monitoring\.columns\[0\]\.sketch\.counts\[0\]: -1 is out of range/);
    expect(tamper((mon) => mon.columns[0].sketch.counts.pop())).toThrow(/^monitoring\.columns\[0\]\.sketch\.counts: has \d+ bins where \d+ edges make/);
    expect(tamper((mon) => (mon.columns[0].sketch.count = 1e6))).toThrow(/^monitoring\.columns\[0\]\.sketch: counts 1000000 values and 5 missing where there are 24 rows$/);
    expect(tamper((mon) => (mon.columns[1].sketch.categories.red = 'six'))).toThrow('monitoring.columns[1].sketch.categories["red"]: expected a finite number, got "six"');
    expect(tamper((mon) => (mon.columns[1].sketch.categories.red = 7))).toThrow(/^monitoring\.columns\[1\]\.sketch\.categories: add up to 19/);
    expect(tamper((mon) => (mon.columns[2].column = 'other'))).toThrow('monitoring.columns[2].column: "other" is not one of member');
    expect(tamper((mon) => mon.columns.pop())).toThrow('monitoring.columns: has 2 items where 3 are expected');
    expect(tamper((mon) => (mon.prediction.kind = 'numeric'))).toThrow('monitoring.prediction.kind: "numeric" is not one of categorical');
    expect(tamper((mon) => (mon.probabilities.proba_c = mon.probabilities.proba_a))).toThrow(/^monitoring\.probabilities: has "proba_c"/);
    expect(tamper((mon) => mon.calibration.a.x.reverse())).toThrow(/^monitoring\.calibration\["a"\]\.x: is not ascending at \[1\]$/);
    expect(tamper((mon) => (mon.performance.accuracy.values = [0.5, null]))).toThrow('monitoring.performance["accuracy"].values[1]: expected a finite number, got null');
    expect(tamper((mon) => (mon.version = 2))).toThrow('monitoring.version: 2 is out of range [1, 1]');
    for (const bad of [tamper((mon) => (mon.columns = 'x')), tamper((mon) => delete mon.prediction), tamper((mon) => (mon.metrics = [1]))]) {
      expect(bad).toThrow(/^monitoring\./);
    }
  });

  it('never crashes on a mutated reference: it loads or is refused with a bad-model-file error naming a monitoring part', () => {
    // The reference alone is mutated (fast-check, seeded), then put back into the file.
    const cases = fc.sample(mutatedJson(JSON.parse(JSON.stringify(m)) as FuzzJson), { seed: 14, numRuns: 400 });
    let refused = 0;
    for (const c of cases) {
      try {
        parseAnyModelFile(JSON.stringify({ ...file, monitoring: c.doc }));
      } catch (e) {
        if (!isSaplingError(e) || e.code !== 'bad-model-file' || !/^monitoring/.test(e.message)) throw new Error(`${c.mutations.join('; ')}: ${String(e)}`, { cause: e });
        refused++;
      }
    }
    // Most mutations break an invariant (a count, an edge, a length, a name); a few are harmless.
    expect(refused).toBeGreaterThan(cases.length / 2);
  });

  it('keeps a category named __proto__ or constructor as an ordinary key', () => {
    const copy = JSON.parse(JSON.stringify(file));
    copy.monitoring.columns[1].sketch.categories = JSON.parse('{"__proto__": 6, "constructor": 6, "blue": 6}');
    const back = parseModelFile(JSON.stringify(copy));
    const categories = (back.monitoring!.columns[1].sketch as CategoricalSketch).categories;
    expect(Object.keys(categories)).toEqual(['__proto__', 'constructor', 'blue']);
    expect(categories.constructor).toBe(6);
  });
});

describe('buildReference on each column kind', () => {
  const day = 86_400_000;
  const columns: Column[] = [
    { kind: 'datetime', name: 'when', values: Float64Array.from([0, day, NaN, 3 * day]) },
    categorical('note', ['hello', null, 'hi 🌱', 'hello there']),
    { kind: 'boolean', name: 'flag', values: Int8Array.from([1, -1, 0, 1]), labels: ['no', 'yes'] },
    numeric('x', [1, 2, 3, 4]),
  ];
  const text = { ...(columns[1] as Extract<Column, { kind: 'categorical' }>), kind: 'text' as const };
  const table = createTable([columns[0], text, columns[2], columns[3]]);
  const schema = [{ name: 'when', kind: 'datetime' as const }, { name: 'note', kind: 'text' as const }, { name: 'flag', kind: 'boolean' as const }];
  const predictions = { rows: 4, values: Float32Array.from([1, 2, 2, 5]), classes: [] };
  const ref = buildReference({ inputs: table, inputSchema: schema, task: 'regression', classes: [], predictions, yTest: null, metrics: { rmse: 1, r2: NaN } });

  it('reads dates as epoch milliseconds, text as its lengths in characters, booleans as "false" / "true"', () => {
    expect(ref.columns[0].sketch).toEqual(numericSketch([0, day, NaN, 3 * day]));
    expect(ref.columns[1].sketch).toEqual(numericSketch([5, NaN, 4, 11]));
    const flag = ref.columns[2].sketch as CategoricalSketch;
    expect([{ ...flag.categories }, flag.missing]).toEqual([{ true: 2, false: 1 }, 1]);
    expect(ref.prediction).toEqual(numericSketch([1, 2, 2, 5]));
    // Undefined metrics (NaN, which JSON would write as null) are left out; no truth, no chunks.
    expect({ ...ref.metrics }).toEqual({ rmse: 1 });
    expect(ref.performance).toBeUndefined();
    expect(ref.calibration).toBeUndefined();
    expect(ref.probabilities).toBeUndefined();
  });

  it('keeps no training value beyond what its sketch says: unique ids fold away', async () => {
    const ids = Array.from({ length: 400 }, (_, i) => `user-${String(i * 7919).padStart(7, '0')}`);
    const idTable = createTable([categorical('id', ids), { ...(categorical('comment', ids) as Extract<Column, { kind: 'categorical' }>), kind: 'text' }]);
    const r = buildReference({
      inputs: idTable,
      inputSchema: [{ name: 'id', kind: 'categorical' }, { name: 'comment', kind: 'text' }],
      task: 'regression',
      classes: [],
      predictions,
      yTest: null,
      metrics: {},
    });
    const json = JSON.stringify(r);
    const present = ids.filter((id) => json.includes(id));
    const idSketch = r.columns[0].sketch as CategoricalSketch;
    expect(present.length).toBe(Object.keys(idSketch.categories).length);
    expect(present.length).toBe(DEFAULT_SKETCH_CATEGORIES);
    expect(idSketch.other).toBe(400 - present.length);
    // The text column's values never appear: only their lengths (12 characters each).
    expect(r.columns[1].sketch).toEqual(numericSketch(new Array(400).fill(12)));
  });
});

describe('performance chunks', () => {
  it('scores equal chunks of the test rows in their order, dropping the remainder', () => {
    const truth = Float64Array.from({ length: 23 }, (_, i) => i);
    const values = Float32Array.from({ length: 23 }, (_, i) => i + (i < 5 ? 1 : i < 10 ? -2 : 0));
    const perf = chunkPerformance('regression', { rows: 23, values, classes: [] }, truth);
    // 23 rows: 4 chunks of 5 (at least 5 rows each), the last 3 rows left out.
    expect(perf.rmse).toEqual({ chunkRows: 5, values: [1, 2, 0, 0] });
    expect(perf.mae).toEqual({ chunkRows: 5, values: [1, 2, 0, 0] });
    expect(chunkPerformance('regression', { rows: 9, values: values.subarray(0, 9), classes: [] }, truth.subarray(0, 9))).toEqual({});
  });
});

describe('isotonic calibration', () => {
  // Reference: scikit-learn 1.2.1 (/usr/bin/python3):
  //   from sklearn.isotonic import IsotonicRegression
  //   x = [0.1,0.2,0.2,0.3,0.35,0.4,0.5,0.5,0.6,0.7,0.8,0.9,0.9]; y = [0,1,0,0,1,0,1,1,0,1,1,1,0]
  //   m = IsotonicRegression(out_of_bounds='clip').fit(x, y)
  //   m.X_thresholds_, m.y_thresholds_, m.predict([0,0.15,0.25,0.32,0.45,0.55,0.65,0.85,0.9,1])
  const x = [0.1, 0.2, 0.2, 0.3, 0.35, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9];
  const y = [0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0];
  const thresholdsX = [0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.9];
  const thresholdsY = [0.0, 0.3333333333333333, 0.3333333333333333, 0.5, 0.5, 0.6666666666666666, 0.6666666666666666, 0.75, 0.75];
  const queries = [0, 0.15, 0.25, 0.32, 0.45, 0.55, 0.65, 0.85, 0.9, 1];
  const predicted = [0.0, 0.1666666666666666, 0.3333333333333333, 0.4000000000000001, 0.5833333333333333, 0.6666666666666666, 0.7083333333333334, 0.75, 0.75, 0.75];

  it("equals scikit-learn's IsotonicRegression(out_of_bounds='clip'): breakpoints and predictions", () => {
    // Rows shuffled: the fit must not depend on their order.
    const order = [5, 0, 12, 3, 8, 1, 10, 2, 7, 11, 4, 9, 6];
    // The general fit, and the one-vs-rest one the reference uses (scores sorted by class, merged).
    for (const fit of [isotonicFit, isotonicFitBinary]) {
      const map = fit(order.map((i) => x[i]), order.map((i) => y[i]));
      expect(map.x).toEqual(thresholdsX);
      map.y.forEach((v, j) => expect(v).toBeCloseTo(thresholdsY[j], 14));
      queries.forEach((q, j) => expect(applyCalibration(map, q)).toBeCloseTo(predicted[j], 14));
    }
  });

  it('compacts a long map to the cap, keeping its ends, rounding to 6 significant digits', () => {
    const n = 1000;
    const score = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const truth = score.map((s, i) => ((i * 7919) % 1000 < s * 1000 ? 1 : 0));
    const full = isotonicFit(score, truth);
    const small = compactMap(full, 50);
    expect(small.x.length).toBeLessThanOrEqual(50);
    expect(small.x[0]).toBe(full.x[0]);
    expect(small.x.at(-1)).toBe(full.x.at(-1));
    for (let j = 1; j < small.x.length; j++) {
      expect(small.x[j]).toBeGreaterThan(small.x[j - 1]);
      expect(small.y[j]).toBeGreaterThanOrEqual(small.y[j - 1]);
    }
    expect(Number(small.y[1].toPrecision(6))).toBe(small.y[1]);
    expect(applyCalibration({ x: [], y: [] }, 0.3)).toBe(0.3);
  });
});

describe('other runs and files', () => {
  it('a clustering run writes its input sketches and the cluster counts', async () => {
    const table = await csv(['u,v', ...Array.from({ length: 30 }, (_, i) => `${i % 2 ? 10 + i / 10 : i / 10},${i % 2 ? 5 : 0}`)].join('\n'));
    const { file } = await runUnsupervised(table, { task: 'clustering', recipe: recipe([]), model: { id: 'kmeans', params: { k: 2 } }, seed: 1 });
    const m = file.monitoring!;
    expect(m.columns.map((c) => c.column)).toEqual(['u', 'v']);
    expect({ ...(m.prediction as CategoricalSketch).categories }).toEqual({ 0: 15, 1: 15 });
    expect(m.testRows).toBe(30);
    expect(parseAnyModelFile(JSON.stringify(file)).monitoring).toBeDefined();
  });

  it('leaves the reference out of nested runs (folds, trials, curve points), whose files are thrown away', async () => {
    const train = await csv(trainText);
    const config: TrainConfig = { problem: resolveProblem(train, 'y'), recipe: recipe(), model: { id: 'logistic', params: {} }, seed: 3 };
    const { file } = await runTraining(train, config, nestedContext({}));
    expect(file.monitoring).toBeUndefined();
    expect(parseModelFile(JSON.stringify(file)).monitoring).toBeUndefined();
  });

  it('loads the frozen version-3 file as the current version without a reference', () => {
    const text = readFileSync(new URL('../artifact/fixtures/model-v3-tree-penguins-mass.json', import.meta.url), 'utf8');
    expect(JSON.parse(text).version).toBe(3);
    const file = parseModelFile(text);
    expect([file.version, file.monitoring]).toEqual([5, undefined]);
  });

  it('makes a reference from labelled rows as the file reads them', async () => {
    const train = await csv(trainText);
    const test = await csv(testText);
    const config: TrainConfig = { problem: resolveProblem(train, 'y'), recipe: recipe(), model: { id: 'logistic', params: {} }, seed: 3 };
    const { file } = await runTraining(train, config, {}, test);
    const model = await loadModel(file);
    const fromTest = referenceFromTable(file, test, model);
    const unlabelled = referenceFromTable(file, createTable(test.columns.filter((c) => c.name !== 'y')), model);
    model.dispose();
    // The test rows as a reference: the same prediction sketch and metrics the file keeps.
    expect(fromTest.rows).toBe(12);
    expect(fromTest.prediction).toEqual(file.monitoring!.prediction);
    expect(fromTest.metrics.accuracy).toBe(file.monitoring!.metrics.accuracy);
    expect(fromTest.calibration).toEqual(file.monitoring!.calibration);
    expect({ ...unlabelled.metrics }).toEqual({});
    expect(unlabelled.performance).toBeUndefined();
    expect(() => referenceFromTable(file, createTable([test.columns[0]]), model)).toThrow('the reference rows have no column "colour", which the model reads');
  });
});
