import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { profileTable } from '../profile/profile';
import { createTable, dropColumns } from '../table/DataTable';
import { categorical, numeric, sample } from '../testing/tables';
import type { UnsupervisedConfig } from '../train/config';
import { runUnsupervised } from '../train/runUnsupervised';
import { loadModel, predictTable } from './predict';
import { colourSeries, evenRows, mapRows } from './rowMap';

const penguins = await sample('penguins.csv');
const features = dropColumns(penguins, ['species']);

function config(model: string, params: Record<string, unknown>, task: UnsupervisedConfig['task']): UnsupervisedConfig {
  return { task, recipe: defaultRecipe(profileTable(features), null), model: { id: model, params }, seed: 42 };
}

describe('evenRows', () => {
  it('spreads at most max rows over the table, ascending, and takes all rows when there are fewer', () => {
    expect(Array.from(evenRows(10, 4))).toEqual([0, 2, 5, 7]);
    expect(Array.from(evenRows(3, 2000))).toEqual([0, 1, 2]);
    expect(evenRows(0, 10).length).toBe(0);
  });
});

describe('mapRows', () => {
  it('places a projection model’s rows on its own first two components', async () => {
    const { file } = await runUnsupervised(features, config('pca', { components: 3 }, 'projection'));
    const model = await loadModel(file);
    const rows = evenRows(features.rowCount, 100);
    const map = mapRows(model, penguins, rows);
    const all = predictTable(model, features).projection!;
    expect(map.basis).toBe('model');
    expect(map.axes).toEqual(['pc1', 'pc2']);
    expect(map.explained[0]).toBeCloseTo(file.report.summary.kind === 'pca' ? file.report.summary.explained_variance_ratio[0] : NaN, 12);
    expect(map.x[5]).toBeCloseTo(all[rows[5] * 3], 5);
    expect(map.y[5]).toBeCloseTo(all[rows[5] * 3 + 1], 5);
    expect(map.clusters).toBeNull();
  });

  it('places a clustering model’s rows on a PCA of its inputs and gives their clusters', async () => {
    const { file } = await runUnsupervised(features, config('kmeans', { k: 3, elbowMaxK: 2 }, 'clustering'));
    const model = await loadModel(file);
    const rows = evenRows(features.rowCount, 2000);
    const map = mapRows(model, features, rows);
    expect(map.basis).toBe('inputs');
    expect(map.x.length).toBe(344);
    expect(Array.from(map.clusters!)).toEqual(Array.from(predictTable(model, features).clusters!));
    expect(map.explained[0]).toBeGreaterThan(map.explained[1]);
    // The sample's PCA: pc1 has the largest spread.
    const spread = (v: Float32Array) => Math.max(...v) - Math.min(...v);
    expect(spread(map.x)).toBeGreaterThan(spread(map.y));
  });
});

describe('colourSeries', () => {
  it('gives few categories in their own order, with missing values as −1', () => {
    const table = createTable([categorical('c', ['b', 'a', null, 'b', 'c'])]);
    const series = colourSeries(table, 'c', Int32Array.from([0, 1, 2, 3, 4]));
    expect(series).toMatchObject({ kind: 'categories', labels: ['a', 'b', 'c'], folded: false });
    expect(series.kind === 'categories' && Array.from(series.codes)).toEqual([1, 0, -1, 1, 2]);
  });

  it('folds all but the nine most frequent of many categories into "other values"', () => {
    const labels = Array.from({ length: 40 }, (_, i) => (i < 20 ? 'common' : `rare${i}`));
    const series = colourSeries(createTable([categorical('c', labels)]), 'c', evenRows(40, 40));
    expect(series.kind).toBe('categories');
    if (series.kind !== 'categories') return;
    expect(series.labels).toHaveLength(10);
    expect(series.labels[0]).toBe('common');
    expect(series.labels[9]).toBe('other values');
    expect(series.codes[39]).toBe(9);
  });

  it('gives numbers a scale with its ends, ignoring missing values', () => {
    const series = colourSeries(createTable([numeric('x', [3, NaN, -1, 7])]), 'x', Int32Array.from([0, 1, 2, 3]));
    expect(series).toMatchObject({ kind: 'numbers', min: -1, max: 7, minLabel: '-1', maxLabel: '7' });
  });
});
