import * as tf from '@tensorflow/tfjs';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../artifact/load';
import { loadModel, predictTable } from '../artifact/predict';
import { resolveParams } from '../params';
import { sample } from '../testing/tables';
import { createRng } from '../util/rng';
import { linearModel } from './linear/linear';
import { logisticModel } from './linear/logistic';
import { mlpModel } from './mlp/mlp';
import type { ModelDefinition } from './definition';
import type { FittedModel, ModelTarget, NetworkState, TrainingSet } from './model';
import { loadNetwork } from './network';
import { networkPredictor } from './networkForward';
import { getModel } from './registry';

/** What TF.js's own `predict` gives for the network (cpu backend, see testing/setupTf.ts), as the predictor shapes it. */
async function tfjsOutputs(fitted: FittedModel, X: Float32Array, n: number): Promise<Float32Array> {
  const network = (fitted.state as NetworkState).network;
  const model = await loadNetwork(network);
  try {
    const raw = tf.tidy(() => (model.predict(tf.tensor2d(X, [n, fitted.nFeatures])) as tf.Tensor).dataSync() as Float32Array);
    if (network.output !== 'sigmoid') return raw;
    return Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 ? raw[(i - 1) / 2] : 1 - raw[i / 2]));
  } finally {
    model.dispose();
  }
}

/** The largest difference, relative to the reference's size where that is above 1 (regression values). */
function worstDifference(ours: Float32Array, theirs: Float32Array): number {
  expect(ours.length).toBe(theirs.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / Math.max(1, Math.abs(theirs[i])));
  return worst;
}

/**
 * A seeded training set of `d` features: a binary class, three classes, or a value on a large scale
 * (so the MLP's folded-back target scaling is exercised), all from the same hidden rule.
 */
function data(task: ModelTarget['task'], n: number, d: number, seed = 1): { train: TrainingSet; target: ModelTarget } {
  const rng = createRng(seed);
  const w = Array.from({ length: d }, () => rng.normal());
  const X = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) {
      X[i * d + j] = rng.normal() * (1 + j);
      z += (w[j] * X[i * d + j]) / (1 + j);
    }
    z += 0.3 * rng.normal();
    y[i] = task === 'binary' ? Number(z > 0) : task === 'multiclass' ? (z < -0.5 ? 0 : z < 0.5 ? 1 : 2) : 4000 + 800 * z + 100 * Math.sin(z * 3);
  }
  const classes = task === 'binary' ? ['no', 'yes'] : task === 'multiclass' ? ['a', 'b', 'c'] : [];
  return { train: { X, y, n, d }, target: { task, classes } };
}

/** Fresh rows, some far outside the training range (saturated sigmoids, large ReLU values). */
function newRows(n: number, d: number): Float32Array {
  const rng = createRng(99);
  return Float32Array.from({ length: n * d }, (_, i) => rng.normal() * (i % 7 === 0 ? 6 : 1.5));
}

async function fitAndCompare(definition: ModelDefinition, task: ModelTarget['task'], params: Record<string, unknown>, d = 5): Promise<{ fitted: FittedModel; worst: number; ours: Float32Array }> {
  const { train, target } = data(task, 150, d);
  const resolved = resolveParams(definition.schema, params, definition.id);
  const fitted = await definition.fit(train, target, resolved, { rng: createRng(3) });
  const n = 200;
  const X = newRows(n, d);
  const ours = networkPredictor(fitted).outputs(X, n);
  const theirs = await tfjsOutputs(fitted, X, n);
  return { fitted, worst: worstDifference(ours, theirs), ours };
}

const TASKS = ['binary', 'multiclass', 'regression'] as const;
const small = { layers: 2, units: 12, epochs: 15, batchSize: 32, earlyStopping: false, learningRate: 0.01 };

