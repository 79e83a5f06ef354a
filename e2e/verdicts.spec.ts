import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/** Issue 12, points 3 and 4: honest verdicts, the baseline beside each score, a validation curve that does not mislead. */

test('a tree with no depth limit: the baseline beside every score, an overfitting verdict, and depths 1, 2, 3 … with no limit apart', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  // The baseline: always the most common training class (Adelie, about 44% of the penguins), its class shares as probabilities.
  const metrics = await studio.evaluate.testMetricsWithBaseline();
  expect(metrics.Accuracy.baseline).toBeGreaterThan(0.38);
  expect(metrics.Accuracy.baseline).toBeLessThan(0.5);
  expect(metrics['ROC AUC'].baseline).toBe(0.5);
  expect(metrics['Log loss'].baseline).toBeGreaterThan(0.95);
  expect(metrics.Accuracy.model).toBeGreaterThan(metrics.Accuracy.baseline);
  await expect(page.getByText(/Baseline: a model that ignores the features and always predicts “Adelie”, the most common class of the training rows/)).toBeVisible();
  // Perfect on its training rows, certain and wrong on some test rows: not a good fit.
  await expect(page.getByText(/^(Overfitting|Some overfitting)\.$/)).toBeVisible();
  await expect(page.getByText(/log loss 0\.0000 on training rows but \d\.\d{4} on test rows/)).toBeVisible();
  await expect(page.getByText(/Good fit|No sign of overfitting/)).toHaveCount(0);
  await page.getByRole('table', { name: 'Test metrics' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('metrics.png') });

  // The validation curve starts on the depth, from the shallow end, with no limit tried apart.
  const setting = page.getByLabel('Setting', { exact: true });
  await expect(setting).toHaveValue('maxDepth');
  await expect(page.getByText('Tries 1, 2, 3, 4, 6, 8, 13, 20 and no limit: 9 × 3 models.')).toBeVisible();
  await page.getByText('Change the values tried').click();
  const range = page.getByRole('group', { name: 'Values to try' });
  const draw = page.getByRole('button', { name: 'Draw the validation curve' });
  await range.getByLabel('From', { exact: true }).fill('0');
  await expect(page.getByText('From must be above 0: Maximum depth 0 means no limit, which is tried apart.')).toBeVisible();
  await expect(draw).toBeDisabled();
  await range.getByLabel('From', { exact: true }).fill('1');
  await range.getByLabel('To', { exact: true }).fill('6');
  await range.getByLabel('Points', { exact: true }).fill('6');
  await expect(page.getByText('Tries 1, 2, 3, 4, 5, 6 and no limit: 7 × 3 models.')).toBeVisible();
  await draw.click();
  const curve = page.getByRole('img', { name: /^Scores by Maximum depth: / });
  await expect(curve).toBeVisible({ timeout: 90_000 });
  const points = ((await curve.getAttribute('aria-label')) ?? '').replace(/^Scores by Maximum depth: /, '').split('; ');
  expect(points.map((p) => p.split(',')[0])).toEqual(['Maximum depth 1', 'Maximum depth 2', 'Maximum depth 3', 'Maximum depth 4', 'Maximum depth 5', 'Maximum depth 6', 'Maximum depth: no limit']);
  const score = (p: string, which: 'training' | 'validation') => Number(p.match(new RegExp(`${which} (\\d\\.\\d{4})`))![1]);
  // The classic shape: a stump underfits (low on both), no limit learns its training rows by heart.
  expect(score(points[0], 'training')).toBeLessThan(0.85);
  expect(score(points[6], 'training')).toBe(1);
  expect(Math.max(...points.map((p) => score(p, 'validation')))).toBeGreaterThan(score(points[0], 'validation') + 0.1);
  await expect(page.getByText(/drawn apart at the right: it switches the limit off/)).toBeVisible();
  await expect(page.getByText(/^The best validation accuracy, \d\.\d{3} ± \d\.\d{3}, comes at Maximum depth = (\d|no limit)\./)).toBeVisible();
  await expect(page.getByText(/comes at Maximum depth = 0/)).toHaveCount(0);
  await curve.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('validation-curve.png') });

  // The learning curve by size: a tree perfect on its training rows keeps a gap, which is flagged.
  await page.getByRole('button', { name: 'Draw the learning curve by training size' }).click();
  await expect(page.getByRole('img', { name: /^Scores by training-set size: / })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/^(Overfitting|Some overfitting): with all the training rows the model scores accuracy 1\.000 on rows it trained on/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('learning-curve.png') });
});

test('a regression tree: no classification criterion to vary, and R² set against predicting the mean', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'body_mass_g', 'tree');
  await studio.train.setParam('Maximum depth', '3');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  const metrics = await studio.evaluate.testMetricsWithBaseline();
  // The training mean on the test rows: R² at or a hair below 0, errors far above the model's.
  expect(metrics['R²'].baseline).toBeLessThanOrEqual(0);
  expect(metrics['R²'].baseline).toBeGreaterThan(-0.1);
  expect(metrics.MAE.baseline).toBeGreaterThan(metrics.MAE.model);
  await expect(page.getByText(/Baseline: a model that ignores the features and always predicts the mean of the training rows, \d+(\.\d+)?\./)).toBeVisible();
  await expect(page.getByText(/Predicting the mean for every row scores R² -?0\.\d\d, MAE [\d.]+, RMSE [\d.]+ on the test rows \(R² 0\.\d\d for the model/)).toBeVisible();
  await page.getByRole('table', { name: 'Test metrics' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('metrics-regression.png') });

  const options = await page.getByLabel('Setting', { exact: true }).locator('option').allTextContents();
  expect(options).toEqual(['Maximum depth', 'Minimum samples per leaf']);
});
