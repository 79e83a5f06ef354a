import { type Page, expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOSTILE, gbdtModelFile, hostileModelFile, oddNamesModelFile } from '../src/core/testing/deployModels';
import { describe, scan } from './fixtures/axe';
import { sapling } from './fixtures/cli';
import { samplePath } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

/**
 * Export's Deploy: the prediction page is downloaded from the built studio, opened from a file://
 * URL with the network cut off, and its answers are the CLI's for the same model file (one row
 * from the form, many from a CSV); the runtime module and the server bundle are what the build has.
 */

const DATA = samplePath('penguins.csv');
/** A row of the penguins to type into the form: a Chinstrap with its body mass missing. */
const ROW = { species: 'Chinstrap', island: 'Dream', bill_length_mm: '50', bill_depth_mm: '19.5', flipper_length_mm: '196', body_mass_g: '', year: '2007' };

/** Records parsed from a simple CSV (quotes around fields, no commas or line breaks inside). */
function records(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n').map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
  return lines.map((cells) => Object.fromEntries(header.map((h, j) => [h, cells[j]])));
}

/** Fails the test on any request that is not for a file:// or data: URL (the page must need no network). */
function noNetwork(page: Page, seen: string[]): void {
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) seen.push(r.url());
  });
}

test('the prediction page, opened from disk, predicts one row and a CSV as the CLI does with the same model', async ({ page, context }, testInfo) => {
  test.setTimeout(240_000);
  const studio = new Studio(page);
  await studio.withTarget(DATA, 'sex', 'gbdt');
  await studio.train.trainAndWait();
  await studio.step('Export');

  const deploy = page.getByRole('region', { name: 'Deploy' });
  await expect(deploy.getByRole('button', { name: 'Download prediction page' })).toBeEnabled();
  const modelPath = testInfo.outputPath('model.json');
  writeFileSync(modelPath, await downloadText(await studio.export.download('Export model')));
  const pageDownload = await studio.export.download('Download prediction page');
  expect(pageDownload.suggestedFilename()).toBe('sapling-sex-gbdt.html');
  const pagePath = testInfo.outputPath('page.html');
  writeFileSync(pagePath, await downloadText(pageDownload));
  await expect(deploy.getByRole('status').first()).toHaveText(/^Saved sapling-sex-gbdt\.html \(\d+(\.\d+)? [KM]B\) to the browser’s downloads\.$/);
  await page.setViewportSize({ width: 1280, height: 800 });
  await deploy.getByRole('heading', { name: 'Deploy' }).evaluate((h) => h.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: testInfo.outputPath('export-deploy.png') });

  // The page from disk, offline: nothing but file:// is asked for, and nothing goes wrong.
  await context.setOffline(true);
  const local = await context.newPage();
  await local.setViewportSize({ width: 1280, height: 800 });
  const requests: string[] = [];
  const problems: string[] = [];
  noNetwork(local, requests);
  local.on('pageerror', (e) => problems.push(e.message));
  local.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await local.goto(pathToFileURL(pagePath).href);
  await expect(local.getByRole('heading', { name: 'Predict sex', level: 1 })).toBeVisible();

  // The form starts at the first training row and says the ranges and categories of training.
  await expect(local.getByLabel('bill_length_mm')).toHaveValue('39.1');
  await expect(local.getByLabel('bill_length_mm')).toHaveAccessibleDescription(/^In the training data: 32\.1 to 59\.6\./);
  await expect(local.getByLabel('island').locator('option')).toHaveText(['Biscoe', 'Dream', 'Torgersen', '(missing)']);

  // A number outside the training range is allowed, and said.
  await local.getByLabel('bill_length_mm').fill('80');
  await expect(local.getByLabel('bill_length_mm')).toHaveAccessibleDescription(/Outside the training range: the model has not seen such values\.$/);
  for (const [name, value] of Object.entries(ROW)) {
    const field = local.getByLabel(name, { exact: true });
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await local.getByRole('button', { name: 'Predict', exact: true }).click();
  const answer = local.locator('output#prediction');
  await expect(answer).not.toBeEmpty();

  // The CLI on the same row (NA = missing, as the form's empty field).
  const rowCsv = testInfo.outputPath('row.csv');
  writeFileSync(rowCsv, `${Object.keys(ROW).join(',')}\n${Object.values(ROW).map((v) => v || 'NA').join(',')}\n`);
  const [cli] = records(sapling('predict', modelPath, rowCsv));
  await expect(answer).toHaveText(cli.prediction);
  const proba = local.getByRole('table', { name: 'Probabilities' });
  for (const label of ['female', 'male']) {
    await expect(proba.getByRole('row', { name: new RegExp(`^${label}`) }).locator('td.num')).toHaveText(`${(Number(cli[`proba_${label}`]) * 100).toFixed(1)}%`);
  }
  await local.screenshot({ path: testInfo.outputPath('page-form.png') });

  // Many rows: the penguins without the target, predicted as the CLI predicts them.
  const lines = readFileSync(DATA, 'utf8').trim().split('\n');
  const sexAt = lines[0].split(',').indexOf('"sex"');
  const batch = join(testInfo.outputDir, 'new-penguins.csv');
  writeFileSync(batch, lines.map((l) => l.split(',').filter((_, j) => j !== sexAt).join(',')).join('\n') + '\n');
  const expected = records(sapling('predict', modelPath, batch));
  await local.getByLabel('Data to predict').setInputFiles(batch);
  const table = local.getByRole('table', { name: 'Predictions' });
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText(['prediction', 'proba_female', 'proba_male', 'species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);
  await expect(table.locator('tbody tr')).toHaveCount(100);
  await expect(local.getByText('344 rows predicted; the first 100 are shown.')).toBeVisible();
  const [download] = await Promise.all([local.waitForEvent('download'), local.getByRole('button', { name: 'Download predictions' }).click()]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const got = records(await downloadText(download));
  expect(got).toHaveLength(344);
  got.forEach((row, i) => {
    for (const c of ['species', 'bill_length_mm', 'prediction', 'proba_female', 'proba_male']) expect(row[c], `row ${i + 1}, ${c}`).toBe(expected[i][c]);
  });
  const shown = await table.locator('tbody tr').first().locator('td').allTextContents();
  expect(shown.slice(0, 3)).toEqual([expected[0].prediction, expected[0].proba_female, expected[0].proba_male]);
  await local.screenshot({ path: testInfo.outputPath('page-batch.png'), fullPage: true });
  await local.setViewportSize({ width: 1280, height: 800 });
  await local.getByRole('heading', { name: 'Many rows' }).scrollIntoViewIfNeeded();
  await local.screenshot({ path: testInfo.outputPath('page-batch-viewport.png') });

  // A European file (`;` between fields, decimal commas) with a ragged row: read as the CLI reads it.
  const european = join(testInfo.outputDir, 'european.csv');
  const head = lines.slice(0, 9).map((l) => l.split(',').filter((_, j) => j !== sexAt));
  const euroLines = head.map((cells, i) => (i === 4 ? cells.slice(0, 3) : cells).map((c) => c.replace('.', ',')).join(';'));
  writeFileSync(european, euroLines.join('\n') + '\n');
  // The prediction columns are each line's last three (the CLI quotes the decimal-comma inputs).
  const lastThree = (text: string) => text.trim().split('\n').slice(1).map((l) => l.split(',').slice(-3));
  const euroExpected = lastThree(sapling('predict', modelPath, european));
  expect(euroExpected).toHaveLength(7);
  await local.getByLabel('Data to predict').setInputFiles(european);
  await expect(local.getByText('7 rows predicted. 1 row was left out for having other than 7 fields (line 5).')).toBeVisible();
  const [euroDownload] = await Promise.all([local.waitForEvent('download'), local.getByRole('button', { name: 'Download predictions' }).click()]);
  expect(lastThree(await downloadText(euroDownload))).toEqual(euroExpected);

  // The page passes the same accessibility rules as the studio (axe runs through the debugger protocol, not the page's CSP).
  const found = await scan(local, 'prediction page');
  expect(found.map((f) => f.id), describe(found)).toEqual([]);
  // A broken CSV is said in the batch part's alert; the earlier predictions go away with their download.
  await local.getByLabel('Data to predict').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('species,island\n"Adelie,Dream\n') });
  await expect(local.locator('#batch-error')).toHaveText('the file ends inside a quoted field: a closing quote (") is missing');
  await expect(local.getByRole('button', { name: 'Download predictions' })).toBeHidden();
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
  await context.setOffline(false);
});

test('Deploy offers the built runtime module, snippets with the model’s columns, and a server bundle', async ({ page }, testInfo) => {
  const studio = new Studio(page);
  await studio.withTarget(DATA, 'species', 'tree');
  await studio.train.trainAndWait();
  await studio.step('Export');
  const deploy = page.getByRole('region', { name: 'Deploy' });

  const runtime = await studio.export.download('Download runtime module');
  expect(runtime.suggestedFilename()).toBe('sapling-runtime.js');
  expect(await downloadText(runtime)).toBe(readFileSync(join(process.env.SAPLING_E2E_DIST ?? 'dist', 'runtime', 'sapling-runtime.js'), 'utf8'));

  await deploy.getByText('Code to predict with this model').click();
  const example = deploy.getByRole('combobox', { name: 'Example' });
  await expect(example).toBeVisible();
  const code = deploy.getByRole('region', { name: /: code$/ });
  await expect(code).toContainText("import { loadModel } from './sapling-runtime.js';");
  await expect(code).toContainText('"bill_length_mm": 39.1');
  await example.selectOption({ label: 'Python (requests)' });
  await expect(code).toContainText('requests.post("http://127.0.0.1:8080/v1/models/sapling-species-tree:predict"');
  await expect(code).toContainText('"island": "Torgersen",');
  await example.selectOption({ label: 'curl: sapling serve, Open Inference Protocol (V2)' });
  await expect(code).toContainText('{"name":"flipper_length_mm","shape":[1],"datatype":"FP64","data":[181]}');
  const found = await scan(page, 'Export with Deploy');
  expect(found.map((f) => f.id), describe(found)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await deploy.getByRole('heading', { name: 'Deploy' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: testInfo.outputPath('export-deploy-snippets.png') });

  const zip = await studio.export.download('Download server bundle');
  expect(zip.suggestedFilename()).toBe('sapling-species-tree-server.zip');
  const files = unzipSync(new Uint8Array(readFileSync((await zip.path())!)));
  const names = Object.keys(files);
  expect(names.filter((n) => n !== 'sapling-serve.mjs')).toEqual(['models/sapling-species-tree.json', 'Dockerfile', 'kubernetes.yaml', 'README.md']);
  const model = JSON.parse(strFromU8(files['models/sapling-species-tree.json']));
  expect(model.problem.target).toBe('species');
  expect(model.config.model.id).toBe('tree');
  expect(strFromU8(files['README.md'])).toContain('docker build -t sapling-species-tree .');
  // `npm run build` writes the server beside the app, so the bundle carries it.
  expect(names).toContain('sapling-serve.mjs');
  await expect(deploy.getByRole('status').first()).toHaveText(/^Saved sapling-species-tree-server\.zip/);

  // The bundle runs as its README says (`node sapling-serve.mjs models`), with nothing else beside
  // it, and answers a CSV exactly as `sapling predict` does with the same model file.
  const folder = testInfo.outputPath('bundle');
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  const server = spawn(process.execPath, ['sapling-serve.mjs', 'models', '--port', '0'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.on('exit', (code) => reject(new Error(`the bundle's server exited (${code}): ${out}`)));
    });
    const answer = await fetch(`${url}/v1/models/sapling-species-tree:predict`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: readFileSync(DATA) });
    expect(answer.status).toBe(200);
    const modelPath = join(folder, 'models', 'sapling-species-tree.json');
    expect(await answer.text()).toBe(sapling('predict', modelPath, DATA));
  } finally {
    server.kill('SIGTERM');
  }
});

