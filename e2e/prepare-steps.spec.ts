import { type Page, expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

/**
 * Prepare's recipe as an ordered step list (issue 15): a step added twice, reordered by its Move
 * buttons, the resulting columns' count and lineage following each change, an error pinned on the
 * step that raised it, the first rows after the recipe, and the prepared data set downloaded with
 * the columns the model sees as its header.
 */

const count = (page: Page) => page.locator('.result-count');
const step = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Step ${n}: `) });

test('steps are added twice, reordered and previewed; the prepared CSV has the columns the model sees', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species');
  await studio.step('Prepare');

  // The proposed recipe: island and sex one-hot, five numbers: 10 columns from 7.
  await expect(count(page)).toContainText('10 columns from 7');
  await expect(page.locator('.step-list > li')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Columns the model sees' })).toContainText('island=Dream ← island');

  // Add "Drop columns" from the menu, twice; each opens with its column picker of the columns it receives.
  const addStep = page.getByRole('button', { name: '+ Add a step' });
  await addStep.click();
  await expect(page.getByRole('group', { name: 'Select' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('prepare-add-menu.png') });
  await page.getByRole('group', { name: 'Select' }).getByRole('button', { name: 'Drop columns' }).click();
  await expect(step(page, 4).getByRole('button', { name: /Drop columns/ }).first()).toBeFocused();
  await step(page, 4).getByRole('checkbox', { name: /^island=Dream / }).check();
  await expect(count(page)).toContainText('9 columns from 7');

  await addStep.click();
  await page.getByRole('group', { name: 'Select' }).getByRole('button', { name: 'Drop columns' }).click();
  await step(page, 5).getByRole('checkbox', { name: /^year / }).check();
  await expect(count(page)).toContainText('8 columns from 6');
  await expect(step(page, 5)).toContainText('Columns to drop: year');

  // Move the year step up: it becomes step 4, focus stays on its Move up button; the count is unchanged.
  await step(page, 5).getByRole('button', { name: 'Move up' }).click();
  await expect(step(page, 4)).toContainText('Columns to drop: year');
  await expect(step(page, 5)).toContainText('Columns to drop: island=Dream');
  await expect(step(page, 4).getByRole('button', { name: 'Move up' })).toBeFocused();
  await expect(count(page)).toContainText('8 columns from 6');

  // Dropping island=Dream before one-hot encoding makes it: the step fails, and says so beside itself.
  await step(page, 5).getByRole('button', { name: 'Move up' }).click();
  await step(page, 4).getByRole('button', { name: 'Move up' }).click();
  await expect(step(page, 3)).toContainText('Columns to drop: island=Dream');
  await expect(step(page, 3)).toContainText('This step failed on the sample');
  await expect(step(page, 3)).toContainText('island=Dream');
  await expect(count(page)).toContainText('The recipe stops at a step above');
  await page.screenshot({ path: testInfo.outputPath('prepare-step-error.png') });
  await step(page, 3).getByRole('button', { name: 'Move down' }).click();
  await expect(count(page)).toContainText('8 columns from 6');
  await expect(page.locator('.step-error')).toHaveCount(0);

  // Duplicate, then remove the copy: the count is back where it was.
  await step(page, 5).getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.locator('.step-list > li')).toHaveCount(6);
  await step(page, 6).getByRole('button', { name: /Drop columns/ }).first().click();
  await step(page, 6).getByRole('button', { name: 'Remove' }).click();
  await expect(page.locator('.step-list > li')).toHaveCount(5);

  // The first rows after the recipe: the columns the model sees, without the dropped ones.
  const table = page.getByRole('table', { name: 'Prepared rows' });
  const headers = await table.getByRole('columnheader').allTextContents();
  expect(headers).toHaveLength(8);
  expect(headers).not.toContain('year');
  expect(headers).not.toContain('island=Dream');
  expect(headers).toContain('island=Biscoe');
  await page.getByRole('heading', { name: 'What the model sees' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('prepare-result.png') });
  await page.screenshot({ path: testInfo.outputPath('prepare-full.png'), fullPage: true });

  // The prepared data set: the model's columns by lineage name, then the target; a row per penguin with a species.
  const download = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download prepared data (CSV)' }).click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toBe('penguins-prepared.csv');
  const lines = (await downloadText(download)).trim().split('\n');
  const listed = await page.getByRole('list', { name: 'Columns the model sees' }).locator('.col-name').allTextContents();
  expect(lines[0].split(',')).toEqual([...listed, 'species']);
  expect(lines[0].split(',')).toEqual([...headers, 'species']);
  expect(lines).toHaveLength(1 + 344);
});

test('the step list works from the keyboard: open a step, move it, focus follows', async ({ page }) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species');
  await studio.step('Prepare');
  await expect(count(page)).toContainText('10 columns from 7');
  const head = step(page, 2).getByRole('button', { name: /Scale/ }).first();
  await head.focus();
  await page.keyboard.press('Enter');
  await expect(head).toHaveAttribute('aria-expanded', 'true');
  await step(page, 2).getByRole('button', { name: 'Move down' }).focus();
  await page.keyboard.press('Enter');
  await expect(step(page, 3).getByRole('button', { name: /Scale/ }).first()).toBeVisible();
  await expect(step(page, 3).getByRole('button', { name: 'Move down' })).toBeFocused();
  // The last step cannot move further down: the button says so and does nothing.
  await page.keyboard.press('Enter');
  await expect(step(page, 3).getByRole('button', { name: 'Move down' })).toHaveAttribute('aria-disabled', 'true');
  await expect(step(page, 3)).toContainText('Scale');
  await expect(count(page)).toContainText('10 columns from 7');
});

test('a formula previews its new column as it is typed and points at a mistake; the polynomial step counts its columns first', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species');
  await studio.step('Prepare');
  await expect(count(page)).toContainText('columns from 7');
  const before = Number((await count(page).textContent())!.match(/(\d+) columns/)![1]);

  await page.getByRole('button', { name: '+ Add a step' }).click();
  await page.screenshot({ path: testInfo.outputPath('prepare-add-menu-all.png'), fullPage: true });
  await page.getByRole('group', { name: 'Make columns' }).getByRole('button', { name: 'Formula column' }).click();
  const formula = step(page, 4);
  await formula.getByRole('textbox', { name: 'New column' }).fill('bill_ratio');
  await formula.getByRole('textbox', { name: 'Formula' }).pressSequentially('bill_length_mm / (bill_depth_mm', { delay: 20 });
  // Unfinished: the mistake is said and its place marked in the expression.
  await expect(formula.locator('.formula-mistake')).toBeVisible();
  await expect(formula.locator('.formula-mistake mark')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('prepare-formula-mistake.png') });
  await formula.getByRole('textbox', { name: 'Formula' }).press('End');
  await formula.getByRole('textbox', { name: 'Formula' }).pressSequentially(')');
  await expect(formula.locator('.formula-mistake')).toHaveCount(0);
  await expect(formula).toContainText(/First rows of bill_ratio: -?\d/);
  await expect(count(page)).toContainText(`${before + 1} columns from 7`);
  await expect(page.getByRole('list', { name: 'Columns the model sees' })).toContainText('bill_ratio ← bill_length_mm, bill_depth_mm');
  await page.screenshot({ path: testInfo.outputPath('prepare-formula.png') });

  await page.getByRole('button', { name: '+ Add a step' }).click();
  await page.getByRole('group', { name: 'Make columns' }).getByRole('button', { name: 'Polynomial and interaction features' }).click();
  const poly = step(page, 5);
  await expect(poly.locator('.poly-count')).toContainText(/Makes [\d,]+ columns \(the originals included\) from \d+ columns/);
  await poly.getByRole('spinbutton', { name: 'Degree' }).fill('3');
  await expect(poly.locator('.poly-count')).toContainText(/Makes [\d,]+ columns/);
  await poly.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('prepare-polynomial.png') });
});

test('recursive elimination with cross-validation charts its score against the columns kept, and keeps the count it chose', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species');
  await studio.step('Prepare');
  await expect(count(page)).toContainText('10 columns from 7');
  await page.getByRole('button', { name: '+ Add a step' }).click();
  await page.getByRole('group', { name: 'Select' }).getByRole('button', { name: 'Recursive feature elimination' }).click();
  const rfe = step(page, 4);
  // Plain elimination first: half the columns, no chart.
  await expect(count(page)).toContainText('5 columns from');
  await expect(rfe.getByRole('img', { name: 'Score by number of columns' })).toHaveCount(0);
  await rfe.getByRole('spinbutton', { name: 'Cross-validation folds' }).fill('3');
  await expect(rfe.getByRole('img', { name: 'Score by number of columns' })).toBeVisible();
  const chart = rfe.getByRole('figure').filter({ has: page.getByRole('img', { name: 'Score by number of columns' }) });
  const kept = Number((await chart.locator('figcaption strong').textContent())!);
  expect(kept).toBeGreaterThanOrEqual(1);
  expect(kept).toBeLessThanOrEqual(10);
  await expect(count(page)).toContainText(`${kept} column${kept === 1 ? '' : 's'} from`);
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('prepare-rfe.png') });
  // Its data as a table, from the keyboard like every chart.
  await chart.getByText('Show data as a table').click();
  await expect(chart.getByRole('table')).toContainText('columns kept');
});
