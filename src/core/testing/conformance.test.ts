import { describe, expect, it } from 'vitest';
import { MODEL_REGISTRY } from '../models/registry';
import type { FittedModel, TrainingSet } from '../models/model';
import type { ModelDefinition } from '../models/definition';
import { resolveParams } from '../params';
import { checkFittedModel } from '../artifact/checkModel';
import { type ModelTask, type Task, isUnsupervised } from '../problem';
import { isSaplingError } from '../util/errors';
import { createRng } from '../util/rng';

/**
 * The estimator checks every registered model must pass, in the manner of scikit-learn's common
 * tests: a fixed seed repeats, fitting twice equals fitting once, inputs are never mutated, fitted
 * state survives JSON, and predictions do not depend on batch composition or row order. Then the
 * edge cases: one training row, one feature, NaN features (handled, or refused with a clear error,
 * as the family's `handlesMissing` says), and class outputs that follow the order of the labels.
 */

/** A small learnable problem for each task: two informative features and one noise feature. */
function problem(task: Task): { train: TrainingSet; classes: string[] } {
  const rng = createRng(11);
  const n = 120;
  const d = 3;
  const X = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    X.set([a, b, rng.normal()], i * d);
    if (task === 'regression') y[i] = 3 * a - 2 * b + 0.1 * rng.normal();
    else if (task === 'binary') y[i] = a + b > 0 ? 1 : 0;
    else y[i] = a > 0.5 ? 2 : b > 0 ? 1 : 0;
  }
  const classes = task === 'regression' ? [] : task === 'binary' ? ['no', 'yes'] : ['low', 'mid', 'high'];
  return { train: { X, n, d, y }, classes };
}

/** Keeps the suite fast: fewer epochs for iterative models. */
const FAST: Record<string, Record<string, unknown>> = { mlp: { epochs: 60, learningRate: 0.02, earlyStopping: false } };

/**
 * Families that refuse a single training row, with the SaplingError code they give (documented in
 * their TSDoc), by family or by family and task (the default regression ensemble holds linear
 * regression). Every other family must predict from it: for classifiers, that row's class.
 */
const ONE_ROW_REFUSED: Readonly<Record<string, string>> = { linear: 'singular', 'ensemble/regression': 'singular' };

/** The same kind of problem on a single feature. */
function oneFeatureProblem(task: Task): { train: TrainingSet; classes: string[] } {
  const rng = createRng(12);
  const n = 120;
  const X = Float32Array.from({ length: n }, () => rng.normal());
  const y = X.map((x) => (task === 'regression' ? 2 * x + 0.1 * rng.normal() : task === 'binary' ? (x > 0 ? 1 : 0) : x < -0.5 ? 0 : x < 0.5 ? 1 : 2));
  return { train: { X, n, d: 1, y }, classes: problem(task).classes };
}

/** The problem with every fifth value of the first feature missing. */
function withMissing(train: TrainingSet): TrainingSet {
  return { ...train, X: train.X.map((v, p) => (p % (5 * train.d) === 0 ? NaN : v)) };
}

async function fitOn(model: ModelDefinition, task: Task, train: TrainingSet, classes: readonly string[], seed = 1) {
  const fitted = await model.fit(train, { task, classes }, resolveParams(model.schema, FAST[model.id] ?? {}), { rng: createRng(seed) });
  expectValidState(fitted, train.d, task, classes);
  return { fitted, predictor: await model.load(fitted) };
}

/** A fitted model, as a file carries it (after JSON), passes its family's state check (artifact/checkModel.ts). */
function expectValidState(fitted: FittedModel, nFeatures: number, task: ModelTask, classes: readonly string[]): void {
  expect(() => checkFittedModel(JSON.parse(JSON.stringify(fitted)), 'model', { nFeatures, task, classes })).not.toThrow();
}

/** Runs `action` and checks it throws a SaplingError with `code` (a readable message, not a bug). */
async function expectSaplingError(action: () => unknown, code: string): Promise<void> {
  let caught: unknown = null;
  try {
    await action();
  } catch (e) {
    caught = e;
  }
  expect(isSaplingError(caught), `expected a SaplingError "${code}", got ${String(caught)}`).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
}

