import { describe, expect, it } from 'vitest';
import { parseAnyModelFile, parseModelFile } from '../artifact/load';
import { loadModel, predictionColumns, predictTable } from '../artifact/predict';
import type { KMeansSummary, PcaSummary } from '../models/unsupervised/summary';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { dropColumns } from '../table/DataTable';
import { sample } from '../testing/tables';
import type { UnsupervisedConfig } from './config';
import { runUnsupervised } from './runUnsupervised';

const penguins = dropColumns(await sample('penguins.csv'), ['species']);

function config(model: string, params: Record<string, unknown>, task: UnsupervisedConfig['task']): UnsupervisedConfig {
  return { task, recipe: defaultRecipe(profileTable(penguins), null), model: { id: model, params }, seed: 42 };
}

describe('runUnsupervised', () => {
  it('clusters every row, and the model file assigns the same clusters after a round trip', async () => {
    const { file, report } = await runUnsupervised(penguins, config('kmeans', { k: 3, elbowMaxK: 3 }, 'clustering'));
    const summary = report.summary as KMeansSummary;
    expect(report.rows).toBe(344);
    expect(report.feature_names).toContain('island=Dream');
    expect(summary.cluster_sizes.reduce((a, b) => a + b, 0)).toBe(344);
    const again = await runUnsupervised(penguins, config('kmeans', { k: 3, elbowMaxK: 3 }, 'clustering'));
    expect(again.file.model.state).toEqual(file.model.state);
    const loaded = await loadModel(parseAnyModelFile(JSON.stringify(file)));
    const predictions = predictTable(loaded, penguins);
    const sizes = [0, 0, 0];
    for (const c of predictions.clusters!) sizes[c]++;
    expect(sizes).toEqual(summary.cluster_sizes);
    expect(predictionColumns(predictions).map((c) => c.name)).toEqual(['cluster']);
    expect(() => parseModelFile(JSON.stringify(file))).toThrow(/clustering model \(kmeans\), which has no target; use it with `sapling predict`/);
  });

  it('projects rows onto the kept components and reports the variance they explain', async () => {
    const { file, report } = await runUnsupervised(penguins, config('pca', { components: 2 }, 'projection'));
    const summary = report.summary as PcaSummary;
    expect(summary.components).toBe(2);
    expect(summary.explained_variance_ratio.length).toBe(report.features);
    const predictions = predictTable(await loadModel(parseAnyModelFile(JSON.stringify(file))), penguins);
    expect(predictions.components).toBe(2);
    expect(predictionColumns(predictions).map((c) => c.name)).toEqual(['pc1', 'pc2']);
  });

  it('refuses a model that needs a target', async () => {
    await expect(runUnsupervised(penguins, config('gbdt', {}, 'clustering'))).rejects.toThrow(/needs a target column/);
  });
});