describe('the hand-written forward pass equals TF.js predict within 1e-6', () => {
  for (const activation of ['relu', 'tanh', 'sigmoid', 'elu'])
    for (const task of TASKS) {
      it(`the MLP with ${activation} hidden layers, ${task}`, async () => {
        const { worst, ours } = await fitAndCompare(mlpModel as unknown as ModelDefinition, task, { ...small, activation });
        expect(worst).toBeLessThan(1e-6);
        // Not a constant network: the comparison covers outputs that move with the inputs.
        expect(new Set(ours).size).toBeGreaterThan(50);
      });
    }

  it('the MLP with dropout (the identity when predicting), three layers of 64 units and 60 inputs', async () => {
    // 60 inputs cross the 48-wide blocks TF.js's CPU matMul sums in.
    const { fitted, worst } = await fitAndCompare(mlpModel as unknown as ModelDefinition, 'multiclass', { ...small, layers: 3, units: 64, dropout: 0.3 }, 60);
    const layers = ((fitted.state as NetworkState).network.topology as { config: { layers: { class_name: string }[] } }).config.layers;
    expect(layers.filter((l) => l.class_name === 'Dropout')).toHaveLength(3);
    expect(worst).toBeLessThan(1e-6);
  });

  for (const task of ['binary', 'multiclass'] as const) {
    it(`logistic regression, ${task}`, async () => {
      const { worst, ours } = await fitAndCompare(logisticModel as unknown as ModelDefinition, task, {});
      expect(worst).toBeLessThan(1e-6);
      expect(ours.length).toBe(200 * (task === 'binary' ? 2 : 3));
    });
  }

  it('linear regression', async () => {
    const { worst } = await fitAndCompare(linearModel as unknown as ModelDefinition, 'regression', { alpha: 0.5 });
    expect(worst).toBeLessThan(1e-6);
  });

  it('the frozen version-1 logistic file: TF.js, the forward pass and its predictions CSV agree', async () => {
    const dir = new URL('../artifact/fixtures/', import.meta.url);
    const file = parseModelFile(readFileSync(new URL('model-v1-logistic-iris.json', dir), 'utf8'));
    const iris = await sample('iris.csv');
    const model = await loadModel(file);
    const p = predictTable(model, iris);
    // The same rows through TF.js: the matrix the pipeline made, into the saved network.
    const { transformPipeline, toMatrix } = await import('../prep/recipe');
    const X = toMatrix(transformPipeline(file.pipeline, iris), file.pipeline.features);
    expect(worstDifference(p.proba!, await tfjsOutputs(file.model, X, iris.rowCount))).toBeLessThan(1e-6);
    const expected = readFileSync(new URL('model-v1-predictions.csv', dir), 'utf8').trim().split('\n').slice(1);
    expected.forEach((line, i) => {
      const cells = line.split(',');
      expect(p.labels![i]).toBe(cells.at(-4));
      // The CSV prints 6 significant digits.
      for (let k = 0; k < 3; k++) expect(Math.abs(p.proba![i * 3 + k] - Number(cells.at(-3 + k)))).toBeLessThanOrEqual(5e-6 * Math.max(1e-6, Number(cells.at(-3 + k))) + 1e-12);
    });
  });
});

describe('networkPredictor', () => {
  it('is what the registry loads for every network family, without loading their fitting code', async () => {
    const { train, target } = data('binary', 60, 3);
    const fitted = await logisticModel.fit(train, target, resolveParams(logisticModel.schema, {}, 'logistic'), { rng: createRng(1) });
    const X = newRows(10, 3);
    for (const id of ['logistic', 'linear', 'mlp']) {
      // The same state under each id: load reads only the network.
      const predictor = await getModel(id).load({ ...fitted, model: id });
      expect(Array.from(predictor.outputs(X, 10))).toEqual(Array.from(networkPredictor(fitted).outputs(X, 10)));
    }
  });

  it('refuses a missing value, and a network whose weights do not fit its topology', async () => {
    const { train, target } = data('regression', 40, 2);
    const fitted = await linearModel.fit(train, target, resolveParams(linearModel.schema, {}, 'linear'), { rng: createRng(1) });
    expect(() => networkPredictor(fitted).outputs(Float32Array.of(1, NaN), 1)).toThrow('feature 2 of prediction row 1 is missing');
    const network = (fitted.state as NetworkState).network;
    const short = { ...fitted, state: { network: { ...network, weights: network.weights.slice(0, 8) } } };
    expect(() => networkPredictor(short)).toThrow('model.state.network: its weights are 6 bytes, not whole float32 values');
    const unknown = JSON.parse(JSON.stringify(fitted));
    unknown.state.network.topology.config.layers[0].config.activation = 'selu';
    expect(() => networkPredictor(unknown)).toThrow('is not a Dense layer of a known activation');
  });

  it('imports nothing of TF.js, directly or through its imports', async () => {
    const entry = fileURLToPath(new URL('./networkForward.ts', import.meta.url));
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'neutral', logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.endsWith('networkForward.ts'))).toBe(true);
    expect(inputs.filter((p) => p.includes('@tensorflow') || p.includes('node_modules'))).toEqual([]);
  });
});
