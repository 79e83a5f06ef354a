import { describe, expect, it } from 'vitest';
import { MODEL_REGISTRY } from '../models/registry';
import type { ModelDefinition, TrainingSet } from '../models/model';
import { resolveParams } from '../params';
import { type Task, isUnsupervised } from '../problem';
import { createRng } from '../util/rng';

/**
 * The estimator checks every registered model must pass, in the manner of scikit-learn's common
 * tests: a fixed seed repeats, fitting twice equals fitting once, inputs are never mutated, fitted
 * state survives JSON, and predictions do not depend on batch composition or row order.
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

async function fitAndPredict(model: ModelDefinition, task: Task, seed: number, X?: Float32Array) {
  const { train, classes } = problem(task);
  const params = resolveParams(model.schema, FAST[model.id] ?? {});
  const fitted = await model.fit(train, { task, classes }, params, { rng: createRng(seed) });
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
        if (task === 'regression') {
          let ss = 0;
          let st = 0;
          const mean = train.y.reduce((a, b) => a + b, 0) / train.n;
          for (let i = 0; i < train.n; i++) {
            ss += (train.y[i] - out[i]) ** 2;
            st += (train.y[i] - mean) ** 2;
          }
          expect(1 - ss / st).toBeGreaterThan(0.9);
        } else {
          const k = out.length / train.n;
          let hit = 0;
          for (let i = 0; i < train.n; i++) {
            let best = 0;
            for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
            if (best === train.y[i]) hit++;
          }
          expect(hit / train.n).toBeGreaterThan(0.85);
        }
      });
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
