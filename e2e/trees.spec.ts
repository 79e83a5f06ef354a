import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

const COLUMNS = /bill_length_mm|bill_depth_mm|flipper_length_mm|body_mass_g|island|sex|year/;

test('a decision tree is drawn with rules in the data’s terms, zooms, and says what it relies on', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.data.upload(samplePath('penguins.csv'));
  await studio.data.profile();
  await studio.step('Problem');
  await studio.problem.chooseTarget('species');
  await studio.step('Train');
  // The picker is drawn from the model catalog: every classifier is offered.
  const offered = await page.getByRole('combobox', { name: 'Model' }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(expect.arrayContaining(['logistic', 'mlp', 'tree', 'forest', 'gbdt', 'knn', 'naive-bayes', 'svm']));
  await studio.train.chooseModel('tree');
  await studio.train.setParam('Maximum depth', '3');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  const diagram = studio.evaluate.treeDiagram(/^The decision tree: \d+ leaves, 3 levels deep$/);
  await expect(diagram).toBeVisible();
  // Rules name real columns in their own units, not standardised model inputs.
  const rule = diagram.locator('.tree-node:not(.leaf) .node-title').first();
  await expect(rule).toHaveText(COLUMNS);
  await expect(rule).toHaveText(/ ≤ \d{2,}(\.\d+)?\?$| = [A-Za-z]+\?$/);
  await expect(diagram).toContainText('Adelie');
  await page.getByText('The rules as text').click();
  await expect(page.getByRole('list', { name: 'Tree rules' })).toContainText(/→ Gentoo/);

  const before = await studio.evaluate.zoomLevel();
  await studio.evaluate.zoom('in');
  await expect.poll(() => studio.evaluate.zoomLevel()).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Reset view' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => studio.evaluate.zoomLevel()).toBe(before);

  await expect(page.getByRole('heading', { name: 'What the model relies on' })).toBeVisible();
  const importance = await studio.evaluate.importance();
  expect(importance.length).toBeGreaterThan(0);
  expect(importance[0].feature).toMatch(COLUMNS);
  expect(importance[0].value).toMatch(/^\d+(\.\d)?%$/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath('tree-evaluate.png'), fullPage: true });
});

test('gradient boosting streams its loss round by round and shows it on Evaluate', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'gbdt');
  await studio.train.trainAndWait();
  const trainChart = page.getByRole('img', { name: 'Loss per round' });
  await expect(trainChart).toBeVisible();
  await expect(trainChart).toContainText('validation loss');
  await page.screenshot({ path: testInfo.outputPath('gbdt-train.png'), fullPage: true });

  await studio.step('Evaluate');
  await expect(page.getByRole('img', { name: 'Loss per round' })).toBeVisible();
  await expect(studio.evaluate.treeDiagram(/^Round 1 of \d+, class Adelie/)).toBeVisible();
  await page.getByRole('button', { name: 'Next tree' }).click();
  await expect(studio.evaluate.treeDiagram(/^Round 1 of \d+, class Chinstrap/)).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath('gbdt-evaluate.png'), fullPage: true });
});
