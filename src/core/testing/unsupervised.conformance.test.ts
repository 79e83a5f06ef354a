import { describe, expect, it } from 'vitest';
import { checkFittedModel } from '../artifact/checkModel';
import type { TrainingSet } from '../models/model';
import type { ModelDefinition } from '../models/definition';
import { MODEL_REGISTRY } from '../models/registry';
import { resolveParams } from '../params';
import { isUnsupervised } from '../problem';
import { createRng } from '../util/rng';

/**
 * The estimator checks for the models without a target (clustering, projection), as the supervised
 * suite in conformance.test.ts: a fixed seed repeats, inputs are never mutated, fitted state survives
 * JSON, predictions do not depend on batch or row order, and the fit finds the obvious structure.
 */

/** Three well separated blobs in 3-D, 40 rows each, rows interleaved. */
function blobs(): { train: TrainingSet; truth: number[] } {
  const rng = createRng(4);
  const n = 120;
  const d = 3;
  const X = new Float32Array(n * d);
  const truth: number[] = [];
  const centres = [[0, 0, 0], [6, 6, 0], [0, 6, 6]];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    truth.push(c);
    for (let j = 0; j < d; j++) X[i * d + j] = centres[c][j] + 0.5 * rng.normal();
  }
  return { train: { X, n, d, y: new Float32Array(0) }, truth };
}

const PARAMS: Record<string, Record<string, unknown>> = { kmeans: { k: 3, elbowMaxK: 3 }, dbscan: { minSamples: 5 }, pca: { components: 2 } };

async function fitAndPredict(model: ModelDefinition, seed: number) {
  const { train, truth } = blobs();
  const task = model.tasks.find(isUnsupervised)!;
  const fitted = await model.fit(train, { task, classes: [] }, resolveParams(model.schema, PARAMS[model.id] ?? {}), { rng: createRng(seed) });
  // The fitted state, as a file carries it, passes the family's state check (artifact/checkModel.ts).
  expect(() => checkFittedModel(JSON.parse(JSON.stringify(fitted)), 'model', { nFeatures: train.d, task, classes: [] })).not.toThrow();
  const predictor = await model.load(fitted);
  const out = predictor.outputs(train.X, train.n);
  return { fitted, out, train, truth, predictor };
}

for (const model of MODEL_REGISTRY.filter((m) => m.tasks.some(isUnsupervised))) {
  describe(`${model.id} (${model.tasks.join(', ')})`, () => {
    it('repeats exactly with the same seed, and does not mutate its input', async () => {
      const { train } = blobs();
      const copy = train.X.slice();
      const a = await fitAndPredict(model, 5);
      const b = await fitAndPredict(model, 5);
      expect(JSON.stringify(b.fitted.state)).toBe(JSON.stringify(a.fitted.state));
      expect(Array.from(b.out)).toEqual(Array.from(a.out));
      await model.fit(train, { task: model.tasks[0], classes: [] }, resolveParams(model.schema, PARAMS[model.id] ?? {}), { rng: createRng(1) });
      expect(Array.from(train.X)).toEqual(Array.from(copy));
    });

    it('gives identical outputs after a JSON round trip, in any row order and batch', async () => {
      const { fitted, out, train } = await fitAndPredict(model, 3);
      const predictor = await model.load(JSON.parse(JSON.stringify(fitted)));
      expect(Array.from(predictor.outputs(train.X, train.n))).toEqual(Array.from(out));
      const width = out.length / train.n;
      const reversed = new Float32Array(train.X.length);
      for (let i = 0; i < train.n; i++) reversed.set(train.X.subarray((train.n - 1 - i) * train.d, (train.n - i) * train.d), i * train.d);
      const rev = predictor.outputs(reversed, train.n);
      for (let i = 0; i < train.n; i++) for (let c = 0; c < width; c++) expect(rev[(train.n - 1 - i) * width + c]).toBe(out[i * width + c]);
      expect(Array.from(predictor.outputs(train.X.subarray(21, 24), 1))).toEqual(Array.from(out.subarray(7 * width, 8 * width)));
    });

    it('finds the three blobs', async () => {
      const { out, truth, train, fitted } = await fitAndPredict(model, 1);
      if (model.tasks.includes('projection')) {
        // Two components of three blobs in a plane keep nearly all the variance.
        expect((fitted.state as { explainedVarianceRatio: number[] }).explainedVarianceRatio.slice(0, 2).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.95);
        return;
      }
      // Each true blob maps to one cluster, and distinct blobs to distinct clusters; DBSCAN may call
      // a few outlying rows noise (−1).
      const mapping = new Map<number, number>();
      const noise = out.filter((c) => c === -1).length;
      expect(noise).toBeLessThan(train.n / 10);
      for (let i = 0; i < train.n; i++) {
        if (out[i] === -1) continue;
        if (!mapping.has(truth[i])) mapping.set(truth[i], out[i]);
        expect(out[i]).toBe(mapping.get(truth[i]));
      }
      expect(new Set(mapping.values()).size).toBe(3);
    });

    it('summarises its fit for the report', async () => {
      const { fitted, train } = await fitAndPredict(model, 1);
      const summary = await model.summarise!(fitted, train, { rng: createRng(0) });
      expect(summary.kind).toBe(model.id);
    });
  });
}
