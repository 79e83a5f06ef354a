import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { ODD_CLASSES, ODD_NAMES, oddNamesCsv } from '../src/core/testing/oddNames';
import { sapling } from './fixtures/cli';
import { csvFile } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

/**
 * Columns, categories and classes named `__proto__`, `constructor`, `toString`, `hasOwnProperty`
 * and `valueOf`: the whole flow, with the model file going out of the studio and back in.
 */
test('a CSV whose names are object properties profiles, trains, exports, re-imports and predicts', async ({ page }, testInfo) => {
  const text = oddNamesCsv();
  const truth = text.trim().split('\n').slice(1).map((l) => l.split(',')[5]);
  const studio = new Studio(page);
  await studio.open();

  await studio.data.upload(csvFile('odd-names.csv', text));
  const profile = await studio.data.profile();
  expect(profile.map((c) => `${c.column}:${c.type}`)).toEqual([
    '__proto__:numeric', 'constructor:categorical', 'toString:numeric', 'hasOwnProperty:categorical', 'valueOf:numeric', 'label:categorical',
  ]);
  // A type chosen for the column `__proto__` is kept under that name (and read back the same).
  await page.getByLabel('Type of __proto__').selectOption('categorical');
  await expect(page.getByLabel('Type of __proto__')).toHaveValue('categorical');
  await expect(page.getByLabel('Type of constructor')).toHaveValue('categorical');
  await expect(page.getByLabel('Type of toString')).toHaveValue('numeric');
  await page.getByLabel('Type of __proto__').selectOption('numeric');
  await expect(page.getByLabel('Type of __proto__')).toHaveValue('numeric');
  await expect(page.getByLabel('Type of toString')).toHaveValue('numeric');
  await page.screenshot({ path: testInfo.outputPath('1-data.png'), fullPage: true });

  await studio.step('Problem');
  await studio.problem.chooseTarget('label');
  await expect(page.getByRole('combobox', { name: 'Task' })).toContainText('Automatic (Binary classification)');
  await page.screenshot({ path: testInfo.outputPath('2-problem.png'), fullPage: true });

  await studio.step('Train');
  await studio.train.chooseModel('tree');
  await studio.train.trainAndWait();
  await expect(studio.alerts()).toHaveCount(0);

  await studio.step('Evaluate');
  expect((await studio.evaluate.testMetrics()).Accuracy).toBeGreaterThan(0.8);
  await expect(studio.evaluate.treeDiagram()).toBeVisible();
  // The tree's first split reads in the column's own name and units.
  await expect(studio.evaluate.treeDiagram()).toContainText('__proto__');
  // Indicators added up by the column they came from: one bar per column, by its own name.
  await page.getByRole('checkbox', { name: 'Add up features by the columns they came from' }).check();
  expect((await studio.evaluate.importance()).map((f) => f.feature).sort()).toEqual([...ODD_NAMES].sort());
  await page.getByRole('button', { name: 'Measure permutation importance' }).click();
  const permutation = page.getByRole('table', { name: 'Permutation importance' });
  await expect(permutation).toBeVisible({ timeout: 60_000 });
  expect((await permutation.getByRole('rowheader').allTextContents()).map((s) => s.trim()).sort()).toEqual([...ODD_NAMES].sort());
  // Partial dependence on a column named constructor, over categories named like properties.
  await page.getByLabel('Column', { exact: true }).selectOption('constructor');
  await page.getByLabel('Probability of', { exact: true }).selectOption('toString');
  await page.getByRole('button', { name: 'Draw partial dependence' }).click();
  const chart = page.getByRole('img', { name: /^Partial dependence of the probability of “toString” on constructor: / });
  await expect(chart).toBeVisible();
  const points = ((await chart.getAttribute('aria-label')) ?? '').split(': ').slice(1).join(': ').split('; ');
  expect(points.map((p) => p.split(': ')[0]).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
  for (const p of points) expect(Number.isFinite(Number(p.split(': ')[1]))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('3-evaluate.png'), fullPage: true });

  await studio.step('Export');
  const modelText = await downloadText(await studio.export.download('Export model'));
  const modelFile = JSON.parse(modelText);
  expect(modelFile.problem.classes).toEqual(ODD_CLASSES);
  expect(modelFile.inputSchema.map((c: { name: string }) => c.name)).toEqual(ODD_NAMES);
  const steps: { step: string; state: Record<string, Record<string, unknown>> }[] = modelFile.pipeline.steps;
  // The fitted state names every column as an own key, `__proto__` included.
  expect(Object.keys(steps.find((s) => s.step === 'impute')!.state.fills)).toEqual([...ODD_NAMES]);
  expect(Object.keys(steps.find((s) => s.step === 'scale')!.state.columns)).toEqual(['__proto__', 'toString', 'valueOf']);
  expect(Object.keys(steps.find((s) => s.step === 'one-hot')!.state.columns)).toEqual(['constructor', 'hasOwnProperty']);
  // (Not `{ __proto__: 'numeric' }`: that literal sets a prototype and has no keys.)
  expect(Object.entries(modelFile.config.read.kinds)).toEqual([['__proto__', 'numeric']]);
  const modelPath = testInfo.outputPath('odd-model.json');
  writeFileSync(modelPath, modelText);

  // A fresh page: import the file and predict its own training file.
  await page.reload();
  await studio.open();
  await studio.step('Export');
  await studio.export.importModel(modelPath);
  await expect(page.getByText(/^Imported from odd-model\.json: /)).toBeVisible();
  await studio.export.predict(csvFile('odd-names.csv', text));
  const table = await studio.export.predictionsTable();
  expect(table.columns.slice(0, 3)).toEqual(['prediction', 'proba___proto__', 'proba_toString']);
  const why = await studio.export.why(1);
  // Each line is a column with this row's value (`constructor = __proto__`).
  expect(why.pushes.map((p) => p.column.split(' = ')[0]).sort()).toEqual([...ODD_NAMES].sort());
  expect(why.pushes.map((p) => p.column)).toContain('constructor = __proto__');
  await page.screenshot({ path: testInfo.outputPath('4-predict.png'), fullPage: true });

  const csv = (await downloadText(await studio.export.download('Download predictions'))).trim().split('\n');
  expect(csv[0]).toBe(`${[...ODD_NAMES, 'label'].join(',')},prediction,proba___proto__,proba_toString`);
  const predicted = csv.slice(1).map((l) => l.split(',')[6]);
  expect(new Set(predicted)).toEqual(new Set(ODD_CLASSES));
  expect(predicted.filter((p, i) => p === truth[i]).length / truth.length).toBeGreaterThan(0.85);

  // The CLI predicts the same from the same exported file.
  const dataPath = testInfo.outputPath('odd-names.csv');
  writeFileSync(dataPath, text);
  const cliOut = testInfo.outputPath('cli-predictions.csv');
  sapling('predict', modelPath, dataPath, '--out', cliOut);
  expect(readFileSync(cliOut, 'utf8').trim().split('\n').map((l) => l.split(',')[6])).toEqual(csv.map((l) => l.split(',')[6]));
  // And trains again from the studio's recipe, reading `__proto__` as the studio was told to.
  expect(sapling('train', dataPath, '--recipe', modelPath)).toContain("same metrics as the recipe's run");
});
