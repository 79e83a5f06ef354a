import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { sapling } from './fixtures/cli';
import { csvFile, penguinsWithoutSpecies } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

test.describe('learning without a target', () => {
  test('k-means groups the penguins, shows its elbow and silhouette, and its model file comes back', async ({ page }, testInfo) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.data.loadSample(/Palmer penguins/);
    await studio.data.profile();

    // Problem: no target; Prepare has no test split, and species is left out so the groups must find it alone.
    await studio.step('Problem');
    await studio.problem.chooseNoTarget('clustering');
    await expect(page.getByRole('combobox', { name: 'Target' })).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('1-problem.png'), fullPage: true });
    await studio.step('Prepare');
    await expect(page.getByLabel('Test set (% of rows)')).toBeHidden();
    await expect(page.getByLabel('Stratify by class')).toBeHidden();
    await studio.prepare.useColumn('species', false);

    // Train: only clustering models are offered.
    await studio.step('Train');
    const offered = await page.getByRole('combobox', { name: 'Model' }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['kmeans', 'dbscan']);
    await studio.train.setParam('Clusters (k)', '3');
    await studio.train.trainAndWait();

    // Evaluate: the elbow and silhouette over k, the silhouette score, sizes over every row.
    await studio.step('Evaluate');
    await expect(page.getByRole('img', { name: 'Elbow chart: inertia by k' })).toContainText('k = 3 (this model)');
    await expect(page.getByRole('img', { name: 'Silhouette by k' })).toBeVisible();
    const sizes = await studio.evaluate.clusterSizes();
    expect(Object.keys(sizes)).toEqual(['Cluster 0', 'Cluster 1', 'Cluster 2']);
    expect(Object.values(sizes).reduce((a, b) => a + b, 0)).toBe(344);
    // The same fit as the CLI's on the same columns and seed.
    const withoutSpecies = testInfo.outputPath('penguins-features.csv');
    writeFileSync(withoutSpecies, penguinsWithoutSpecies());
    const reportPath = testInfo.outputPath('cli-report.json');
    sapling('train', withoutSpecies, '--model', 'kmeans', '--param', 'k=3', '--report', reportPath);
    const cli = JSON.parse(readFileSync(reportPath, 'utf8')).summary;
    await expect(page.locator('.stat-value')).toHaveText(String(Number(cli.silhouette.toFixed(3))));
    expect(Object.values(sizes)).toEqual(cli.cluster_sizes);

    // The rows in 2-D, by cluster and then by species, with clusters against species.
    await expect(page.getByRole('img', { name: 'Rows on pc1 and pc2, coloured by cluster' })).toBeVisible();
    await studio.evaluate.colourBy('species (categorical)');
    await expect(studio.evaluate.colourLegend('species')).toHaveText(/Adelie.*Chinstrap.*Gentoo/);
    await expect(page.getByRole('img', { name: 'Rows on pc1 and pc2, coloured by species' }).locator('circle')).toHaveCount(344);
    await expect(page.getByRole('table', { name: /Clusters against species/ })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('2-evaluate-kmeans.png'), fullPage: true });

    // Export the model file, and bring it back in a fresh page.
    await studio.step('Export');
    const modelText = await downloadText(await studio.export.download('Export model'));
    const file = JSON.parse(modelText);
    expect(file.problem).toEqual({ target: null, task: 'clustering', classes: [] });
    const modelPath = testInfo.outputPath('penguin-groups.json');
    writeFileSync(modelPath, modelText);
    await page.reload();
    await studio.open();
    await studio.step('Export');
    await studio.export.importModel(modelPath);
    await expect(page.getByText(/3 clusters, silhouette [\d.]+/)).toBeVisible();
    await expect(page.getByText(/^Imported from penguin-groups\.json: k-means clustering without a target, trained elsewhere on \d+ rows\.$/)).toBeVisible();
    await studio.export.predict(csvFile('new-penguins.csv', penguinsWithoutSpecies()));
    expect((await studio.export.predictionsTable()).columns[0]).toBe('cluster');
    // Every row gets the cluster it had in training.
    const predicted = (await downloadText(await studio.export.download('Download predictions'))).trim().split('\n').slice(1);
    const counts = [0, 0, 0];
    for (const line of predicted) counts[Number(line.split(',').at(-1))]++;
    expect(counts).toEqual(cli.cluster_sizes);
    await studio.step('Evaluate');
    await expect(page.getByRole('img', { name: 'Elbow chart: inertia by k' })).toBeVisible();
    await expect(page.getByText(/load the file the model was trained on/)).toBeVisible();
    // Loading the data draws them.
    await studio.step('Data');
    await studio.data.loadSample(/Palmer penguins/);
    await studio.data.profile();
    await studio.step('Evaluate');
    await expect(page.getByRole('img', { name: 'Rows on pc1 and pc2, coloured by cluster' }).locator('circle')).toHaveCount(344);
  });

  test('PCA: the scree chart shows what pc1 explains, and the rows separate by species', async ({ page }, testInfo) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.data.loadSample(/Palmer penguins/);
    await studio.data.profile();
    await studio.step('Problem');
    await studio.problem.chooseNoTarget('projection');
    await studio.step('Prepare');
    await studio.prepare.useColumn('species', false);
    await studio.step('Train');
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('pca');
    await studio.train.trainAndWait();
    await studio.step('Evaluate');

    // The share of pc1 is the CLI's on the same columns.
    const features = testInfo.outputPath('penguins-features.csv');
    writeFileSync(features, penguinsWithoutSpecies());
    const reportPath = testInfo.outputPath('cli-report.json');
    sapling('train', features, '--model', 'pca', '--report', reportPath);
    const pc1 = `${(JSON.parse(readFileSync(reportPath, 'utf8')).summary.explained_variance_ratio[0] * 100).toFixed(1)}%`;
    await expect(page.getByRole('img', { name: 'Scree chart' })).toContainText(pc1);
    await expect(page.getByText(`pc1 explains ${pc1} of the variance`)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Loadings of pc1' })).toContainText('flipper_length_mm');

    // The label left out colours the map at once; a number gives a colour scale.
    await expect(page.getByRole('combobox', { name: 'Colour by' })).toHaveValue('column:species');
    await expect(studio.evaluate.colourLegend('species')).toHaveText(/Adelie.*Chinstrap.*Gentoo/);
    await page.screenshot({ path: testInfo.outputPath('evaluate-pca.png'), fullPage: true });
    await studio.evaluate.colourBy('body_mass_g (numeric)');
    await expect(page.getByLabel('Colour scale of body_mass_g')).toHaveText(/2700.*6300.*missing/);
    await expect(page.getByRole('img', { name: 'Rows on pc1 and pc2, coloured by body_mass_g' })).toBeVisible();
  });

  test('DBSCAN draws its k-distance curve and hands the suggested eps to the next run', async ({ page }, testInfo) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.data.loadSample(/Palmer penguins/);
    await studio.data.profile();
    await studio.step('Problem');
    await studio.problem.chooseNoTarget('clustering');
    await studio.step('Train');
    await studio.train.chooseModel('dbscan');
    await studio.train.setParam('Neighbourhood radius (eps)', '0.5');
    await studio.train.trainAndWait();
    await studio.step('Evaluate');
    await expect(page.getByRole('img', { name: 'k-distance curve' })).toContainText('eps used 0.5');
    await expect(page.getByRole('table', { name: 'Cluster sizes' })).toContainText('Noise');
    await page.screenshot({ path: testInfo.outputPath('evaluate-dbscan.png'), fullPage: true });
    await page.getByRole('button', { name: 'Use suggested eps' }).click();
    await expect(page.getByText(/Neighbourhood radius \(eps\) set to [\d.]+ for the next training run/)).toBeVisible();
    await page.getByRole('button', { name: 'Go to Train' }).click();
    const eps = Number(await page.getByLabel('Neighbourhood radius (eps)', { exact: true }).inputValue());
    expect(eps).toBeGreaterThan(0.5);
  });
});