test('a page made by sapling page from a model with hostile column, category and class names shows them as text and predicts', async ({ page }, testInfo) => {
  const modelPath = testInfo.outputPath('hostile.json');
  writeFileSync(modelPath, JSON.stringify(hostileModelFile()));
  const pagePath = testInfo.outputPath('hostile.html');
  expect(sapling('page', modelPath, '--out', pagePath)).toContain(`prediction page written to ${pagePath}`);
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(pagePath).href);
  const field = page.getByLabel(HOSTILE.column, { exact: true });
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(HOSTILE.category);
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Probabilities' }).getByRole('rowheader')).toHaveText([HOSTILE.label, 'male']);
  expect([HOSTILE.label, 'male']).toContain(await page.locator('output#prediction').textContent());
  expect(await page.locator('img').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
});

test('a page for a model whose columns are named __proto__, constructor and toString predicts as the page of the same model with plain names', async ({ page }, testInfo) => {
  const answers: string[] = [];
  for (const [name, file] of [['plain', gbdtModelFile()], ['odd', oddNamesModelFile()]] as const) {
    const modelPath = testInfo.outputPath(`${name}.json`);
    writeFileSync(modelPath, JSON.stringify(file));
    const pagePath = testInfo.outputPath(`${name}.html`);
    sapling('page', modelPath, '--out', pagePath);
    await page.goto(pathToFileURL(pagePath).href);
    await expect(page.getByLabel(name === 'odd' ? 'constructor' : 'island', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await expect(page.locator('output#prediction')).not.toBeEmpty();
    answers.push(`${await page.locator('output#prediction').textContent()} ${await page.getByRole('table', { name: 'Probabilities' }).textContent()}`);
  }
  expect(answers[1]).toBe(answers[0]);
});
