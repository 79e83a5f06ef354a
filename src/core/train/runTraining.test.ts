import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../artifact/load';
import { loadModel, predictionColumns, predictTable } from '../artifact/predict';
import { tfjsPair } from '../artifact/tfjsPair';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { resolveProblem } from '../problem';
import { dropColumns } from '../table/DataTable';
import { csv, sample } from '../testing/tables';
import { isCancelled } from '../util/errors';
import type { TrainConfig } from './config';
import { runTraining } from './runTraining';

const penguins = await sample('penguins.csv');

function config(target: string, model: string, params: Record<string, unknown> = {}, seed = 42): TrainConfig {
  return { problem: resolveProblem(penguins, target), recipe: defaultRecipe(profileTable(penguins), target), model: { id: model, params }, seed };
}

describe('runTraining', () => {
  it('scores k-NN on a seeded sample of 10,000 training rows when there are more, rows and targets aligned', async () => {
    // 12,500 distinct rows with a random class each: with k = 1 every training row is its own nearest
    // neighbour, so the training accuracy is 1 exactly when the sampled predictions meet their own targets.
    const lines = Array.from({ length: 12_500 }, (_, i) => `${i % 97},${Math.floor(i / 97)},${(i * 7919) % 13 < 6 ? 'a' : 'b'}`);
    const table = await csv('x,z,y\n' + lines.join('\n'));
    const spec: TrainConfig = { problem: resolveProblem(table, 'y'), recipe: defaultRecipe(profileTable(table), 'y'), model: { id: 'knn', params: { k: 1 } }, seed: 5 };
    const { report } = await runTraining(table, spec);
    expect(report.split.train).toBe(10_000);
    expect(report.train_metrics_rows).toBeUndefined();
    const bigger = await csv('x,z,y\n' + [...lines, ...lines.map((l) => l.replace(/^(\d+),/, (_, x) => `${Number(x) + 0.5},`))].join('\n'));
    const { report: sampled } = await runTraining(bigger, { ...spec, problem: resolveProblem(bigger, 'y'), recipe: defaultRecipe(profileTable(bigger), 'y') });
    expect(sampled.split.train).toBe(20_000);
    expect(sampled.train_metrics_rows).toBe(10_000);
    expect(sampled.metrics.train.accuracy).toBe(1);
    // Seeded: the same sample and figures again.
    expect((await runTraining(bigger, { ...spec, problem: resolveProblem(bigger, 'y'), recipe: defaultRecipe(profileTable(bigger), 'y') })).report.metrics).toEqual(sampled.metrics);
  });

  it('trains, evaluates on the held-out split, and reports it', async () => {
    const epochs: number[] = [];
    const { report } = await runTraining(penguins, config('species', 'logistic'), { onEpoch: (l) => epochs.push(l.epoch) });
    expect(report.task).toBe('multiclass');
    expect(report.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(report.rows).toBe(344);
    expect(report.split.train + report.split.test).toBe(344);
    expect(report.split.test).toBe(69);
    expect(report.feature_names).toContain('island=Dream');
    expect(Object.keys(report.metrics.test)).toEqual(['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss']);
    expect(report.metrics.test.accuracy).toBeGreaterThan(0.95);
    expect(epochs.length).toBeGreaterThan(3);
    expect(report.evaluation.kind).toBe('classification');
  });

  it('gives the same metrics and model for the same recipe, data and seed (every model family)', async () => {
    for (const [target, model, params] of [
      ['species', 'logistic', {}],
      ['body_mass_g', 'linear', {}],
      ['sex', 'mlp', { epochs: 20 }],
    ] as const) {
      const a = await runTraining(penguins, config(target, model, params));
      const b = await runTraining(penguins, config(target, model, params));
      expect(b.report.metrics, model).toEqual(a.report.metrics);
      expect(JSON.stringify(b.file.model.state), model).toBe(JSON.stringify(a.file.model.state));
    }
    const other = await runTraining(penguins, config('sex', 'mlp', { epochs: 20 }, 7));
    const first = await runTraining(penguins, config('sex', 'mlp', { epochs: 20 }));
    expect(JSON.stringify(other.file.model.state)).not.toBe(JSON.stringify(first.file.model.state));
  });

  it('drops rows whose target is missing and reports regression metrics', async () => {
    const { report } = await runTraining(penguins, config('body_mass_g', 'linear'));
    expect(report.dropped.missing_target).toBe(2);
    expect(report.rows).toBe(342);
    expect(Object.keys(report.metrics.test)).toEqual(['mae', 'rmse', 'r2']);
    expect(report.metrics.test.r2).toBeGreaterThan(0.8);
  });

  it('stops when asked, at the next batch', async () => {
    let checks = 0;
    const run = runTraining(penguins, config('species', 'mlp', { epochs: 500, batchSize: 8 }), {
      yieldToEvents: async () => undefined,
      shouldStop: () => ++checks >= 5,
    });
    await expect(run.catch((e) => (isCancelled(e) ? 'cancelled' : e))).resolves.toBe('cancelled');
    expect(checks).toBe(5);
  });

  it('refuses a model that cannot do the task', async () => {
    await expect(runTraining(penguins, config('species', 'linear'))).rejects.toThrow('model "linear" cannot do multiclass classification (it does: regression)');
  });
});

describe('model file', () => {
  it('round-trips through JSON text with identical predictions, without the target column', async () => {
    const { file } = await runTraining(penguins, config('species', 'mlp', { epochs: 30 }));
    const reloaded = parseModelFile(JSON.stringify(file));
    const data = dropColumns(penguins, ['species']);
    const a = await loadModel(file);
    const b = await loadModel(reloaded);
    const pa = predictTable(a, data);
    const pb = predictTable(b, data);
    expect(Array.from(pb.proba!)).toEqual(Array.from(pa.proba!));
    expect(pb.labels).toEqual(pa.labels);
    expect(predictionColumns(pb).map((c) => c.name)).toEqual(['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
    a.dispose();
    b.dispose();
  });

  it('handles unseen categories at prediction time', async () => {
    const { file } = await runTraining(penguins, config('species', 'logistic'));
    const model = await loadModel(file);
    const rows = await csv('island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\nAtlantis,40,18,190,3700,unknown,2008\n');
    const p = predictTable(model, rows);
    expect(p.labels).toHaveLength(1);
    expect(p.proba!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });

  it('exports a TF.js pair that tf.loadLayersModel reads, with the same outputs', async () => {
    const { file } = await runTraining(penguins, config('body_mass_g', 'mlp', { epochs: 10 }));
    const pair = tfjsPair(file);
    const json = pair.modelJson as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const net = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: pair.weights.slice().buffer }),
    );
    const model = await loadModel(file);
    const x = tf.randomNormal([4, file.model.nFeatures], 0, 1, 'float32', 3);
    const direct = (net.predict(x) as tf.Tensor).dataSync();
    const viaSapling = model.predictor.outputs(x.dataSync() as Float32Array, 4);
    expect(Array.from(direct)).toEqual(Array.from(viaSapling));
    expect(Math.abs(direct[0])).toBeGreaterThan(100); // grams, not standardised units
    x.dispose();
    net.dispose();
    model.dispose();
  });

  it('refuses files it cannot read, saying why', async () => {
    expect(() => parseModelFile('{oops')).toThrow(/not a Sapling model file: it is not valid JSON/);
    expect(() => parseModelFile('{"modelTopology":{}}')).toThrow(/looks like a TF.js model.json/);
    expect(() => parseModelFile('{"format":"sapling-model","version":9}')).toThrow('the model file is version 9, made by a newer Sapling; this one reads versions up to 5');
    expect(() => parseModelFile('{"format":"sapling-model","version":2}')).toThrow(`the model file's "problem" is missing or malformed`);
  });

  it('upgrades a frozen version-2 file (binary boosting) and reproduces its predictions', async () => {
    const dir = new URL('../artifact/fixtures/', import.meta.url);
    const file = parseModelFile(readFileSync(new URL('model-v2-gbdt-penguins-sex.json', dir), 'utf8'));
    expect(file.version).toBe(5);
    expect(file.monitoring).toBeUndefined();
    expect(file.decision).toBeUndefined();
    const expected = readFileSync(new URL('model-v2-predictions.csv', dir), 'utf8').trim().split('\n').slice(1);
    const model = await loadModel(file);
    const p = predictTable(model, penguins);
    expected.forEach((line, i) => {
      const cells = line.split(',');
      expect(p.labels![i]).toBe(cells.at(-3));
      for (let k = 0; k < 2; k++) expect(p.proba![i * 2 + k]).toBeCloseTo(Number(cells.at(-2 + k)), 5);
    });
    // A decision threshold moves the labels, not the probabilities.
    const strict = await loadModel({ ...file, decision: { threshold: 0.9 } });
    const q = predictTable(strict, penguins);
    expect(Array.from(q.proba!)).toEqual(Array.from(p.proba!));
    for (let i = 0; i < penguins.rowCount; i++) expect(q.labels![i]).toBe(file.problem.classes[q.proba![i * 2 + 1] >= 0.9 ? 1 : 0]);
    expect(q.labels!.filter((l, i) => l !== p.labels![i]).length).toBeGreaterThan(0);
    expect(() => parseModelFile(JSON.stringify({ ...file, decision: { threshold: 2 } }))).toThrow(`the model file's "decision" is missing or malformed`);
    model.dispose();
    strict.dispose();
  });

  it('upgrades a frozen version-3 file (regression tree) to 5 without a monitoring reference, and reproduces its predictions', async () => {
    const dir = new URL('../artifact/fixtures/', import.meta.url);
    const text = readFileSync(new URL('model-v3-tree-penguins-mass.json', dir), 'utf8');
    expect(JSON.parse(text).version).toBe(3);
    const file = parseModelFile(text);
    expect(file.version).toBe(5);
    expect(file.monitoring).toBeUndefined();
    const expected = readFileSync(new URL('model-v3-predictions.csv', dir), 'utf8').trim().split('\n').slice(1);
    const model = await loadModel(file);
    const p = predictTable(model, penguins);
    expect(expected).toHaveLength(penguins.rowCount);
    expected.forEach((line, i) => expect(p.values![i]).toBeCloseTo(Number(line.split(',').at(-1)), 3));
    model.dispose();
  });

  it('upgrades a frozen version-4 file (multiclass logistic) to 5, each feature getting its lineage, and reproduces its probabilities', async () => {
    const dir = new URL('../artifact/fixtures/', import.meta.url);
    const text = readFileSync(new URL('model-v4-logistic-penguins-species.json', dir), 'utf8');
    expect(JSON.parse(text).version).toBe(4);
    const file = parseModelFile(text);
    expect(file.version).toBe(5);
    expect(file.pipeline.features.slice(0, 2)).toEqual([
      { name: 'island=Biscoe', source: 'island', sources: ['island'] },
      { name: 'island=Dream', source: 'island', sources: ['island'] },
    ]);
    const expected = readFileSync(new URL('model-v4-predictions.csv', dir), 'utf8').trim().split('\n').slice(1);
    const model = await loadModel(file);
    const p = predictTable(model, penguins);
    expect(expected).toHaveLength(penguins.rowCount);
    expected.forEach((line, i) => {
      const cells = line.split(',');
      expect(p.labels![i]).toBe(cells[8]);
      expect(p.proba![i * 3]).toBeCloseTo(Number(cells[9]), 4);
    });
    model.dispose();
  });

  it('upgrades a frozen version-1 file and reproduces its predictions', async () => {
    const dir = new URL('../artifact/fixtures/', import.meta.url);
    const file = parseModelFile(readFileSync(new URL('model-v1-logistic-iris.json', dir), 'utf8'));
    expect(file.version).toBe(5);
    const expected = readFileSync(new URL('model-v1-predictions.csv', dir), 'utf8').trim().split('\n').slice(1);
    const model = await loadModel(file);
    const iris = await sample('iris.csv');
    const p = predictTable(model, iris);
    expected.forEach((line, i) => {
      const cells = line.split(',');
      expect(p.labels![i]).toBe(cells.at(-4));
      for (let k = 0; k < 3; k++) expect(p.proba![i * 3 + k]).toBeCloseTo(Number(cells.at(-3 + k)), 5);
    });
    model.dispose();
  });
});
