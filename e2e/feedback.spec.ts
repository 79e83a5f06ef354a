import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/** A frozen model file of Sapling's own (binary boosting on penguins' sex): a tree model, no network. */
const fixture = readFileSync(fileURLToPath(new URL('../src/core/artifact/fixtures/model-v2-gbdt-penguins-sex.json', import.meta.url)), 'utf8');
const modelFile = { name: 'penguins-sex.json', mimeType: 'application/json', buffer: Buffer.from(fixture, 'utf8') };
/** Where the screenshots of this spec go, to be looked at. */
const SHOTS = process.env.SAPLING_SHOTS ?? '/tmp/words-shots';

test.use({ viewport: { width: 1280, height: 800 } });

test('the header says in plain words where models run, the backend one click away', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await expect(page.getByTestId('backend-summary')).toHaveText(/^Runs on this computer’s (processor|graphics card)$/);
  // The jargon (backend names, ms/step, threads, SIMD) is not on screen until asked for.
  await expect(page.locator('header')).not.toContainText(/ms\/step|SIMD|thread|wasm|webgl|webgpu/, { useInnerText: true });
  await expect(page.getByRole('combobox', { name: 'Backend' })).toBeHidden();
  await page.locator('header').screenshot({ path: `${SHOTS}/header.png` });
  const backend = await studio.backend();
  await expect(backend).toBeVisible();
  await expect(page.getByTestId('backend-reason')).toContainText(/fastest|only backend/);
  // What networks train on follows the backend: on the processor, the fused WebAssembly trainer in
  // the relaxed-SIMD form Chromium validates; on WebGL (a software one here), TF.js.
  const active = await page.getByRole('combobox', { name: 'Backend' }).inputValue();
  await expect(page.getByTestId('backend-networks')).toHaveText(
    active === 'webgl' ? 'Neural networks train on TensorFlow.js on WebGL.' : 'Neural networks train on Sapling’s fused trainer, WebAssembly with relaxed SIMD.',
  );
  await page.screenshot({ path: `${SHOTS}/header-details.png` });
});

test('an imported model with no data: Evaluate’s analyses are disabled with the reason read out', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.step('Export');
  await studio.export.importModel(modelFile);
  await expect(page.getByText(/Imported from penguins-sex\.json/)).toBeVisible();
  await studio.step('Evaluate');
  for (const name of ['Measure permutation importance', 'Draw the learning curve by training size', 'Draw the validation curve']) {
    const button = page.getByRole('button', { name });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/(^|\. )No data is loaded: this measures the model on its rows\. Load the data it was trained on in step 1, Data\.$/);
  }
  // Partial dependence also runs on predicted rows: its reason says so.
  await expect(page.getByRole('button', { name: 'Draw partial dependence' })).toHaveAccessibleDescription(/or predict a file on Export/);
  await page.getByRole('button', { name: 'Measure permutation importance' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/disabled-reason.png` });
  await expect(studio.alerts()).toHaveCount(0);
});

test('an action far down the page shows its error beside it, in view, once however often it is clicked', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.step('Export');
  await studio.export.importModel(modelFile);
  await expect(page.getByText(/Imported from penguins-sex\.json/)).toBeVisible();
  // Data the model was not trained on: the measurement can start, and fails (no penguin columns).
  await studio.step('Data');
  await studio.data.upload(samplePath('iris.csv'));
  await studio.data.profile();
  await studio.step('Evaluate');
  const measure = page.getByRole('button', { name: 'Measure permutation importance' });
  await measure.scrollIntoViewIfNeeded();
  const top = await measure.evaluate((b) => b.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeGreaterThan(1500);
  await measure.click();
  const card = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Permutation importance' }) });
  const inline = card.getByRole('alert');
  await expect(inline).toBeVisible();
  await expect(inline).toBeInViewport();
  const message = (await inline.locator('.alert-text').textContent()) ?? '';
  expect(message.length).toBeGreaterThan(5);
  await page.screenshot({ path: `${SHOTS}/inline-error.png` });

  await measure.click();
  await expect(measure).toBeEnabled();
  await measure.click();
  await expect(measure).toBeEnabled();
  // One alert in all (the copy at the top is a note, not a second alert), and one copy at the top.
  await expect(studio.alerts()).toHaveCount(1);
  await expect(page.locator('.alerts .alert').filter({ hasText: message })).toHaveCount(1);
  await expect(inline).toBeInViewport();
  // Dismissed beside the control, it is gone from the top too.
  await inline.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(page.locator('.alert')).toHaveCount(0);
});

test('Export’s help for a tree says what the file is for in plain words, and nothing of TF.js', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.step('Export');
  await studio.export.importModel(modelFile);
  await expect(page.getByText(/Imported from penguins-sex\.json/)).toBeVisible();
  const card = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Current model' }) });
  await expect(card.getByText(/saves the model in one file, with every preparation step it learned/)).toBeVisible();
  await expect(card.getByText('npm run sapling', { exact: false })).toBeHidden();
  await card.getByText('For developers').click();
  await expect(card.getByText(/npm run sapling -- predict model\.json data\.csv/)).toBeVisible();
  // The help says nothing of TF.js; only the disabled TF.js button's reason names it.
  await expect(card.locator('.help:not(#tfjs-reason), details')).not.toContainText(['TF.js']);
  await expect(page.getByRole('button', { name: 'Download TF.js model' })).toHaveAccessibleDescription(/Only neural networks and linear models export to TF\.js/);
  await expect(card.getByText(/loadLayersModel|TF\.js pair/)).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/export.png` });
});

test('a metric’s name opens its plain definition; Escape closes it and focus returns to the name', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.step('Export');
  await studio.export.importModel(modelFile);
  await expect(page.getByText(/Imported from penguins-sex\.json/)).toBeVisible();
  await studio.step('Evaluate');
  const metrics = page.getByRole('table', { name: 'Test metrics' });
  const term = metrics.getByRole('button', { name: 'Log loss' });
  await term.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Log loss' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('a confident wrong answer costs much more');
  await expect(dialog).toContainText('Lower is better');
  await page.screenshot({ path: `${SHOTS}/glossary.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(term).toBeFocused();
  // Another entry by mouse, closed with its button.
  await metrics.getByRole('button', { name: 'ROC AUC' }).click();
  await expect(page.getByRole('dialog', { name: 'ROC AUC' })).toContainText('0.5 is guessing');
  await page.getByRole('dialog', { name: 'ROC AUC' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
