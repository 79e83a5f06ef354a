import { type Page, expect, test } from '@playwright/test';
import { type Finding, describe, scan } from './fixtures/axe';
import { csvFile, penguinsWithoutSpecies } from './fixtures/files';
import { RunHistory } from './pages/RunHistory';
import { Studio } from './pages/Studio';

/**
 * axe-core over every step of the studio, with its disclosures opened and its analyses drawn:
 * no serious or critical violation anywhere (colour contrast, landmarks, roles, names).
 * Findings are collected over the whole walk and printed together, so one run lists all there is to fix.
 */

/** Opens every closed disclosure (settings, read options, "Show data as a table"…) so its content is scanned too. */
async function openDisclosures(page: Page): Promise<void> {
  const closed = page.locator('details:not([open]) > summary');
  for (let n = await closed.count(); n > 0; n = await closed.count()) {
    await closed.first().click();
    if ((await closed.count()) >= n) break;
  }
}

async function check(page: Page, where: string, found: Finding[]): Promise<void> {
  await openDisclosures(page);
  found.push(...(await scan(page, where)));
}

function report(found: readonly Finding[]): void {
  const nodes = found.reduce((a, f) => a + f.nodes.length, 0);
  console.log(`axe: ${found.length} violations (serious, critical, or a landmark/role rule), ${nodes} nodes${found.length ? `\n${describe(found)}` : ''}`);
  expect(found.map((f) => `${f.where}: ${f.id}`), describe(found)).toEqual([]);
}

test('every step of a supervised run, its analyses, the prediction and the run history pass axe', async ({ page }) => {
  test.setTimeout(240_000);
  const studio = new Studio(page);
  const found: Finding[] = [];
  await studio.open();
  await check(page, 'Data (empty)', found);

  await studio.data.loadSample(/Palmer penguins/);
  await studio.data.profile();
  await check(page, 'Data', found);

  await studio.step('Problem');
  await studio.problem.chooseTarget('species');
  await expect(page.getByRole('combobox', { name: 'Task' })).toContainText('Multiclass');
  await check(page, 'Problem', found);

  await studio.step('Prepare');
  await check(page, 'Prepare', found);

  await studio.step('Train');
  await studio.train.trainAndWait();
  await check(page, 'Train', found);
  // A short tuning: its trials chart and table.
  await page.getByLabel('Trials', { exact: true }).fill('4');
  await page.getByLabel('Cross-validation folds').fill('3');
  await page.getByRole('button', { name: 'Tune Logistic regression' }).click();
  await expect(page.getByRole('table', { name: 'Tuning trials' }).locator('tbody tr')).toHaveCount(4, { timeout: 120_000 });
  await expect(studio.train.doneMessage()).toBeVisible({ timeout: 120_000 });
  await check(page, 'Train (tuned)', found);

  await studio.step('Evaluate');
  await page.getByRole('button', { name: 'Measure permutation importance' }).click();
  await expect(page.getByRole('table', { name: 'Permutation importance' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Draw the learning curve by training size' }).click();
  await expect(page.getByRole('img', { name: /^Scores by training-set size/ })).toBeVisible({ timeout: 90_000 });
  await check(page, 'Evaluate', found);

  await studio.step('Export');
  await studio.export.predict(csvFile('new-penguins.csv', penguinsWithoutSpecies()));
  await page.getByRole('button', { name: 'Why row 1?' }).click();
  await expect(page.getByRole('region', { name: /^Why row 1:/ })).toBeVisible();
  await check(page, 'Export', found);

  // A second run (a tree: its diagram on Evaluate), then the history panel and the comparison of the two.
  await studio.step('Train');
  await studio.train.chooseModel('tree');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await expect(studio.evaluate.treeDiagram()).toBeVisible();
  await check(page, 'Evaluate (tree)', found);
  const history = new RunHistory(page);
  await history.open();
  await check(page, 'Run history', found);
  await history.compare(0, 1);
  await check(page, 'Run comparison', found);

  report(found);
});

test('an unsupervised run (clusters) passes axe on Train, Evaluate and Export', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  const found: Finding[] = [];
  await studio.open();
  await studio.data.loadSample(/Palmer penguins/);
  await studio.data.profile();
  await studio.step('Problem');
  await studio.problem.chooseNoTarget('clustering');
  await check(page, 'Problem (no target)', found);
  await studio.step('Train');
  await studio.train.setParam('Clusters (k)', '3');
  await studio.train.trainAndWait();
  await check(page, 'Train (k-means)', found);
  await studio.step('Evaluate');
  await expect(page.getByRole('img', { name: 'Silhouette by k' })).toBeVisible();
  await check(page, 'Evaluate (clusters)', found);
  await studio.step('Export');
  await check(page, 'Export (clusters)', found);
  report(found);
});
