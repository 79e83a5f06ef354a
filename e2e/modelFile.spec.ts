import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/** A frozen model file of Sapling's own (binary boosting on penguins' sex), as text. */
const fixture = readFileSync(fileURLToPath(new URL('../src/core/artifact/fixtures/model-v2-gbdt-penguins-sex.json', import.meta.url)), 'utf8');

/** The model file as a file input takes it. */
function modelFile(name: string, text: string) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') };
}

test.describe('a crafted model file is refused on import (issue 11)', () => {
  test('a tree whose child points back to its own node: an alert naming the place, and the studio stays usable', async ({ page }, testInfo) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.step('Export');
    const looping = JSON.parse(fixture);
    looping.model.state.trees[0].left[0] = 0;
    // Before the state checks the engine walked this tree forever on import.
    await studio.export.importModel(modelFile('looping.json', JSON.stringify(looping)));
    await expect(studio.alerts()).toContainText('model.state.trees[0].left[0]: points back to node 0');
    await expect(page.getByLabel('Data to predict')).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('1-refused.png'), fullPage: true });

    // The engine still answers: the genuine file imports and predicts.
    await studio.export.importModel(modelFile('genuine.json', fixture));
    await expect(page.getByText(/^Imported from genuine\.json: /)).toBeVisible();
    await studio.export.predict(samplePath('penguins.csv'));
    const table = await studio.export.predictionsTable();
    expect(table.columns.slice(0, 3)).toEqual(['prediction', 'proba_female', 'proba_male']);
    await page.screenshot({ path: testInfo.outputPath('2-usable.png'), fullPage: true });
  });

  test('a report the checks do not cover breaks one screen, not the studio', async ({ page }, testInfo) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.step('Export');
    const damaged = JSON.parse(fixture);
    delete damaged.report.split;
    await studio.export.importModel(modelFile('damaged.json', JSON.stringify(damaged)));
    await expect(page.getByText(/^Imported from damaged\.json: /)).toBeVisible();
    // Evaluate reads the split sizes; without the boundary React unmounted the whole page here.
    await studio.step('Evaluate');
    await expect(studio.alerts()).toContainText('The Evaluate screen could not be drawn (');
    await expect(studio.alerts()).toContainText('The other steps still work');
    await page.screenshot({ path: testInfo.outputPath('3-screen-failed.png'), fullPage: true });
    await studio.step('Export');
    await expect(page.getByText(/^Imported from damaged\.json: /)).toBeVisible();
    await studio.export.importModel(modelFile('genuine.json', fixture));
    await studio.step('Evaluate');
    await expect(page.getByRole('table', { name: 'Test metrics' })).toBeVisible();
    await expect(studio.alerts()).toHaveCount(0);
  });
});