/** Checks outputs are finite, one per row (regression) or a probability row per class. */
function expectWellFormed(out: Float32Array, rows: number, classes: number): void {
  const width = Math.max(classes, 1);
  expect(out.length).toBe(rows * width);
  for (const v of out) expect(Number.isFinite(v)).toBe(true);
  if (classes === 0) return;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let c = 0; c < width; c++) sum += out[i * width + c];
    expect(sum).toBeCloseTo(1, 5);
  }
}

/** Share of rows whose highest output is the class `y` holds. */
function accuracy(out: Float32Array, y: ArrayLike<number>, k: number): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
    if (best === y[i]) hit++;
  }
  return hit / y.length;
}

/** Coefficient of determination of predictions `out` for targets `y`. */
function rSquared(out: Float32Array, y: Float32Array): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let ss = 0;
  let st = 0;
  for (let i = 0; i < y.length; i++) {
    ss += (y[i] - out[i]) ** 2;
    st += (y[i] - mean) ** 2;
  }
  return 1 - ss / st;
}

/** Fits on problem(task) with seed 1 are shared between checks that only read them (MLP fits are slow). */
const seedOneFits = new Map<string, Promise<FittedModel>>();

async function fitAndPredict(model: ModelDefinition, task: Task, seed: number, X?: Float32Array) {
  const { train, classes } = problem(task);
  const params = resolveParams(model.schema, FAST[model.id] ?? {});
  const fit = () => model.fit(train, { task, classes }, params, { rng: createRng(seed) });
  const key = `${model.id}/${task}`;
  if (seed === 1 && !seedOneFits.has(key)) seedOneFits.set(key, fit());
  const fitted = await (seed === 1 ? (seedOneFits.get(key) as Promise<FittedModel>) : fit());
  const predictor = await model.load(fitted);
  const out = predictor.outputs(X ?? train.X, (X ?? train.X).length / train.d);
  predictor.dispose();
  return { fitted, out, train };
}

