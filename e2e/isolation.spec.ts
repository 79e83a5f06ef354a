import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { withoutIsolation } from './fixtures/isolation';
import { Studio } from './pages/Studio';

/**
 * A host that does not send the cross-origin isolation headers (a plain static server, most page
 * hosts): the page has no shared memory and no helper workers, and everything still works, one
 * thread doing the work.
 */
test('without cross-origin isolation the studio reads, profiles, trains and tunes on one thread', async ({ page }) => {
  test.setTimeout(120_000);
  await withoutIsolation(page);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'knn');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  // The reason is in the header's compute details, which cover the step tabs while open.
  await studio.backend();
  await expect(page.getByText(/page not cross-origin isolated/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText(/page not cross-origin isolated/)).toBeHidden();
  await studio.train.trainAndWait();
  await page.getByText('Search settings', { exact: true }).click();
  await page.getByLabel('Trials', { exact: true }).fill('4');
  await page.getByLabel('Cross-validation folds').fill('3');
  await page.getByRole('button', { name: 'Tune k nearest neighbours' }).click();
  await expect(page.getByText(/^Done in [\d.]+ s: tried 4 candidates, best /)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Tuning trials' }).locator('tbody tr')).toHaveCount(4);
});
