import { describe, expect, it } from 'vitest';
import { defaultRecipe } from '../prep/recipe';
import { resolveProblem } from '../problem';
import { profileTable } from '../profile/profile';
import { selectRows } from '../table/DataTable';
import { sample } from '../testing/tables';
import { runTraining } from '../train/runTraining';
import { runUnsupervised } from '../train/runUnsupervised';
import { createRng, shuffleInPlace } from '../util/rng';
import { monitorTable } from './monitorTable';

const penguins = await sample('penguins.csv');
// A seeded random half of the rows (the file is sorted by species, so a half in row order would drift).
const order = shuffleInPlace(Int32Array.from({ length: penguins.rowCount }, (_, i) => i), createRng(3));
const half = selectRows(penguins, order.slice(0, 172).sort());

describe('monitorTable on every task', () => {
  it('regression: realised RMSE against its band, on a random half of the training sample', async () => {
    const { file } = await runTraining(penguins, { problem: resolveProblem(penguins, 'body_mass_g'), recipe: defaultRecipe(profileTable(penguins), 'body_mass_g'), model: { id: 'linear', params: {} }, seed: 1 });
    const report = await monitorTable(file, half);
    expect(report.model).toEqual({ family: 'linear', task: 'regression', target: 'body_mass_g' });
    expect(report.prediction.kind).toBe('numeric');
    expect(report.performance?.metric).toBe('rmse');
    expect(report.performance?.realised?.rmse).toBeGreaterThan(200);
    expect(report.performance?.realised?.rmse).toBeLessThan(500);
    expect(report.columns.filter((c) => c.drifted)).toEqual([]);
    expect(report.dataset_drift).toBe(false);
    expect(report.summary).toMatch(/rmse \d+\.\d\d, (down|up) from \d+\.\d\d/);
  });

  it('clustering: clusters tested as categories, no performance', async () => {
    const { file } = await runUnsupervised(penguins, { task: 'clustering', recipe: defaultRecipe(profileTable(penguins), null), model: { id: 'kmeans', params: { k: 3, elbowMaxK: 3 } }, seed: 42 });
    const report = await monitorTable(file, half, { chunks: 2 });
    expect(report.prediction).toMatchObject({ column: 'prediction', kind: 'categorical', test: 'chi2' });
    expect(report.performance).toBeNull();
    expect(report.chunks.map((c) => c.performance)).toEqual([null, null]);
    expect(report.dataset_drift).toBe(false);
  });
});
