import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-page-cli-'));
const fixture = join(root, 'src/core/artifact/fixtures/model-v2-gbdt-penguins-sex.json');

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The text of the page's `<script id=…>` JSON block. */
function block(html: string, id: string): unknown {
  return JSON.parse(new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html)![1]);
}

describe('sapling page', () => {
  it('writes one HTML file with the model, its form fields and the runtime inlined, and nothing fetched', () => {
    const out = join(dir, 'page.html');
    const r = sapling('page', fixture, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^prediction page written to ${out} \\(\\d+ KB; open it in a browser, no server needed\\)\\n$`));
    const html = readFileSync(out, 'utf8');
    // The model as the loader reads it (upgraded to the current format version), fitted state unchanged.
    const embedded = block(html, 'sapling-model') as Record<string, { state?: unknown }>;
    const original = JSON.parse(readFileSync(fixture, 'utf8'));
    expect(embedded.inputSchema).toEqual(original.inputSchema);
    expect(embedded.model.state).toEqual(original.model.state);
    const fields = (block(html, 'sapling-page') as { fields: { name: string; choices?: string[] }[] }).fields;
    expect(fields.map((f) => f.name)).toEqual(['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);
    expect(fields[1].choices).toEqual(['Biscoe', 'Dream', 'Torgersen']);
    expect(html).toContain('<title>Predict sex · Sapling</title>');
    // The runtime's own code is in the page's module script (its loader's error names the format).
    expect(html).toMatch(/<script type="module">[\s\S]*sapling-model[\s\S]*__saplingRuntime/);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  }, 60_000);

  it('with --data, the form shows the training data’s ranges and starts from its first row', () => {
    const r = sapling('page', fixture, '--data', join(root, 'public/samples/penguins.csv'));
    expect(r.code, r.stderr).toBe(0);
    const fields = (block(r.stdout, 'sapling-page') as { fields: { name: string; min?: number; max?: number; initial: string; rangeSource?: string }[] }).fields;
    // penguins.csv: bill_length_mm runs from 32.1 to 59.6; its first row is an Adelie from Torgersen, 39.1 mm.
    expect(fields.find((f) => f.name === 'bill_length_mm')).toMatchObject({ min: 32.1, max: 59.6, rangeSource: 'data', initial: '39.1' });
    expect(fields.find((f) => f.name === 'island')).toMatchObject({ choices: ['Biscoe', 'Dream', 'Torgersen'], initial: 'Torgersen' });
    expect(r.stdout).toContain('<p class="hint" id="field-2-hint">In the training data: 32.1 to 59.6.');
    expect(r.stdout).toContain('<label for="field-2">bill_length_mm</label><input id="field-2" type="text" inputmode="decimal" value="39.1"');
  }, 60_000);

  it('writes the same page to standard output without --out', () => {
    const r = sapling('page', fixture);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).toContain('<label for="field-2">bill_length_mm</label>');
  }, 60_000);

  it('says in one line what is wrong with a file that is not a model, and exits 1', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"something else"}');
    const r = sapling('page', bad, '--out', join(dir, 'never.html'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: bad.json: not a Sapling model file: "format" is not "sapling-model"\n`);
    expect(sapling('page').stderr).toBe('error: expected: sapling page <model.json> [--data train.csv] [--out page.html]\n');
  }, 60_000);
});
