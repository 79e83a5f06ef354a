import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { RunHistory } from './pages/RunHistory';
import { Studio } from './pages/Studio';

test('tuning a model: a live table of trials, the best marked, its settings in the form and on Evaluate', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'knn');
  await expect(page.getByRole('heading', { name: 'Tune the settings' })).toBeVisible();
  await page.getByText('Search settings', { exact: true }).click();
  await page.getByLabel('Search', { exact: true }).selectOption('grid');
  await page.getByLabel('Trials', { exact: true }).fill('6');
  await page.getByLabel('Cross-validation folds').fill('3');
  await page.getByRole('button', { name: 'Tune k nearest neighbours' }).click();
  await expect(page.getByText(/^Done in [\d.]+ s: /)).toBeVisible({ timeout: 120_000 });

  const table = page.getByRole('table', { name: 'Tuning trials' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(6);
  // The first trial is the settings the person had; the best is marked once, and no trial beats it.
  await expect(rows.first().getByRole('rowheader')).toHaveText(/^1(best)?$/);
  await expect(rows.first().getByRole('cell').first()).toHaveText('as set');
  await expect(table.getByText('best', { exact: true })).toHaveCount(1);
  const scoreColumn = await table.getByRole('columnheader').allTextContents();
  const at = scoreColumn.indexOf('Accuracy ± spread');
  expect(at).toBeGreaterThan(0);
  const scores = (await rows.locator(`td:nth-of-type(${at})`).allTextContents()).map((t) => Number(t.split('±')[0]));
  const bestRow = rows.filter({ hasText: 'best' });
  const best = Number((await bestRow.locator(`td:nth-of-type(${at})`).textContent())!.split('±')[0]);
  expect(best).toBe(Math.max(...scores));
  await expect(page.getByRole('img', { name: /^Accuracy of each trial \(dots\) and the best so far \(line\)/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('tuning-train.png'), fullPage: true });

  // The best settings fill the model's form: the Neighbours field shows the best trial's k.
  const header = await table.getByRole('columnheader').allTextContents();
  const kAt = header.indexOf('Neighbours (k)');
  expect(kAt).toBeGreaterThan(0);
  const bestK = (await bestRow.locator(`td:nth-of-type(${kAt})`).textContent())!;
  if (bestK !== 'as set') {
    await page.getByText('Settings', { exact: true }).click();
    await expect(page.getByLabel('Neighbours (k)', { exact: true })).toHaveValue(bestK);
  }

  await studio.step('Evaluate');
  await expect(page.getByRole('heading', { name: 'How the settings were tuned' })).toBeVisible();
  await expect(page.getByText(/^Grid search over Neighbours \(k\), Votes, Distance, each candidate scored by 3-fold cross-validation/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Tuning trials' }).locator('tbody tr')).toHaveCount(6);

  // The tuning is in the run history, as a tuned k-NN.
  const history = new RunHistory(page);
  await history.open();
  await expect(history.rows().first()).toContainText('k nearest neighbours, tuned');
});

test('a tuning can be cancelled; the model and its settings stay as they were', async ({ page }) => {
  test.setTimeout(120_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'forest');
  await page.getByText('Search settings', { exact: true }).click();
  await page.getByLabel('Trials', { exact: true }).fill('200');
  await page.getByRole('button', { name: 'Tune Random forest' }).click();
  // Cancel once the first trials are in the table.
  await expect(page.getByRole('table', { name: 'Tuning trials' }).locator('tbody tr').nth(1)).toBeVisible({ timeout: 60_000 });
  await studio.train.cancelButton().click();
  await expect(page.getByText('Tuning cancelled; nothing was changed.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Tune Random forest' })).toBeEnabled();
  await expect(studio.train.trainButton()).toBeEnabled();
});
