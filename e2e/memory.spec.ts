import { type Page, expect, test } from '@playwright/test';
import { csvFile } from './fixtures/files';
import { Studio } from './pages/Studio';

/**
 * Honest memory in the studio (issue 11, fault 7): a column of distinct texts used to cost ~50× its
 * estimate and could crash a tab. The engine's budget is half the device's memory; the test gives
 * the engine worker a tiny device (a line routed into its script, nothing in the shipped studio) so
 * that a 4 MB file is over it.
 */
async function deviceMemory(page: Page, gb: number): Promise<void> {
  await page.route(/\/assets\/engine\.worker[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `Object.defineProperty(self.navigator, 'deviceMemory', { value: ${gb} });\n${await response.text()}` });
  });
}

/** `rows` rows of a 16-character text id and a small number; `distinct` ids in all. */
function idsCsv(rows: number, distinct: number): string {
  const lines = ['id,n'];
  for (let i = 0; i < rows; i++) lines.push(`id-${String((i * 7919) % distinct).padStart(13, '0')},${i % 10}`);
  return lines.join('\n') + '\n';
}

test('a column of distinct texts over the budget is refused by name; the same size with few texts reads', async ({ page }, testInfo) => {
  await deviceMemory(page, 0.02); // a budget of ~10.7 MB
  const studio = new Studio(page);
  await studio.open();
  const rows = 200_000;
  await studio.data.upload(csvFile('ids.csv', idsCsv(rows, rows)));
  const refusal = studio.alerts().filter({ hasText: 'column "id"' });
  await expect(refusal).toBeVisible({ timeout: 60_000 });
  await expect(refusal).toContainText(/distinct texts .*this file would need ~[\d.]+ MB, over the 10\.\d MB of memory available here\. Read a sample instead \(the first [\d,]+ rows or fewer\)/);
  await page.screenshot({ path: testInfo.outputPath('memory-refused.png'), fullPage: true });

  // The studio stays up: a file of the same size with 20 distinct ids reads whole.
  await studio.data.upload(csvFile('colours.csv', idsCsv(rows, 20)));
  await expect(page.getByLabel('Data summary')).toContainText(`Rows${rows.toLocaleString('en-US')}`, { timeout: 60_000 });
});
