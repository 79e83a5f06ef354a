import { type Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { describe, scan } from './fixtures/axe';
import { csvFile, samplePath } from './fixtures/files';
import { RunHistory } from './pages/RunHistory';
import { Studio, downloadText } from './pages/Studio';

/**
 * The Monitor step (issue 14) end to end in the built studio: a model trained on the penguins,
 * then new data made here from the same file: one with `flipper_length_mm` moved far (flagged,
 * named in the summary), one a random half of the rows (no data-set drift); the chunks timeline,
 * the JSON report, and Retrain on old + new rows adopted as a new run of the history.
 */

const DATA = samplePath('penguins.csv');
const SHIFTED = 'flipper_length_mm';

/** The penguins' lines: header, then rows (no quoted commas in this file). */
function penguins(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(DATA, 'utf8').trim().split('\n').map((l) => l.split(','));
  return { header, rows };
}

/** A seeded shuffle (the same rows every run). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The penguins with flipper_length_mm raised by 40 mm (about three standard deviations) and a month per quarter of the rows. */
function drifted(): string {
  const { header, rows } = penguins();
  const at = header.indexOf(`"${SHIFTED}"`);
  const lines = shuffled(rows, 7).map((r, i) => [...r.map((c, j) => (j === at && c !== 'NA' ? String(Number(c) + 40) : c)), `2026-0${1 + Math.floor((i * 4) / rows.length)}-15`]);
  return [[...header, '"date"'], ...lines].map((l) => l.join(',')).join('\n') + '\n';
}

/** A random half of the penguins, unchanged (no drift), as two files of 86 rows. */
function undrifted(): [string, string] {
  const { header, rows } = penguins();
  const half = shuffled(rows, 11).slice(0, 172);
  const text = (part: string[][]) => [header, ...part].map((l) => l.join(',')).join('\n') + '\n';
  return [text(half.slice(0, 86)), text(half.slice(86))];
}

/** Loads new data files on Monitor and waits for their report. */
async function monitor(page: Page, files: Record<string, string>): Promise<void> {
  await page.getByLabel('New data', { exact: true }).setInputFiles(Object.entries(files).map(([name, text]) => csvFile(name, text)));
  await expect(page.getByRole('table', { name: 'Column drift' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(`${Object.keys(files)[0]} (`)).toBeVisible();
}

/** The rows of a chart's "Show data as a table" (opened if closed: it stays open across runs). */
async function chartData(page: Page, chart: string) {
  const table = page.getByRole('table', { name: `Data: ${chart}` });
  if (!(await table.isVisible())) await page.getByText(`Show data as a table: ${chart}`).click();
  return table.locator('tbody tr');
}

/** The drift table's rows as {column: drift cell text}. */
async function driftFlags(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const row of await page.getByRole('table', { name: 'Column drift' }).locator('tbody tr').all()) {
    const cells = await row.getByRole('cell').allTextContents();
    out[((await row.getByRole('rowheader').textContent()) ?? '').trim()] = cells[5].trim();
  }
  return out;
}

test('Monitor: a shifted column is flagged and named, a random half is not, chunks draw a timeline, the report downloads, and Retrain adopts a new run', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.withTarget(DATA, 'species', 'gbdt');
  await studio.train.trainAndWait();
  await studio.step('Monitor');
  await expect(page.getByRole('heading', { name: 'Monitor', level: 2 })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });

  // Undrifted: a random half of the same rows, in two files, moves no data set; each file is a chunk.
  const [a, b] = undrifted();
  await monitor(page, { 'half-a.csv': a, 'half-b.csv': b });
  await expect(page.getByRole('group', { name: 'Monitoring figures' })).toContainText('Data-set driftNo');
  await expect(page.getByRole('combobox', { name: 'Chunks' })).toHaveValue('files');
  await expect((await chartData(page, 'Drift share per chunk')).locator('th')).toHaveText(['half-a.csv', 'half-b.csv']);
  await page.screenshot({ path: testInfo.outputPath('monitor-undrifted.png') });

  // Drifted: the shifted column is flagged and the summary names it.
  await monitor(page, { 'drifted.csv': drifted() });
  const flags = await driftFlags(page);
  expect(flags[SHIFTED]).toBe('Drifted');
  await expect(page.locator('#monitor-summary')).toContainText(SHIFTED);
  await page.screenshot({ path: testInfo.outputPath('monitor-drifted.png') });
  await page.getByRole('heading', { name: 'Column drift' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('monitor-drifted-table.png') });

  // The chunks timeline: five equal chunks by default, then by the date column's month.
  const timeline = page.getByRole('img', { name: 'Drift share per chunk' });
  await expect(timeline).toBeVisible();
  await page.getByRole('combobox', { name: 'Chunks' }).selectOption('by');
  await page.getByRole('combobox', { name: 'Period' }).selectOption('month');
  await page.getByRole('button', { name: 'Monitor again' }).click();
  await expect(page.getByRole('heading', { name: 'Over time' })).toBeVisible();
  await expect((await chartData(page, 'Drift share per chunk')).locator('th')).toHaveText(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
  await page.getByRole('heading', { name: 'Over time' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('monitor-timeline.png') });

  // Download report: the JSON report of the run shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report' }).click()]);
  expect(download.suggestedFilename()).toBe('monitor-report.json');
  const report = JSON.parse(await downloadText(download));
  expect(typeof report.dataset_drift).toBe('boolean');
  expect(report.columns.find((c: { column: string }) => c.column === SHIFTED).drifted).toBe(true);
  expect(report.chunks).toHaveLength(4);

  // Retrain on old + new rows (the drifted file holds the species), compare, adopt: a new run.
  const history = new RunHistory(page);
  const before = Number(/\((\d+)\)/.exec((await history.toggle().textContent()) ?? '')?.[1]);
  await page.getByRole('radio', { name: 'Old and new rows' }).check();
  await page.getByRole('button', { name: 'Retrain', exact: true }).click();
  const comparison = page.getByRole('table', { name: 'Current vs retrained' });
  await expect(comparison).toBeVisible({ timeout: 120_000 });
  await expect(comparison.getByRole('rowheader', { name: /Accuracy/ })).toBeVisible();
  await comparison.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('monitor-retrain.png') });
  // The whole step, with its tables and charts' data open, passes axe.
  const found = await scan(page, 'Monitor');
  expect(found.map((f) => `${f.where}: ${f.id}`), describe(found)).toEqual([]);
  await page.getByRole('button', { name: 'Adopt retrained model' }).click();
  await expect(history.toggle()).toHaveText(`Run history (${before + 1})`);
  await expect(comparison).toBeHidden();
  await expect(page.getByText(/^Current model: Trained on penguins\.csv \+ drifted\.csv \(688 rows\)/)).toBeVisible();
  // The new data stays loaded: it can be monitored again against the adopted model.
  await page.getByRole('button', { name: 'Monitor again' }).click();
  await expect(page.getByRole('table', { name: 'Column drift' })).toBeVisible({ timeout: 60_000 });
  // The adopted model's own reference: the rows it learned from (old and most of the new).
  await expect(page.getByRole('group', { name: 'Monitoring figures' })).toContainText(/Reference\d+ training rows \(kept in the model file\)/);
  await history.open();
  await expect(history.rows().first()).toContainText('penguins.csv + drifted.csv');

});
