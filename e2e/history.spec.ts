import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { csvFile, samplePath } from './fixtures/files';
import { RunHistory } from './pages/RunHistory';
import { Studio, downloadText } from './pages/Studio';

test('run history: kept across reloads, compared, re-run to the same figures, deleted, exported and imported', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const studio = new Studio(page);
  const history = new RunHistory(page);
  await studio.withTarget(samplePath('iris.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.train.chooseModel('knn');
  await studio.train.trainAndWait();

  await expect(history.toggle()).toHaveAccessibleName('Run history (2)');
  await history.open();
  await expect(history.rows()).toHaveCount(2);
  await expect(history.rows().nth(0).getByRole('rowheader')).toContainText('k nearest neighbours');
  await expect(history.rows().nth(1).getByRole('rowheader')).toContainText('Decision tree');
  await expect(history.rows().nth(0)).toContainText('iris.csv');
  await expect(history.rows().nth(0)).toContainText('Done');

  // Kept in the browser: a reload brings them back.
  await page.reload();
  await expect(page.getByTestId('backend-summary')).toBeVisible({ timeout: 60_000 });
  await expect(history.toggle()).toHaveAccessibleName('Run history (2)');
  await history.open();
  await expect(history.rows()).toHaveCount(2);
  await page.screenshot({ path: '/tmp/h2-panel.png' });

  // Side by side: the model differs, the data and seed do not.
  await history.compare(0, 1);
  const model = await history.comparisonGroup('Model');
  expect(model.Model.slice(0, 2)).toEqual(['Decision tree', 'k nearest neighbours']);
  await expect(history.panel().getByRole('row', { name: /^Model \(differs\)/ })).toBeVisible();
  expect((await history.comparisonGroup('Run')).Seed).toEqual(['42', '42', '']);
  expect((await history.comparisonGroup('Test metrics')).Accuracy).toHaveLength(3);
  // Runs are judged by test figures only: training figures differ (a tree is perfect on its own
  // rows, k-NN is not) and show the difference, but never name a better run.
  const training = Object.entries(await history.comparisonGroup('Training metrics'));
  expect(training.some(([, [, , difference]]) => difference !== 'same')).toBe(true);
  for (const [name, [, , difference]] of training) expect(difference, name).not.toMatch(/better/);
  await page.screenshot({ path: '/tmp/h2-compare.png', fullPage: true });
  await page.screenshot({ path: testInfo.outputPath('history-comparison.png'), fullPage: true });
  await history.closeComparison();
  for (const i of [0, 1]) await history.rows().nth(i).getByRole('checkbox').uncheck();

  // Re-running needs the same data: none is loaded after the reload.
  await history.rerun(1);
  await expect(studio.alerts().filter({ hasText: 'This run needs the data it was trained on: iris.csv (150 rows, 5 columns). No data is loaded' })).toBeVisible();
  await studio.alerts().getByRole('button', { name: 'Dismiss error' }).click();
  await studio.data.upload(samplePath('iris.csv'));
  await studio.data.profile();
  await history.open();
  await history.rerun(1);
  // The panel closes for Train, and focus goes back to its header button (as closing it does).
  await expect(history.panel()).toBeHidden();
  await expect(history.toggle()).toBeFocused();
  await expect(page.getByRole('tab', { name: /Train/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('tree');
  await expect(page.getByText(/^Done in /)).toBeVisible({ timeout: 60_000 });

  // The same recipe, data and seed gave the same figures.
  await expect(history.toggle()).toHaveAccessibleName('Run history (3)');
  await history.open();
  await expect(history.rows().nth(0).getByRole('rowheader')).toContainText('Decision tree');
  await history.compare(0, 2);
  const metrics = await history.comparisonGroup('Test metrics');
  expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['Accuracy', 'F1 (macro)', 'Log loss']));
  for (const [name, [a, b, difference]] of Object.entries(metrics)) {
    expect(a, name).toBe(b);
    expect(difference, name).toBe('same');
  }
  for (const group of ['Data', 'Problem', 'Recipe', 'Model']) {
    for (const [name, [a, b]] of Object.entries(await history.comparisonGroup(group))) expect(a, `${group}: ${name}`).toBe(b);
  }
  await history.panel().getByRole('checkbox', { name: 'Only differences' }).check();
  await page.screenshot({ path: '/tmp/h2-compare-rerun.png', fullPage: true });
  await history.closeComparison();

  // Delete one (with Undo): the focused row goes, and focus moves to Undo, not to the page.
  await history.delete(1);
  await expect(history.rows()).toHaveCount(2);
  await expect(history.notice()).toContainText('Deleted the k nearest neighbours run of');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.screenshot({ path: '/tmp/h2-undo.png' });
  await page.keyboard.press('Enter');
  await expect(history.rows()).toHaveCount(3);
  await expect(history.notice()).toContainText('Put back 1 run.');
  await expect(page.getByRole('heading', { name: 'Run history' })).toBeFocused();
  await history.delete(1);
  await expect(history.rows()).toHaveCount(2);
  await expect(history.toggle()).toHaveAccessibleName('Run history (2)');

  // Export, clear, import: the runs come back.
  const download = await history.exportProject();
  expect(download.suggestedFilename()).toBe('sapling-project.json');
  const text = await downloadText(download);
  const project = JSON.parse(text);
  expect(project).toMatchObject({ format: 'sapling-project', version: 1 });
  expect(project.runs).toHaveLength(2);
  const exported = testInfo.outputPath('sapling-project.json');
  await download.saveAs(exported);
  await history.clear();
  await expect(history.panel().getByText(/^No runs yet/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expect(history.toggle()).toHaveAccessibleName('Run history (0)');
  await history.importProject(exported);
  await expect(history.rows()).toHaveCount(2);
  await expect(history.notice()).toContainText('Imported sapling-project.json: 2 runs added');
  // Importing again adds nothing: runs are merged by id.
  await history.importProject(exported);
  await expect(history.notice()).toContainText('0 runs added, 2 already here');
  await expect(history.rows()).toHaveCount(2);

  // A broken file and one from a newer Sapling are refused with a clear error; nothing is lost.
  const broken = JSON.parse(readFileSync(exported, 'utf8'));
  broken.runs[1].seed = 'forty-two';
  await history.importProject(csvFile('broken.json', JSON.stringify(broken)));
  await expect(studio.alerts().filter({ hasText: 'Could not import broken.json: runs[1].seed is not a number' })).toBeVisible();
  await history.importProject(csvFile('future.json', JSON.stringify({ ...broken, version: 2 })));
  await expect(studio.alerts().filter({ hasText: 'made by a newer Sapling, version 2; this one reads up to 1' })).toBeVisible();
  await history.importProject(csvFile('notes.json', 'not json'));
  await expect(studio.alerts().filter({ hasText: 'Could not import notes.json: not a Sapling project file: it is not valid JSON' })).toBeVisible();
  await expect(history.rows()).toHaveCount(2);

  // The imported runs were kept in the browser too.
  await page.reload();
  await expect(history.toggle()).toHaveAccessibleName('Run history (2)', { timeout: 60_000 });
});

test('without IndexedDB, runs are kept for the page, the person is told once and offered the project file', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const studio = new Studio(page);
  const history = new RunHistory(page);
  await studio.withTarget(samplePath('iris.csv'), 'species', 'tree');
  const notice = studio.alerts().filter({ hasText: 'The run history cannot be saved in this browser (The user denied permission to access the database.): runs are kept in memory only and will be lost when the page is reloaded.' });
  await expect(notice).toHaveCount(1);
  await studio.train.trainAndWait();
  await studio.train.chooseModel('knn');
  await studio.train.trainAndWait();
  await expect(history.toggle()).toHaveAccessibleName('Run history (2)');
  await expect(notice).toHaveCount(1);
  // The panel opens and closes from the keyboard; focus goes back to its button.
  await history.toggle().focus();
  await page.keyboard.press('Enter');
  await expect(history.panel()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Run history' })).toBeFocused();
  await expect(history.rows()).toHaveCount(2);
  // The panel says so too, and offers the project file.
  await expect(history.memoryNote()).toContainText('runs are kept in memory only and will be lost when the page is reloaded or closed');
  const [download] = await Promise.all([page.waitForEvent('download'), history.memoryNote().getByRole('button', { name: 'Export project now' }).click()]);
  expect(download.suggestedFilename()).toBe('sapling-project.json');
  await expect(history.notice()).toHaveText('Exported 2 runs as sapling-project.json.');
  await page.screenshot({ path: testInfo.outputPath('history-in-memory.png'), fullPage: true });
  await history.memoryNote().getByRole('button', { name: 'Export project now' }).focus();
  await page.keyboard.press('Escape');
  await expect(history.panel()).toBeHidden();
  await expect(history.toggle()).toBeFocused();
  await expect(history.toggle()).toHaveAttribute('aria-expanded', 'false');
});

test('runs deleted while the history could not be saved do not come back after a reload', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const studio = new Studio(page);
  const history = new RunHistory(page);
  await studio.withTarget(samplePath('iris.csv'), 'species', 'tree');
  for (const model of ['tree', 'knn', 'naive-bayes']) {
    await studio.train.chooseModel(model);
    await studio.train.trainAndWait();
  }
  await expect(history.toggle()).toHaveAccessibleName('Run history (3)');
  await history.open();
  await expect(history.memoryNote()).toHaveCount(0);
  const names = await history.rows().allTextContents();

  // Now the browser refuses to write (storage full): the history falls back to memory.
  await page.evaluate(() => {
    IDBObjectStore.prototype.delete = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await history.delete(0);
  await expect(studio.alerts().filter({ hasText: 'The run history cannot be saved in this browser (The quota has been exceeded.): runs are kept in memory only' })).toHaveCount(1);
  await expect(history.memoryNote()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('history-fallen-back.png'), fullPage: true });
  await history.delete(0);
  await expect(history.rows()).toHaveCount(1);

  // Reloaded, with a browser that writes again: the two deleted runs stay deleted.
  await page.reload();
  await expect(history.toggle()).toHaveAccessibleName('Run history (1)', { timeout: 60_000 });
  await history.open();
  await expect(history.rows()).toHaveText([names[2]]);
  await expect(history.memoryNote()).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('sapling.deletedRuns'))).toBeNull();
  // And once more: IndexedDB itself no longer holds them.
  await page.reload();
  await expect(history.toggle()).toHaveAccessibleName('Run history (1)', { timeout: 60_000 });
});
