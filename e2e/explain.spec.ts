import { expect, test } from '@playwright/test';
import { csvFile, penguinsWithoutSpecies, samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

test('reading a model: partial dependence on a column, and why each prediction came out as it did (TreeSHAP)', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'gbdt');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');

  await page.getByLabel('Column', { exact: true }).selectOption('flipper_length_mm');
  await page.getByLabel('Probability of').selectOption('Gentoo');
  await page.getByRole('button', { name: 'Draw partial dependence' }).click();
  const chart = page.getByRole('img', { name: /^Partial dependence of the probability of “Gentoo” on flipper_length_mm: / });
  await expect(chart).toBeVisible();
  // Gentoos have the longest flippers: the average probability rises from the shortest to the longest.
  const points = ((await chart.getAttribute('aria-label')) ?? '').split(': ').slice(1).join(': ').split('; ').map((p) => Number(p.split(': ')[1]));
  expect(points.length).toBeGreaterThan(5);
  expect(points[points.length - 1]).toBeGreaterThan(points[0] + 0.2);
  await expect(page.getByText(/of the test rows \(thick line\)/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dependence.png'), fullPage: true });

  // The validation curve over one setting: six learning rates, and the best can go to Train.
  await page.getByLabel('Setting', { exact: true }).selectOption({ label: 'Learning rate' });
  await page.getByRole('button', { name: 'Draw the validation curve' }).click();
  const curve = page.getByRole('img', { name: /^Scores by Learning rate: Learning rate 0\.01, training \d\.\d{4}, validation \d\.\d{4}; / });
  await expect(curve).toBeVisible({ timeout: 60_000 });
  expect(((await curve.getAttribute('aria-label')) ?? '').split('; ')).toHaveLength(6);
  await expect(page.getByText(/^The best validation accuracy, \d\.\d{3} ± \d\.\d{3}, comes at Learning rate = /)).toBeVisible();
  await curve.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('validation-curve.png') });
  const use = page.getByRole('button', { name: /^Use Learning rate = [\d.]+ and go to Train$/ });
  const best = (await use.textContent())!.match(/= ([\d.]+)/)![1];
  await use.click();
  await expect(page.getByRole('tab', { name: /Train/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue(best);
  await studio.step('Evaluate');

  await studio.step('Export');
  await studio.export.predict(csvFile('new-penguins.csv', penguinsWithoutSpecies()));
  const why = await studio.export.why(1);
  expect(why.title).toMatch(/^Why row 1: “Adelie” \(probability 0\.\d{4}\)$/);
  // The pushes add up, from the model's average to this row's score (each shown to 4 significant digits).
  const sum = why.baseline + why.pushes.reduce((a, p) => a + p.value, 0);
  expect(Math.abs(sum - why.output)).toBeLessThan(0.01 + 1e-3 * Math.abs(why.output));
  expect(why.pushes[0].column).toMatch(/ = /);
  await expect(page.getByText(/^Starting from the model’s average, log-odds of “Adelie”|^Starting from the model’s average, class score of “Adelie”/)).toBeVisible();
  await expect(page.getByText(/Exact TreeSHAP/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Why row 1?' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: testInfo.outputPath('why.png'), fullPage: true });
});

test('why a regression prediction came out as it did, by sampled Shapley values, adds up too', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'body_mass_g', 'linear');
  await studio.train.trainAndWait();
  await studio.step('Export');
  await studio.export.predict(samplePath('penguins.csv'));
  const why = await studio.export.why(3);
  expect(why.title).toMatch(/^Why row 3: \d+(\.\d+)?$/);
  const sum = why.baseline + why.pushes.reduce((a, p) => a + p.value, 0);
  expect(Math.abs(sum - why.output)).toBeLessThan(1e-3 * Math.abs(why.output) + 1);
  await expect(page.getByText(/Sampled Shapley values: .* against 64 of the training rows\./)).toBeVisible();
});

test('a validation curve can be stopped while it trains, and drawn again', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'mlp');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await page.getByRole('button', { name: 'Draw the validation curve' }).click();
  await page.getByRole('button', { name: 'Stop drawing the validation curve' }).click();
  // Stopped: nothing drawn, no error, and the button is back.
  await expect(page.getByRole('button', { name: 'Draw the validation curve' })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByRole('img', { name: /^Scores by / })).toHaveCount(0);
  await expect(studio.alerts()).toHaveCount(0);
});
