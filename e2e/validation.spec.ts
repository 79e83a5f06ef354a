import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

test('cross-validation on the training rows: five folds, by group too, with mean ± spread on Evaluate', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species');
  await studio.step('Prepare');
  await page.getByLabel('Cross-validation folds').fill('5');
  await studio.step('Train');
  await studio.train.chooseModel('logistic');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  const table = page.getByRole('table', { name: 'Cross-validation' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['Metric', 'Mean ± spread', 'Fold 1', 'Fold 2', 'Fold 3', 'Fold 4', 'Fold 5']);
  const accuracy = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Accuracy' }) });
  const cells = await accuracy.getByRole('cell').allTextContents();
  const [mean, spread] = cells[0].split('±').map((v) => Number(v.trim()));
  const folds = cells.slice(1).map(Number);
  expect(folds).toHaveLength(5);
  // The mean shown is the folds' mean (to the 4 places shown), and penguins are easy for a linear model.
  expect(Math.abs(mean - folds.reduce((a, b) => a + b, 0) / 5)).toBeLessThan(2e-4);
  expect(mean).toBeGreaterThan(0.95);
  expect(spread).toBeLessThan(0.05);
  await expect(page.getByText(/5 folds of the 275 training rows \(stratified by class; 55, 55, 55, 55, 55 rows each\)/)).toBeVisible();
  await expect(page.getByRole('img', { name: /^Accuracy of each fold \(dots\)/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cv-evaluate.png'), fullPage: true });

  // Grouped by island: each fold holds whole islands.
  await studio.step('Prepare');
  await page.getByLabel('Keep rows together by').selectOption('island');
  // Five folds cannot be dealt from three islands: said before training.
  await expect(page.getByRole('alert').filter({ hasText: 'island has 3 groups; 5-fold cross-validation needs at least 5' })).toBeVisible();
  await page.getByLabel('Cross-validation folds').fill('3');
  await expect(page.getByRole('alert').filter({ hasText: 'island has 3 groups' })).toHaveCount(0);
  await studio.step('Train');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await expect(page.getByText(/3 folds of the 275 training rows \(grouped by island;/)).toBeVisible();

  // Repeated holdout: four random splits at the test share, each with its own column.
  await studio.step('Prepare');
  await page.getByLabel('Validation by').selectOption('holdout');
  await page.getByLabel('Holdout repeats').fill('4');
  await page.getByLabel('Keep rows together by').selectOption('');
  await studio.step('Train');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  const splits = page.getByRole('table', { name: 'Repeated holdout' });
  await expect(splits.getByRole('columnheader')).toHaveText(['Metric', 'Mean ± spread', 'Split 1', 'Split 2', 'Split 3', 'Split 4']);
  await expect(page.getByText(/4 random splits of the 275 training rows \(stratified by class; 5\d, 5\d, 5\d, 5\d rows held out\)/)).toBeVisible();
});
