import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

test('Auto compares the models, says why it chose one, and any model of its leaderboard trains from there', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'auto');
  // Two trials per leader instead of the clock: every model compared, the leaders tuned on any machine.
  await studio.train.setParam('Tuning trials per model', '2');
  await studio.train.setParam('Cross-validation folds', '3');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  await expect(page.getByRole('heading', { name: 'How Auto chose' })).toBeVisible();
  // Plain words first; the figures one click away.
  await expect(page.getByText(/^Auto chose [A-Z][^:]+: it predicted about \d+% of held-back rows right, /)).toBeVisible();
  await page.getByText('The figures behind the choice').click();
  await expect(page.getByText(/(with its default settings|tuned \(.+\)): .*cross-validated accuracy \d\.\d{4} ± \d\.\d{4} over 3 folds/)).toBeVisible();
  await expect(page.getByText(/\(2 tuning trials per model, no clock\)\. Click a heading to sort\.$/)).toBeVisible();
  // The leaders' tuned bests were scored again on fresh folds, and the page gives both scores.
  await expect(page.getByText(/scored again on fresh folds before it competed: [a-z].* \d\.\d+ in the search, \d\.\d+ afresh; [a-z].* \d\.\d+ in the search, \d\.\d+ afresh\.$/)).toBeVisible();
  const board = page.getByRole('table', { name: 'Leaderboard' });
  const rows = board.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  await expect(board.getByText(/chosen/)).toHaveCount(1);
  // Sorted by accuracy, best first: the first row's accuracy is the highest.
  const accuracies = (await rows.locator('td:nth-of-type(1)').allTextContents()).map((t) => Number(t.split('±')[0].trim()));
  expect(accuracies[0]).toBe(Math.max(...accuracies.filter((a) => !Number.isNaN(a))));
  // Sorting by seconds puts the quickest first.
  await board.getByRole('button', { name: 'Seconds' }).click();
  const seconds = (await rows.locator('td:nth-last-of-type(2)').allTextContents()).map(Number);
  expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
  await page.screenshot({ path: testInfo.outputPath('auto-evaluate.png'), fullPage: true });

  // Any row trains that model with its defaults.
  await board.getByRole('button', { name: 'Train Decision tree' }).click();
  await expect(page.getByRole('tab', { name: /Train/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/^Done in [\d.]+ s: /)).toBeVisible({ timeout: 60_000 });
  await studio.step('Evaluate');
  await expect(page.getByText(/^Decision tree predicting “species”/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How Auto chose' })).toHaveCount(0);
});

test('Auto under a time budget says how far it got in that budget', async ({ page }) => {
  test.setTimeout(120_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('iris.csv'), 'species', 'auto');
  await studio.train.setParam('Time budget (seconds)', '5');
  await studio.train.setParam('Cross-validation folds', '3');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await expect(page.getByRole('heading', { name: 'How Auto chose' })).toBeVisible();
  // The help names the budget (not a trial count) and what the clock allowed.
  await expect(page.getByText(/(compared \d+ families(, tuned the best \d)?|the budget ran out before .+ could be compared)[^.]* \(budget 5 s\)\. Click a heading to sort\.$/i)).toBeVisible();
  expect(await page.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
});

test('Auto says while it runs which model it is trying, and at the end which won, its score, why, and where its leaderboard is', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'auto');
  await studio.train.setParam('Tuning trials per model', '2');
  await studio.train.setParam('Cross-validation folds', '3');
  await studio.train.trainButton().click();
  // While it runs: the model being tried (and, once one is scored, the best so far).
  await expect(page.getByText(/Trying (tuned settings of )?[A-Z]/).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Trying .*; best so far [A-Z][^,]*, accuracy \d\.\d{4}/).first()).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('auto-running.png') });

  const done = studio.train.doneMessage();
  await expect(done).toBeVisible({ timeout: 120_000 });
  // One plain sentence first; the figures and the reasoning in a disclosure.
  await expect(done.locator('strong')).toHaveText(/^Auto chose [A-Z][^:]+: it predicted about \d+% of held-back rows right, (the best of the \d+ models compared|no model Auto tried did clearly better, and this one is simpler)\.$/);
  await expect(done.getByText(/cross-validated accuracy/)).toBeHidden();
  const figures = done.getByRole('button', { name: 'The figures behind the choice' });
  await figures.click();
  await expect(figures).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`#${await figures.getAttribute('aria-controls')}`)).toHaveText(/^(With its default settings|With tuned settings|Averaging the leading models): cross-validated accuracy \d\.\d{4} ± \d\.\d{4} over 3 folds of the training rows\. .*Why: .+\./);
  await expect(done).toContainText(/Its final training on all training rows: Done in [\d.]+ s: /);
  const winner = /^Auto chose ([^:]+):/.exec((await done.textContent()) ?? '')![1];
  await page.screenshot({ path: testInfo.outputPath('auto-done.png') });

  // The link opens Evaluate at the leaderboard, whose chosen row is the model the message named.
  await done.getByRole('button', { name: 'See how Auto chose (leaderboard)' }).click();
  await expect(page.getByRole('tab', { name: /Evaluate/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'How Auto chose' })).toBeInViewport();
  const chosen = page.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr.chosen th');
  await expect(chosen).toHaveText(new RegExp(`^${winner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}chosen`));
  await page.screenshot({ path: testInfo.outputPath('auto-leaderboard.png') });
});
