import { expect, test } from '@playwright/test';
import { samplePath } from './fixtures/files';
import { allowEngineHang, enginesStarted, hangEngine } from './fixtures/hang';
import { RunHistory } from './pages/RunHistory';
import { Studio } from './pages/Studio';

/**
 * An engine that stops answering: the test traps the engine worker in an endless loop (with a
 * listener routed into its script, e2e/fixtures/hang.ts: nothing in the shipped studio can hang it
 * on purpose). Cancel then goes unheard; after 5 s the page terminates the worker, starts a new one,
 * says so, keeps the settings and the run history, and reads the data again.
 */
test('an engine that does not answer Cancel is restarted; settings and run history stay, the data is read again', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await allowEngineHang(page);
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'tree');
  await studio.train.trainAndWait();
  const history = new RunHistory(page);
  await expect(history.toggle()).toHaveAccessibleName('Run history (1)');

  await studio.train.chooseModel('mlp');
  await studio.train.setParam('Epochs', '10000');
  await studio.train.setParam('Batch size', '4');
  // Without early stopping, so the run is still going (the dense trainer ends penguins' early-stopped run in about a second).
  await page.getByLabel('Early stopping', { exact: true }).uncheck();
  await studio.train.trainButton().click();
  await expect(page.getByRole('img', { name: 'Loss per epoch' })).toBeVisible();
  const engine = page.workers().find((w) => /engine\.worker/.test(w.url()))!;
  const closed = new Promise<string>((resolve) => engine.once('close', () => resolve('terminated')));
  await hangEngine(page);
  await page.waitForTimeout(500);

  const clicked = Date.now();
  await studio.train.cancelButton().click();
  const alert = studio.alerts().filter({ hasText: 'The engine did not stop within 5 s of Cancel, so it was restarted.' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  expect(Date.now() - clicked).toBeGreaterThanOrEqual(4_500);
  await expect(alert).toContainText('Your settings and run history are kept. Your data (penguins.csv) is being read again…');
  await expect(alert).toContainText('Your data (penguins.csv) was read again.', { timeout: 60_000 });
  await expect(alert).toContainText('The model trained before lived in the engine and is gone');
  await expect(page.getByText('Training cancelled; nothing was changed.')).toBeVisible();
  await expect(studio.train.trainButton()).toBeEnabled({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('watchdog-restarted.png'), fullPage: true });

  // Settings kept: the model and its epochs; the run history has the tree and the cancelled network.
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('mlp');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('10000');
  await expect(page.getByLabel('Early stopping', { exact: true })).not.toBeChecked();
  await expect(history.toggle()).toHaveAccessibleName('Run history (2)');
  // The stuck worker was terminated (its loop never returns by itself) and a second engine started.
  expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('still running'), 15_000))])).toBe('terminated');
  expect(await enginesStarted(page)).toBe(2);

  // The new engine has the data again and trains.
  await studio.train.chooseModel('tree');
  await studio.train.trainAndWait();
  await expect(history.toggle()).toHaveAccessibleName('Run history (3)');
  await studio.step('Data');
  await expect(page.getByRole('table', { name: 'Column profile' })).toBeVisible();
});
