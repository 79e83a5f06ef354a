import { expect, test } from '@playwright/test';
import { csvFile, samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

/** 15,000 rows of two noisy numbers and a class that depends on them (seeded, so the figures repeat). */
function bigCsv(): string {
  let s = 12345;
  const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const lines = ['x,z,label'];
  for (let i = 0; i < 15_000; i++) {
    const x = next() * 10;
    const z = next() * 10;
    lines.push(`${x.toFixed(3)},${z.toFixed(3)},${x + z + next() * 4 > 12 ? 'high' : 'low'}`);
  }
  return lines.join('\n') + '\n';
}

test('k nearest neighbours on 15,000 rows: training figures come from a sample, and say so', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(csvFile('points.csv', bigCsv()), 'label', 'knn');
  await studio.train.trainAndWait();
  await studio.step('Evaluate');
  await expect(page.getByText(/Training figures from a random 10,000 of the 12,000 training rows/)).toBeVisible();
  const metrics = await studio.evaluate.testMetrics();
  // The class is a noisy threshold on x + z: neighbours find it well, but not perfectly.
  expect(metrics['Accuracy']).toBeGreaterThan(0.8);
  expect(metrics['Accuracy']).toBeLessThan(0.99);
  await page.screenshot({ path: testInfo.outputPath('knn-evaluate.png'), fullPage: true });
});

test('naive Bayes offers categorical naive Bayes for one-hot columns', async ({ page }) => {
  const studio = new Studio(page);
  await studio.withTarget(samplePath('penguins.csv'), 'species', 'naive-bayes');
  await page.getByText('Settings', { exact: true }).click();
  const distribution = page.getByRole('combobox', { name: 'Feature distribution' });
  await distribution.selectOption({ label: 'Auto: one-hot columns categorical, other 0/1 columns yes/no, the rest Gaussian' });
  await studio.train.trainAndWait();
  // Island and sex arrive one-hot (3 + 2 indicators) and are read back as two categorical columns.
  await expect(page.getByText(/5 Gaussian, 0 yes\/no features, 2 categorical columns from 5 one-hot indicators/)).toBeVisible();
  await studio.step('Evaluate');
  expect((await studio.evaluate.testMetrics())['Accuracy']).toBeGreaterThan(0.9);
});
