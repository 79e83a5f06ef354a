import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { csvFile, penguinsWithoutSpecies, samplePath } from './fixtures/files';
import { RunHistory } from './pages/RunHistory';
import { Studio } from './pages/Studio';

// Issue 12, points 6 and 10: the answer first, row actions in view, numbers at a readable precision,
// labels that follow the choices, reasons beside disabled buttons, a confirmation, a readable heatmap.
test.use({ viewport: { width: 1280, height: 800 } });

/** Screenshots of the changed screens, at 1280×800 (full page), for a person to look at. */
async function shot(page: Page, name: string, testInfo: { outputPath: (n: string) => string }): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/**
 * Iris scaled as scikit-learn's diabetes table is (centred, divided by sd·√n), written with every
 * digit: the columns' means are zero up to rounding (about 1e-17), which the profile printed as such.
 */
function scaledIris(): string {
  const lines = readFileSync(samplePath('iris.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1).map((l) => l.split(','));
  const cols = [0, 1, 2, 3].map((j) => rows.map((r) => Number(r[j])));
  const scaled = cols.map((xs) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const norm = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0));
    return xs.map((x) => String((x - mean) / norm));
  });
  const out = ['sepal_length,sepal_width,petal_length,petal_width,species'];
  rows.forEach((r, i) => out.push([...scaled.map((c) => c[i]), r[4]].join(',')));
  return out.join('\n') + '\n';
}

/** Whether a control lies inside the 1280-px window and inside the scroll box around its table (not clipped). */
async function expectInView(control: Locator, box: Locator): Promise<void> {
  const b = await control.boundingBox();
  const clip = await box.boundingBox();
  expect(b && clip).toBeTruthy();
  expect(b!.x).toBeGreaterThanOrEqual(Math.max(0, clip!.x) - 0.5);
  expect(b!.x + b!.width).toBeLessThanOrEqual(Math.min(1280, clip!.x + clip!.width) + 0.5);
}

test('Data: statistics at a readable precision, a one-line missing note, a heatmap with values and a colour scale', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.data.upload(csvFile('scaled-iris.csv', scaledIris()));
  await studio.data.profile();
  const profile = page.getByRole('table', { name: 'Column profile' });
  const sepal = profile.getByRole('row', { name: /^sepal_length/ });
  // A mean of 1e-17 on a column spread over ±0.2 is zero; the skew has three significant figures.
  await expect(sepal).toContainText('mean 0 ·');
  await expect(sepal).toContainText('skew 0.315');
  await expect(sepal).toContainText('sd 0.0819');
  await expect(profile).not.toContainText(/e-\d/);

  // No missing values: one line, not an empty card.
  await expect(page.getByText('No missing values in any column.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Missing values' })).toHaveCount(0);

  // The heatmap prints its values and has a colour scale with its range.
  const heatmap = page.getByLabel('Correlation matrix', { exact: true });
  await expect(heatmap).toBeVisible();
  await expect(heatmap.getByText('0.96', { exact: true }).first()).toBeVisible();
  await expect(heatmap.getByText('−0.43', { exact: true }).first()).toBeVisible();
  // The printed values are inside an image: a screen reader gets them as a table.
  await page.getByText('Show the values as a table').click();
  await expect(page.getByRole('table', { name: 'Correlation matrix: values' }).getByRole('row', { name: /^petal_length/ })).toContainText('0.96');
  await page.getByText('Show the values as a table').click();
  const legend = page.getByRole('img', { name: /^Colour scale: −1 .* to 1 / });
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('−1');
  await expect(legend).toContainText('0');
  await expect(legend).toContainText('1');
  await shot(page, '1-data', testInfo);
  await heatmap.locator('xpath=..').screenshot({ path: testInfo.outputPath('1-heatmap.png') });

  // With missing values the chart comes back beside the heatmap, and the note goes.
  await studio.data.loadSample(/Palmer penguins/);
  await expect(page.getByRole('heading', { name: 'Missing values' })).toBeVisible();
  await expect(page.getByText('No missing values in any column.')).toHaveCount(0);
  await expect(page.getByLabel('Correlation matrix', { exact: true }).getByText('0.87', { exact: true }).first()).toBeVisible();
  await page.getByRole('heading', { name: 'Correlations' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('1-data-penguins.png') });
});

