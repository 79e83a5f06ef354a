import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/** The scores table at the current threshold, by row name. */
async function scoresAtThreshold(page: Page): Promise<Record<string, number>> {
  const table = page.getByRole('table', { name: 'Scores at this threshold' });
  const out: Record<string, number> = {};
  for (const row of await table.getByRole('row').all()) out[((await row.getByRole('rowheader').textContent()) ?? '').split(' ')[0]] = Number(await row.getByRole('cell').textContent());
  return out;
}

test('a binary model’s threshold moves precision and recall live, and is saved in the exported model', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'sex', 'logistic');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  const slider = page.getByRole('slider', { name: 'Decision threshold' });
  await expect(slider).toHaveValue('50');
  const atHalf = await scoresAtThreshold(page);
  // At 0.5 the threshold table agrees with the test metrics (the more probable class).
  expect(atHalf.Accuracy).toBeCloseTo((await studio.evaluate.testMetrics())['Accuracy'], 4);
  await slider.fill('90');
  await expect(page.getByLabel('Threshold value')).toHaveText('0.90');
  const strict = await scoresAtThreshold(page);
  expect(strict.Recall).toBeLessThan(atHalf.Recall);
  expect(strict.Precision).toBeGreaterThanOrEqual(atHalf.Precision);
  const confusion = page.getByRole('table', { name: 'Confusion at this threshold' });
  const counts = (await confusion.locator('tbody td').allTextContents()).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(67);
  await expect(page.getByRole('img', { name: /^Precision–recall curve \(average precision 0\.9\d*\), with the point at threshold 0\.90$/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Calibration: / })).toBeVisible();
  await page.getByRole('button', { name: 'Save threshold 0.90 in the model' }).click();
  await expect(page.getByText('Saved in the model: 0.90 (exports and predictions use it).')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('threshold-evaluate.png'), fullPage: true });

  await studio.step('Export');
  const download = await studio.export.download('Export model');
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(file.version).toBe(5);
  expect(file.decision).toEqual({ threshold: 0.9 });
});

test('permutation importance is measured on request, on the test rows, largest drop first', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'gbdt');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await page.getByRole('button', { name: 'Measure permutation importance' }).click();
  const table = page.getByRole('table', { name: 'Permutation importance' });
  await expect(table).toBeVisible();
  await expect(page.getByText(/^On the 69 test rows \(accuracy 1\.0000 unshuffled\)/)).toBeVisible();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBe(7);
  const drops = (await rows.locator('.bar-value').allTextContents()).map((t) => Number(t.split('±')[0].trim()));
  expect(drops).toEqual([...drops].sort((a, b) => b - a));
  expect(drops[0]).toBeGreaterThan(0.05);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('permutation.png') });
});

test('the learning curve by training size is drawn on request, with what it says', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await page.getByRole('button', { name: 'Draw the learning curve by training size' }).click();
  await expect(page.getByRole('img', { name: /^Scores by training-set size: \d+ rows, training 1\.0000, validation 0\.\d{4}; / })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/(more data would likely help|unlikely to help much)\.$/)).toBeVisible();
  await page.getByRole('button', { name: 'Measure permutation importance' }).click();
  await expect(page.getByRole('table', { name: 'Permutation importance' })).toBeVisible();
  await page.getByRole('heading', { name: /^Learning curve by training-set size/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('curve.png') });
});

test('measurements on Evaluate are kept with the model across steps, and gone with a new model', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await page.getByRole('button', { name: 'Measure permutation importance' }).click();
  const table = page.getByRole('table', { name: 'Permutation importance' });
  await expect(table).toBeVisible({ timeout: 60_000 });
  const drops = await table.locator('.bar-value').allTextContents();
  await page.getByRole('button', { name: 'Draw the learning curve by training size' }).click();
  const curve = page.getByRole('img', { name: /^Scores by training-set size: / });
  await expect(curve).toBeVisible({ timeout: 60_000 });
  const curveName = await curve.getAttribute('aria-label');

  await studio.step('Export');
  await studio.step('Evaluate');
  // Shown again at once, the same figures, with no button to measure again (nothing was re-run).
  await expect(table).toBeVisible({ timeout: 1_000 });
  expect(await table.locator('.bar-value').allTextContents()).toEqual(drops);
  await expect(curve).toBeVisible({ timeout: 1_000 });
  expect(await curve.getAttribute('aria-label')).toBe(curveName);
  await expect(page.getByRole('button', { name: 'Measure permutation importance' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Draw the learning curve by training size' })).toHaveCount(0);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('kept.png') });

  // A new model: the old model's measurements are gone.
  await studio.step('Train');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  // Waits for the new model to be current (the old one's table would stand in place of the button).
  await expect(page.getByRole('button', { name: 'Measure permutation importance' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Draw the learning curve by training size' })).toBeVisible();
  await expect(table).toHaveCount(0);
  await expect(curve).toHaveCount(0);
});
