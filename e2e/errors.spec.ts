import { expect, test } from '@playwright/test';
import { csvFile, samplePath } from './fixtures/files';
import { Studio } from './pages/Studio';

test.describe('bad input gets a clear message and loses nothing', () => {
  test('binary junk and header-only files are refused; the loaded data stays', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.data.upload(samplePath('iris.csv'));
    expect(await studio.data.profile()).toHaveLength(5);

    const junk = { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]) };
    await studio.data.upload(junk);
    await expect(studio.alerts()).toContainText('Could not read photo.csv: the file is not text: it has a NUL byte at byte 9');
    await studio.data.upload(csvFile('empty.csv', 'a,b,c\n'));
    await expect(studio.alerts().last()).toContainText('Could not read empty.csv: the file has a header row (3 columns) but no data rows');
    // The iris data is still there and usable.
    expect(await studio.data.profile()).toHaveLength(5);
    await expect(page.getByText('iris.csv', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss error' }).first().click();
    await expect(studio.alerts()).toHaveCount(1);
  });

  test('a single-class target is explained and cannot be trained', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},yes`).join('\n');
    await studio.data.upload(csvFile('one-class.csv', `x,y,label\n${rows}\n`));
    await studio.data.profile();
    await studio.step('Problem');
    await studio.problem.chooseTarget('label');
    await expect(studio.alerts()).toContainText('target "label" has a single class ("yes") in all 30 rows');
    await expect(page.getByRole('button', { name: /Next: Prepare/ })).toBeDisabled();
  });

  test('an imbalanced target is flagged on the Problem screen but can be trained', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i < 37 ? 'ok' : 'fraud'}`).join('\n');
    await studio.data.upload(csvFile('claims.csv', `x,y,label\n${rows}\n`));
    await studio.data.profile();
    await studio.step('Problem');
    await studio.problem.chooseTarget('label');
    const about = page.getByRole('list', { name: 'About this target' });
    await expect(about).toContainText('target "label" is imbalanced: class "fraud" has 3 rows against 37 for "ok"');
    await expect(about).toContainText('✓ in the recipe'); // stratified splitting is already on
    await expect(page.getByRole('button', { name: /Next: Prepare/ })).toBeEnabled();
  });

  test('a file that is not a Sapling model is refused on import', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.step('Export');
    await studio.export.importModel({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology":{}}') });
    await expect(studio.alerts()).toContainText('not a Sapling model file');
    await expect(page.getByLabel('Data to predict')).toBeDisabled();
  });
});
