import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/**
 * Results belong to the settings they came from (issue 12, point 2), and Train shows its result
 * where its button is (point 8): at 1280 × 800, the size of a small laptop.
 */
test.use({ viewport: { width: 1280, height: 800 } });

const TRAINED_ON = /^Trained on penguins\.csv \(344 rows\) to predict “species”, Logistic regression, \d{4}-\d\d-\d\d \d\d:\d\d\.$/;

/** Asserts that `locator` is wholly above the fold of the 800-px-high window (the page not scrolled). */
async function aboveTheFold(page: Page, locator: Locator): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  expect(box, 'shown').not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(800);
}

test('after the target changes, Train, Evaluate and Export say their model is out of date and what it was trained on', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'logistic');
  await studio.train.trainAndWait();

  // The headline score and the loss chart sit beside the Train button, in view.
  const score = page.getByText(/^Test accuracy \d{1,3}\.\d%$/);
  await expect(score).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Loss during training, per iteration' })).toBeVisible();
  await aboveTheFold(page, page.getByRole('img', { name: 'Loss per iteration' }));
  await aboveTheFold(page, score);
  await page.screenshot({ path: testInfo.outputPath('train-fresh.png') });

  // While the settings match, Export says what the model was trained on and nothing is out of date.
  await studio.step('Export');
  await expect(page.getByText(TRAINED_ON)).toBeVisible();
  await expect(page.getByRole('note', { name: 'Out of date' })).toHaveCount(0);

  await studio.step('Problem');
  await studio.problem.chooseTarget('island');

  await studio.step('Train');
  const trainNote = page.getByRole('note').filter({ hasText: 'This result is from the previous settings:' });
  await expect(trainNote).toContainText('the target is now “island”. Train again to update it.');
  await page.screenshot({ path: testInfo.outputPath('train-stale.png') });

  await studio.step('Evaluate');
  const banner = page.getByRole('note', { name: 'Out of date' });
  await expect(banner).toContainText('Out of date: the target is now “island” since this model was trained.');
  await expect(banner).toContainText(/It was trained on penguins\.csv \(344 rows\) to predict “species”, Logistic regression, \d{4}-\d\d-\d\d \d\d:\d\d;/);
  await page.screenshot({ path: testInfo.outputPath('evaluate-stale.png') });

  await studio.step('Export');
  await expect(banner).toContainText('the target is now “island”');
  await expect(page.getByText(TRAINED_ON)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('export-stale.png') });
  await banner.getByRole('button', { name: 'Go to Train' }).click();
  await expect(page.getByRole('tab', { name: /Train/ })).toHaveAttribute('aria-selected', 'true');

  // Back to the target it was trained on: the model matches again, and nothing says otherwise.
  await studio.step('Problem');
  await studio.problem.chooseTarget('species');
  await studio.step('Evaluate');
  await expect(page.getByRole('heading', { name: 'Evaluate' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await studio.step('Train');
  await expect(trainNote).toHaveCount(0);
  await expect(score).toBeVisible();
});

test('no target, a new recipe or other data also make the model out of date', async ({ page }) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'logistic');
  await studio.train.trainAndWait();
  const banner = page.getByRole('note', { name: 'Out of date' });

  await studio.step('Prepare');
  await studio.prepare.useColumn('island', false);
  await studio.step('Export');
  await expect(banner).toContainText('Out of date: the recipe on Prepare changed since this model was trained.');
  await studio.step('Prepare');
  await studio.prepare.useColumn('island', true);
  await studio.step('Export');
  await expect(banner).toHaveCount(0);

  await studio.step('Problem');
  await studio.problem.chooseNoTarget('clustering');
  await studio.step('Export');
  await expect(banner).toContainText('the problem is now clustering, without a target');

  await studio.step('Data');
  await studio.data.loadSample(/Iris flowers/);
  await expect(page.getByRole('table', { name: 'Column profile' })).toContainText('sepal length (cm)');
  await studio.step('Export');
  await expect(banner).toContainText('the data is now iris.csv (150 rows)');
  await expect(page.getByText(TRAINED_ON)).toBeVisible();
});