for (const model of MODEL_REGISTRY) {
  for (const task of model.tasks) {
    // Models without a target have their own checks in unsupervised.conformance.test.ts.
    if (isUnsupervised(task)) continue;
    describe(`${model.id} (${task})`, () => {
      it('repeats exactly with the same seed, and fitting twice equals fitting once', async () => {
        const a = await fitAndPredict(model, task, 5);
        const b = await fitAndPredict(model, task, 5);
        expect(JSON.stringify(b.fitted.state)).toBe(JSON.stringify(a.fitted.state));
        expect(Array.from(b.out)).toEqual(Array.from(a.out));
      });

      it('does not mutate its inputs', async () => {
        const { train, classes } = problem(task);
        const X = train.X.slice();
        const y = train.y.slice();
        await model.fit(train, { task, classes }, resolveParams(model.schema, FAST[model.id] ?? {}), { rng: createRng(1) });
        expect(Array.from(train.X)).toEqual(Array.from(X));
        expect(Array.from(train.y)).toEqual(Array.from(y));
      });

      it('gives identical predictions after a JSON round trip, in any row order and batch', async () => {
        const { fitted, out, train } = await fitAndPredict(model, task, 3);
        const copy = JSON.parse(JSON.stringify(fitted));
        expectValidState(fitted, train.d, task, problem(task).classes);
        const predictor = await model.load(copy);
        expect(Array.from(predictor.outputs(train.X, train.n))).toEqual(Array.from(out));
        const width = out.length / train.n;
        const reversed = new Float32Array(train.X.length);
        for (let i = 0; i < train.n; i++) reversed.set(train.X.subarray((train.n - 1 - i) * train.d, (train.n - i) * train.d), i * train.d);
        const rev = predictor.outputs(reversed, train.n);
        const single = predictor.outputs(train.X.subarray(7 * train.d, 8 * train.d), 1);
        for (let c = 0; c < width; c++) {
          expect(rev[(train.n - 1) * width + c]).toBeCloseTo(out[c], 6);
          expect(single[c]).toBeCloseTo(out[7 * width + c], 6);
        }
        predictor.dispose();
      });

      it('learns the problem', async () => {
        const { out, train } = await fitAndPredict(model, task, 1);
        if (task === 'regression') expect(rSquared(out, train.y)).toBeGreaterThan(0.9);
        else expect(accuracy(out, train.y, out.length / train.n)).toBeGreaterThan(0.85);
      });

      const refused = ONE_ROW_REFUSED[`${model.id}/${task}`] ?? ONE_ROW_REFUSED[model.id];
      it(refused ? `refuses a single training row (${refused})` : 'predicts from a single training row', async () => {
        const { classes } = problem(task);
        // The row belongs to the last class, so a model that falls back to class 0 is caught.
        const label = task === 'regression' ? 1.5 : classes.length - 1;
        const train = { X: Float32Array.of(0.5, -1, 2), n: 1, d: 3, y: Float32Array.of(label) };
        if (refused) {
          await expectSaplingError(() => fitOn(model, task, train, classes), refused);
          return;
        }
        const { predictor } = await fitOn(model, task, train, classes);
        const out = predictor.outputs(Float32Array.of(0.5, -1, 2, 0, 0, 0), 2);
        predictor.dispose();
        expectWellFormed(out, 2, classes.length);
        if (task !== 'regression') expect(accuracy(out.subarray(0, classes.length), [label], classes.length)).toBe(1);
      });

      it('learns from a single feature', async () => {
        const { train, classes } = oneFeatureProblem(task);
        const { fitted, predictor } = await fitOn(model, task, train, classes);
        const out = predictor.outputs(train.X, train.n);
        predictor.dispose();
        expect(fitted.nFeatures).toBe(1);
        expectWellFormed(out, train.n, classes.length);
        // Three classes in bands of one feature are not linearly separable one-vs-rest; only the simpler tasks must be learned.
        if (task === 'regression') expect(rSquared(out, train.y)).toBeGreaterThan(0.8);
        if (task === 'binary') expect(accuracy(out, train.y, 2)).toBeGreaterThan(0.85);
      });

      it(model.handlesMissing ? 'takes NaN features as missing, at fit and at predict' : 'refuses NaN features at fit and at predict (missing-values)', async () => {
        const { train, classes } = problem(task);
        const gappy = withMissing(train);
        if (!model.handlesMissing) {
          await expectSaplingError(() => fitOn(model, task, gappy, classes), 'missing-values');
          const predictor = await model.load((await fitAndPredict(model, task, 1)).fitted);
          await expectSaplingError(() => predictor.outputs(gappy.X, gappy.n), 'missing-values');
          predictor.dispose();
          return;
        }
        const { predictor } = await fitOn(model, task, gappy, classes);
        const out = predictor.outputs(gappy.X, gappy.n);
        predictor.dispose();
        expectWellFormed(out, gappy.n, classes.length);
        if (task === 'regression') expect(rSquared(out, train.y)).toBeGreaterThan(0.5);
        else expect(accuracy(out, train.y, classes.length)).toBeGreaterThan(0.7);
      });

      if (task !== 'regression') {
        it('gives one output column per class, in the order of target.classes', async () => {
          // The same data with the labels listed in reverse: every column must move with its label.
          const { train, classes } = problem(task);
          const reversed = [...classes].reverse();
          const k = classes.length;
          const relabelled = { ...train, y: train.y.map((c) => k - 1 - c) };
          const { predictor } = await fitOn(model, task, relabelled, reversed);
          const out = predictor.outputs(train.X, train.n);
          predictor.dispose();
          expectWellFormed(out, train.n, k);
          let hit = 0;
          for (let i = 0; i < train.n; i++) {
            const row = Array.from(out.subarray(i * k, (i + 1) * k));
            if (reversed[row.indexOf(Math.max(...row))] === classes[train.y[i]]) hit++;
          }
          expect(hit / train.n).toBeGreaterThan(0.85);
        });
      }
    });
  }
}

describe('registry and catalog', () => {
  it('list the same model families, with the same schemas', async () => {
    const { MODEL_CATALOG } = await import('../models/info');
    expect(MODEL_REGISTRY.map((m) => m.id)).toEqual(MODEL_CATALOG.map((m) => m.id));
    MODEL_REGISTRY.forEach((m, i) => expect(m.schema).toBe(MODEL_CATALOG[i].schema));
  });

  it('every parameter has a label, help text and a default inside its range', () => {
    for (const model of MODEL_REGISTRY) {
      for (const [key, spec] of Object.entries(model.schema)) {
        expect(spec.label, `${model.id}.${key}`).toBeTruthy();
        expect(spec.help.length, `${model.id}.${key}`).toBeGreaterThan(20);
        expect(() => resolveParams(model.schema, { [key]: spec.default })).not.toThrow();
      }
    }
  });
});
