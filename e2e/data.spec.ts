import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { csvFile, samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

test.describe('reading real files faithfully', () => {
  test('a French Excel export: semicolons, decimal commas, Latin-1', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    const text = 'ville;température;pluie\nMontréal;-3,5;12\nQuébec;-7,25;0\nLyon;4,5;3\n';
    const latin1 = Buffer.from(text, 'latin1');
    await studio.data.upload({ name: 'meteo.csv', mimeType: 'text/csv', buffer: latin1 });
    expect(await studio.data.profile()).toEqual([
      { column: 'ville', type: 'categorical' },
      { column: 'température', type: 'numeric' },
      { column: 'pluie', type: 'numeric' },
    ]);
    await expect(page.getByText('Reading options: semicolon-separated, windows-1252, decimal comma, header row')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Data rows' })).toContainText('Montréal');
    await expect(page.getByRole('table', { name: 'Data rows' })).toContainText('-7.25');
  });

  test('ragged rows are reported by line, and can be padded instead of dropped', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.data.upload(csvFile('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n'));
    await expect(page.getByRole('list', { name: 'Data warnings' })).toContainText('2 rows had a different number of fields than the header (3) and were dropped; first at lines 3, 5');
    await expect(page.getByLabel('Data summary')).toContainText('Rows3');
    await page.getByText(/^Reading options/).click();
    await page.getByLabel('Rows with the wrong number of fields').selectOption('pad');
    await page.getByRole('button', { name: 'Read again' }).click();
    await expect(page.getByLabel('Data summary')).toContainText('Rows5');
    await expect(page.getByRole('list', { name: 'Data warnings' })).toContainText('were padded with missing values or cut to size');
  });

  test('a 2 MB quoted field is read whole and shown cut, with its length', async ({ page }) => {
    // Issue 11: fields of 128 KB or more failed ("Maximum call stack size exceeded"); the page must
    // not receive a 2 MB value as one text node either.
    const long = 'x,"y'.repeat(500_000);
    const studio = new Studio(page);
    await studio.open();
    await studio.data.upload(csvFile('long.csv', `id,note\n1,"${long.replaceAll('"', '""')}"\n2,short\n`));
    await expect(page.getByLabel('Data summary')).toContainText('Rows2');
    const grid = page.getByRole('table', { name: 'Data rows' });
    await expect(grid).toContainText(`${long.slice(0, 1000)}… (2,000,000 characters)`);
    await expect(grid).toContainText('short');
    expect((await grid.textContent())!.length).toBeLessThan(10_000);
  });

  test("a column's type can be changed, and a sample read instead of the whole file", async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.data.upload(samplePath('penguins.csv'));
    await studio.data.profile();
    await page.getByLabel('Type of year').selectOption('categorical');
    await expect(page.getByLabel('Type of year')).toHaveValue('categorical');
    await expect(page.getByRole('table', { name: 'Column profile' })).toContainText('2007 (110)');
    await page.getByText(/^Reading options/).click();
    await page.getByLabel('Rows to read').selectOption('head');
    await page.getByLabel('N', { exact: true }).fill('50');
    await page.getByRole('button', { name: 'Read again' }).click();
    await expect(page.getByLabel('Data summary')).toContainText('Rows50');
    await expect(page.getByLabel('Type of year')).toHaveValue('categorical');
    await expect(page.getByText(/first 50 rows/)).toBeVisible();
  });

  test('warnings offer fixes that land in the recipe; the grid sorts', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 13},${i % 3 ? 'a' : 'b'},${i % 3 ? 'A' : 'B'}`);
    const repeated = rows.slice(0, 10);
    await studio.data.upload(csvFile('dups.csv', `x,y,label,copy\n${[...rows, ...repeated].join('\n')}\n`));
    await studio.data.profile();
    const warnings = page.getByRole('list', { name: 'Data warnings' });
    await expect(warnings).toContainText('10 rows repeat an earlier row exactly');
    await warnings.getByRole('button', { name: 'Drop duplicate rows' }).click();
    await expect(warnings).toContainText('✓ in the recipe');
    await page.getByRole('columnheader', { name: /^x/ }).click();
    await expect(page.getByRole('columnheader', { name: /^x/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByRole('table', { name: 'Data rows' }).locator('tbody tr').nth(1)).toContainText('0');
    await studio.step('Problem');
    await studio.problem.chooseTarget('label');
    const leaks = page.getByRole('list', { name: 'About this target' });
    await expect(leaks).toContainText('column "copy" predicts "label" almost perfectly on its own');
    await leaks.getByRole('button', { name: 'Leave out copy' }).click();
    await studio.step('Prepare');
    await expect(page.getByLabel('Use copy')).not.toBeChecked();
    await expect(page.getByLabel('Drop duplicate rows')).toBeChecked();
  });

  test('reading a big file shows rows and megabytes, and can be cancelled', async ({ page }, testInfo) => {
    const path = testInfo.outputPath('big.csv');
    const line = '1.25,2.5,3.75,abc,4.5,5.25,6.125,xyz,7.5,8.25\n';
    writeFileSync(path, 'a,b,c,d,e,f,g,h,i,j\n' + line.repeat(4_000_000));
    const studio = new Studio(page);
    await studio.open();
    await studio.data.upload(samplePath('iris.csv'));
    await studio.data.profile();
    // Record every progress text the page shows, however briefly.
    await page.evaluate(() => {
      const w = window as unknown as { progressTexts: string[] };
      w.progressTexts = [];
      new MutationObserver(() => {
        const text = document.querySelector('.progress-text')?.textContent;
        if (text) w.progressTexts.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await studio.data.upload(path);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Reading cancelled; iris.csv is still loaded.')).toBeVisible();
    await expect(page.getByLabel('Data summary')).toContainText('iris.csv');
    const texts = await page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
    expect(texts.some((t) => /Reading data · [\d,]+ rows, [\d.]+ of 1\d\d MB · \d+%/.test(t)), texts.join('\n')).toBe(true);
  });
});