test('another model picked hides the last model’s loss chart; picking it back shows it again', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'logistic');
  await studio.train.trainAndWait();
  const chart = page.getByRole('img', { name: /^Loss per / });
  await expect(chart).toBeVisible();

  await studio.train.chooseModel('forest');
  await expect(chart).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Loss during training/ })).toHaveCount(0);
  await expect(page.getByText(/^Test accuracy/)).toHaveCount(0);
  await expect(studio.train.doneMessage()).toHaveCount(0);
  await expect(page.getByRole('note').filter({ hasText: /^The last result \(Logistic regression, test accuracy \d{1,3}\.\d%\) is from the previous settings: the model picked is now Random forest\./ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('train-other-model.png') });

  await studio.train.chooseModel('logistic');
  await expect(page.getByRole('img', { name: 'Loss per iteration' })).toBeVisible();
  await expect(studio.train.doneMessage()).toBeVisible();
});

test('a tuning that fills the form with what it found leaves nothing out of date', async ({ page }) => {
  test.setTimeout(120_000);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'knn');
  await page.getByText('Search settings', { exact: true }).click();
  await page.getByLabel('Search', { exact: true }).selectOption('grid');
  await page.getByLabel('Trials', { exact: true }).fill('3');
  await page.getByLabel('Cross-validation folds').fill('3');
  await page.getByRole('button', { name: 'Tune k nearest neighbours' }).click();
  await expect(studio.train.doneMessage()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/^Test accuracy \d{1,3}\.\d%$/)).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'previous settings' })).toHaveCount(0);
  // Changing a setting the tuning found marks the result as from the previous settings.
  await studio.train.setParam('Neighbours (k)', '7');
  await expect(page.getByRole('note').filter({ hasText: 'This result is from the previous settings:' })).toContainText("the model's settings changed");
  await studio.step('Export');
  await expect(page.getByRole('note', { name: 'Out of date' })).toHaveCount(0);
  await expect(page.getByText(/^Trained on penguins\.csv \(344 rows\) to predict “species”, k nearest neighbours, /)).toBeVisible();
});

test('an imported model says so on Export, and Train says Evaluate and Export show it instead of the last training', async ({ page }) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'logistic');
  await studio.train.trainAndWait();
  await studio.step('Export');
  const file = await studio.export.download('Export model');
  await studio.export.importModel({ name: 'my-penguins.json', mimeType: 'application/json', buffer: readFileSync((await file.path())!) });
  const imported = /^Imported from my-penguins\.json: Logistic regression predicting “species”, trained elsewhere on \d+ rows\.$/;
  await expect(page.getByText(imported)).toBeVisible();
  await studio.step('Train');
  await expect(page.getByRole('note').filter({ hasText: 'Evaluate and Export now show another model: Imported from my-penguins.json' })).toBeVisible();
  // No settings made an imported model: a new target does not make it out of date.
  await studio.step('Problem');
  await studio.problem.chooseTarget('island');
  await studio.step('Export');
  await expect(page.getByText(imported)).toBeVisible();
  await expect(page.getByRole('note', { name: 'Out of date' })).toHaveCount(0);
});

test('the live loss chart is in view beside the Train button while a network trains', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'mlp');
  await studio.train.setParam('Epochs', '10000');
  await studio.train.setParam('Batch size', '4');
  // Without early stopping, so the run is still going (the dense trainer ends penguins' early-stopped run in about a second).
  await page.getByLabel('Early stopping', { exact: true }).uncheck();
  // With the settings form open the Train button is far down the page: the chart keeps beside it.
  await studio.train.trainButton().scrollIntoViewIfNeeded();
  await studio.train.trainButton().click();
  await expect(page.getByRole('progressbar', { name: 'Training' })).toBeVisible();
  const live = page.getByRole('img', { name: 'Loss per epoch' });
  await expect(live).toBeInViewport();
  await expect(studio.train.cancelButton()).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('train-live-settings-open.png') });
  // Settings closed: the button and the chart are both in the first screenful.
  await page.getByText('Settings', { exact: true }).click();
  await aboveTheFold(page, live);
  await aboveTheFold(page, studio.train.cancelButton());
  await page.screenshot({ path: testInfo.outputPath('train-live.png') });
  await studio.train.cancelButton().click();
  await expect(page.getByText('Training cancelled; nothing was changed.')).toBeVisible({ timeout: 10_000 });
});