test('a heatmap too large to print its values in the cells offers them as a table', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.open();
  // 24 columns: x0 and its multiples (r = 1), and noise-like columns.
  const names = Array.from({ length: 24 }, (_, j) => `c${j}`);
  const rows = Array.from({ length: 60 }, (_, i) => names.map((_, j) => (j === 1 ? 2 : 1) * (((i * ((j === 1 ? 0 : j) + 3) * 7919) % 97) + (j === 1 ? 0 : j))).join(','));
  await studio.data.upload(csvFile('wide.csv', [names.join(','), ...rows].join('\n') + '\n'));
  await studio.data.profile();
  const heatmap = page.getByLabel('Correlation matrix', { exact: true });
  await expect(heatmap).toBeVisible();
  await expect(heatmap.locator('text.heat-value')).toHaveCount(0);
  await page.getByText('Show the values as a table').click();
  const table = page.getByRole('table', { name: 'Correlation matrix: values' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /^c0 / }).getByRole('cell').nth(1)).toHaveText('1.00');
  await page.getByRole('heading', { name: 'Correlations' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('1-data-wide.png') });
});

test('Prepare: the constant field appears only when the strategy is Constant', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species');
  await studio.step('Prepare');
  const fill = page.getByRole('group', { name: /^Step \d+: Fill missing values$/ });
  await fill.getByRole('button', { name: /Fill missing values/ }).click();
  await expect(fill.getByRole('combobox', { name: 'Numbers' })).toHaveValue('mean');
  await expect(fill.getByLabel('Constant for numbers')).toHaveCount(0);
  await fill.getByRole('combobox', { name: 'Numbers' }).selectOption('constant');
  await expect(fill.getByLabel('Constant for numbers')).toBeVisible();
  await shot(page, '2-prepare', testInfo);
  await fill.getByRole('combobox', { name: 'Numbers' }).selectOption('median');
  await expect(fill.getByLabel('Constant for numbers')).toHaveCount(0);
});

test('Export: the TF.js reason for a tree, a confirmation of what was saved, the predictions answer first', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.step('Export');
  const tfjs = page.getByRole('button', { name: 'Download TF.js model' });
  await expect(tfjs).toBeDisabled();
  await expect(tfjs).toHaveAccessibleDescription(/only neural networks and linear models/i);
  await expect(page.getByText(/^Only neural networks and linear models export to TF\.js/)).toBeVisible();

  const download = await studio.export.download('Export model');
  const size = readFileSync((await download.path())!).length;
  const status = page.getByRole('status').filter({ hasText: /^Saved / });
  await expect(status).toHaveText(new RegExp(`^Saved ${download.suggestedFilename().replace(/\./g, '\\.')} \\(${(size / 1024).toFixed(1)} KB\\)`));

  await studio.export.predict(csvFile('new-penguins.csv', penguinsWithoutSpecies()));
  const table = await studio.export.predictionsTable();
  expect(table.columns.slice(0, 4)).toEqual(['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
  expect(table.columns[4]).toBe('island');
  expect(table.rows[0][0]).toBe('Adelie');
  await shot(page, '4-export', testInfo);
  // The downloaded file keeps the order of `sapling predict`: the inputs, then the answers.
  const csv = readFileSync((await studio.export.download('Download predictions').then((d) => d.path()))!, 'utf8');
  expect(csv.split('\n')[0]).toMatch(/^island,.*,prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo$/);
});

test('the leaderboard and the run history keep their row actions in view at 1280 px', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'auto');
  await studio.train.setParam('Tuning trials per model', '2');
  await studio.train.setParam('Cross-validation folds', '3');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  const board = page.getByRole('table', { name: 'Leaderboard' });
  await expect(board).toBeVisible();
  const buttons = board.getByRole('button', { name: /^Train / });
  expect(await buttons.count()).toBeGreaterThanOrEqual(5);
  const scroll = board.locator('xpath=..');
  for (const b of await buttons.all()) await expectInView(b, scroll);
  await board.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('3-leaderboard.png') });

  const history = new RunHistory(page);
  await history.open();
  const runs = history.panel().getByRole('table', { name: 'Runs' });
  for (const name of [/^Re-run /, /^Delete /]) await expectInView(runs.getByRole('button', { name }).first(), runs.locator('xpath=..'));
  await page.screenshot({ path: testInfo.outputPath('5-history.png') });
});
