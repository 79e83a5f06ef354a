import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { validateModelFile } from '../artifact/load';
import { loadModel, predictTable } from '../artifact/predict';
import { sample } from '../testing/tables';
import type { FittedModel } from './model';

// Any import of TF.js from here on fails: predicting a network, alone or as an ensemble's member,
// must not need it (the runtime bundles none). The setup file's own TF.js is loaded before this.
vi.mock('@tensorflow/tfjs', () => {
  throw new Error('TF.js was imported while predicting');
});

/** The frozen version-1 logistic file (iris), upgraded and validated as any load does. */
function v1File() {
  const text = readFileSync(new URL('../artifact/fixtures/model-v1-logistic-iris.json', import.meta.url), 'utf8');
  return validateModelFile(JSON.parse(text));
}

describe('network models predict without TF.js', () => {
  it('a network file loads and predicts through the registry', async () => {
    const file = v1File();
    const iris = await sample('iris.csv');
    const p = predictTable(await loadModel(file), iris);
    expect(p.proba).toHaveLength(150 * 3);
    expect(new Set(p.labels)).toEqual(new Set(['setosa', 'versicolor', 'virginica']));
  });

  it("an ensemble's network members (logistic and the MLP) predict through the forward pass", async () => {
    const file = v1File();
    const logistic = file.model as FittedModel;
    // The MLP reads only its state's network: the same weights stand in for a fitted MLP member.
    const mlp: FittedModel = { ...logistic, model: 'mlp' };
    const ensemble = { ...file, model: { ...logistic, model: 'ensemble', params: {}, state: { members: [logistic, mlp] } } };
    const loaded = await loadModel(validateModelFile(JSON.parse(JSON.stringify(ensemble))));
    const iris = await sample('iris.csv');
    const p = predictTable(loaded, iris);
    const alone = predictTable(await loadModel(file), iris);
    // The average of two identical members is the member: the ensemble predicts what the file does.
    expect(Array.from(p.proba!)).toEqual(Array.from(alone.proba!));
    expect(p.labels).toEqual(alone.labels);
  });
});
