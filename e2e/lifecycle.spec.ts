import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { sapling } from './fixtures/cli';
import { csvFile, penguinsWithoutSpecies, samplePath } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

test('a CSV goes in, a trained model file comes out, and comes back to predict', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.open();

  // Data: upload and profile.
  await studio.data.upload(samplePath('penguins.csv'));
  const profile = await studio.data.profile();
  expect(profile.map((c) => `${c.column}:${c.type}`)).toEqual([
    'species:categorical', 'island:categorical', 'bill_length_mm:numeric', 'bill_depth_mm:numeric',
    'flipper_length_mm:numeric', 'body_mass_g:numeric', 'sex:categorical', 'year:numeric',
  ]);
  await page.screenshot({ path: testInfo.outputPath('1-data.png'), fullPage: true });

  // Problem and training with the proposed model (logistic regression).
  await studio.step('Problem');
  await studio.problem.chooseTarget('species');
  await expect(page.getByRole('combobox', { name: 'Task' })).toContainText('Automatic (Multiclass classification)');
  await studio.step('Train');
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('logistic');
  await studio.train.trainAndWait();

  // Evaluate: the studio's test metrics equal the CLI's for the same recipe, data and seed.
  await studio.step('Evaluate');
  const metrics = await studio.evaluate.testMetrics();
  expect(Object.keys(metrics)).toEqual(['Accuracy', 'Precision (macro)', 'Recall (macro)', 'F1 (macro)', 'ROC AUC', 'Log loss']);
  expect(metrics.Accuracy).toBeGreaterThan(0.95);
  const reportPath = testInfo.outputPath('cli-report.json');
  sapling('train', samplePath('penguins.csv'), '--target', 'species', '--report', reportPath);
  const cli = JSON.parse(readFileSync(reportPath, 'utf8')).metrics.test;
  expect(metrics.Accuracy).toBeCloseTo(cli.accuracy, 4);
  expect(metrics['F1 (macro)']).toBeCloseTo(cli.f1_macro, 4);
  expect(metrics['Log loss']).toBeCloseTo(cli.log_loss, 4);
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'ROC curve' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('2-evaluate.png'), fullPage: true });

  // Export: the Sapling model file and the TF.js pair.
  await studio.step('Export');
  const modelText = await downloadText(await studio.export.download('Export model'));
  const modelFile = JSON.parse(modelText);
  expect(modelFile.format).toBe('sapling-model');
  expect(modelFile.version).toBe(5);
  expect(modelFile.problem.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  // The monitoring reference travels with the studio's file too: one sketch per input column.
  expect(modelFile.monitoring.columns.map((c: { column: string }) => c.column)).toEqual(modelFile.inputSchema.map((c: { name: string }) => c.name));
  const modelPath = testInfo.outputPath('penguins-model.json');
  writeFileSync(modelPath, modelText);
  const pair: Record<string, Buffer> = {};
  const collect = page.waitForEvent('download', async (d) => {
    pair[d.suggestedFilename()] = readFileSync((await d.path())!);
    return Object.keys(pair).length === 2;
  });
  await page.getByRole('button', { name: 'Download TF.js model' }).click();
  await collect;
  const tfjsJson = JSON.parse(pair['model.json'].toString('utf8'));
  const weightBytes = tfjsJson.weightsManifest[0].weights.reduce((a: number, w: { shape: number[] }) => a + 4 * w.shape.reduce((x, y) => x * y, 1), 0);
  expect(pair['weights.bin'].length).toBe(weightBytes);
  expect(tfjsJson.weightsManifest[0].paths).toEqual(['weights.bin']);

  // A fresh page: import the file, predict new rows without the target, download the CSV.
  await page.reload();
  await studio.open();
  await studio.step('Export');
  await studio.export.importModel(modelPath);
  await expect(page.getByText(/^Imported from penguins-model\.json: /)).toBeVisible();
  const newRowsPath = testInfo.outputPath('new-penguins.csv');
  writeFileSync(newRowsPath, penguinsWithoutSpecies());
  await studio.export.predict(csvFile('new-penguins.csv', penguinsWithoutSpecies()));
  const table = await studio.export.predictionsTable();
  expect(table.columns.slice(0, 4)).toEqual(['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
  expect(table.rows[0][0]).toBe('Adelie');
  await page.screenshot({ path: testInfo.outputPath('3-predict.png'), fullPage: true });
  const csv = (await downloadText(await studio.export.download('Download predictions'))).trim().split('\n');
  expect(csv).toHaveLength(345);

  // The browser's predictions equal the CLI's on the same exported file.
  const cliOut = testInfo.outputPath('cli-predictions.csv');
  sapling('predict', modelPath, newRowsPath, '--out', cliOut);
  const cliRows = readFileSync(cliOut, 'utf8').trim().split('\n');
  expect(cliRows).toHaveLength(345);
  expect(cliRows[0]).toBe(csv[0]);
  for (let i = 1; i < csv.length; i++) {
    const a = csv[i].split(',');
    const b = cliRows[i].split(',');
    expect(a.at(-4), `row ${i}`).toBe(b.at(-4));
    for (let k = 1; k <= 3; k++) expect(Number(a.at(-k))).toBeCloseTo(Number(b.at(-k)), 4);
  }
});
