import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

test('the backend is chosen by measurement and shown', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  const select = await studio.backend();
  const options = await select.locator('option').allTextContents();
  expect(options.map((o) => o.split(' ')[0])).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  const active = await select.inputValue();
  // A software GPU adapter is never chosen over WASM.
  const activeOption = options.find((o) => o.startsWith(active))!;
  expect(activeOption).not.toContain('software');
  await expect(page.getByTestId('backend-reason')).toContainText(/fastest|only backend/);
});

test('a neural network trains live, can be cancelled, and the page stays responsive', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.data.upload(samplePath('penguins.csv'));
  await studio.data.profile();
  await studio.step('Problem');
  await studio.problem.chooseTarget('species');
  await studio.step('Train');
  await studio.train.chooseModel('mlp');
  await studio.train.setParam('Epochs', '5000');
  await studio.train.setParam('Batch size', '4');
  // Without early stopping, so the run is still going when Cancel is pressed (the dense trainer
  // finishes penguins' early-stopped run within the 1.5 s wait below).
  await page.getByLabel('Early stopping', { exact: true }).uncheck();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  await studio.train.trainButton().click();
  await expect(page.getByRole('progressbar', { name: 'Training' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Loss per epoch' })).toBeVisible();
  await page.waitForTimeout(1500);
  await studio.train.cancelButton().click();
  await expect(page.getByText('Training cancelled; nothing was changed.')).toBeVisible({ timeout: 5_000 });
  await expect(studio.train.trainButton()).toBeEnabled();
  await expect(page.getByRole('tab', { name: 'Evaluate' })).toBeDisabled();
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  expect(longest).toBeLessThan(200);
});

test('regression shows error metrics and residual plots', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.data.loadSample(/Palmer penguins/);
  await studio.data.profile();
  await studio.step('Problem');
  await studio.problem.chooseTarget('body_mass_g');
  await expect(page.getByRole('combobox', { name: 'Task' })).toContainText('Automatic (Regression)');
  await studio.step('Train');
  await studio.train.chooseModel('mlp');
  await studio.train.setParam('Learning rate', '0.01');
  await studio.train.trainAndWait();
  await page.screenshot({ path: testInfo.outputPath('train.png'), fullPage: true });
  await studio.step('Evaluate');
  const metrics = await studio.evaluate.testMetrics();
  expect(Object.keys(metrics)).toEqual(['MAE', 'RMSE', 'R²']);
  expect(metrics['R²']).toBeGreaterThan(0.75);
  expect(metrics.RMSE).toBeLessThan(450);
  await expect(page.getByRole('img', { name: 'Predicted vs actual' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Residuals' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('evaluate.png'), fullPage: true });
});
