import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/util/rng';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-monitor-'));
const HOSTILE = '<img src=x onerror=alert(1)>';
const v2Fixture = join(root, 'src/core/artifact/fixtures/model-v2-gbdt-penguins-sex.json');
const penguins = join(root, 'public/samples/penguins.csv');

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * Rows of a seeded data set: three standard-normal numbers, a column named as markup, a colour
 * (red 50%, green 30%, blue 20%), a label from x1 + x2 and, in new rows only (not a model input), a
 * date over three months. `shift` moves x1 and x2 by that many standard deviations and the colour
 * mix by 30 points from red to blue.
 */
function rows(n: number, seed: number, shift = 0, dated = true): string {
  const rng = createRng(seed);
  const lines = [`x1,x2,x3,"${HOSTILE}",colour,label${dated ? ',day' : ''}`];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal() + shift;
    const x2 = rng.normal() + shift;
    const u = rng.next();
    const colour = u < 0.5 - 0.3 * Math.sign(shift) ? 'red' : u < 0.8 - 0.3 * Math.sign(shift) ? 'green' : 'blue';
    const day = `2026-0${1 + Math.floor((i / n) * 3)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const label = x1 + x2 + 0.5 * rng.normal() > 2 * shift ? 'yes' : 'no';
    lines.push([x1.toFixed(4), x2.toFixed(4), rng.normal().toFixed(4), rng.normal().toFixed(4), colour, label, ...(dated ? [day] : [])].join(','));
  }
  return lines.join('\n') + '\n';
}

interface ReportJson {
  dataset_drift: boolean;
  drift_share: number;
  columns: { column: string; test: string; statistic: number; p_value: number | null; threshold: number; drifted: boolean; psi: number }[];
  prediction: { test: string; drifted: boolean };
  performance: { metric: string } | null;
  chunks: { key: string; rows: number; drift_share: number }[];
  reference: { source: string; rows: number };
}

describe('sapling monitor', () => {
  let model = '';
  let train = '';
  beforeAll(() => {
    train = file('train.csv', rows(600, 1, 0, false));
    model = join(dir, 'model.json');
    const r = sapling('train', train, '--target', 'label', '--model', 'logistic', '--out', model);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it('exits 0 on new rows from the same distribution, and writes the report per the issue', () => {
    const out = join(dir, 'calm.json');
    const r = sapling('monitor', model, file('calm.csv', rows(400, 2)), '--reference', train, '--out', out);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('no alerts (exit code 0)');
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    expect(report.dataset_drift).toBe(false);
    expect(report.reference).toEqual({ source: 'csv', rows: 600 });
    expect(report.columns.map((c) => c.column)).toEqual(['x1', 'x2', 'x3', HOSTILE, 'colour']);
    for (const c of report.columns) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['column', 'test', 'statistic', 'p_value', 'threshold', 'drifted', 'psi']));
      // 600 reference rows: Evidently's small-reference tests, KS for numbers and chi-square for categories.
      expect(c.test).toBe(c.column === 'colour' ? 'chi2' : 'ks');
      expect(c.threshold).toBe(0.05);
    }
    expect(report.drift_share).toBe(report.columns.filter((c) => c.drifted).length / report.columns.length);
    expect(report.prediction.test).toBe('chi2');
    // The new rows hold the label: realised accuracy.
    expect(report.performance?.metric).toBe('accuracy');
    expect(report.chunks).toEqual([]);
  }, 60_000);

  it('exits 2 when most columns moved, names them, and splits the rows into chunks', () => {
    const out = join(dir, 'shifted.json');
    const r = sapling('monitor', model, file('shifted.csv', rows(400, 3, 1)), '--reference', train, '--chunks', '4', '--out', out);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    for (const column of ['x1', 'x2', 'colour']) expect(r.stdout).toMatch(new RegExp(`^${column} .* DRIFT `, 'm'));
    expect(r.stdout).toMatch(/^x3 .* no /m);
    expect(r.stdout).toContain('DATA SET DRIFT');
    expect(r.stdout).toContain('alerts (exit code 2):');
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    expect(report.dataset_drift).toBe(true);
    expect(report.columns.filter((c) => c.drifted).map((c) => c.column).sort()).toEqual(['colour', 'x1', 'x2']);
    expect(report.chunks.map((c) => c.key)).toEqual(['1', '2', '3', '4']);
    expect(report.chunks.map((c) => c.rows)).toEqual([100, 100, 100, 100]);
  }, 60_000);

  it('without --reference, tests against the reference the model file keeps (no training rows needed)', () => {
    const out = join(dir, 'own.json');
    const r = sapling('monitor', model, join(dir, 'shifted.csv'), '--out', out);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^shifted\.csv: 400 rows against the model file's reference \(\d+ training rows\)/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    expect(report.reference.source).toBe('model');
    expect(report.columns.filter((c) => c.drifted).map((c) => c.column).sort()).toEqual(['colour', 'x1', 'x2']);
  }, 60_000);

  it('splits the rows by a date column\'s month', () => {
    const out = join(dir, 'monthly.json');
    const r = sapling('monitor', model, join(dir, 'calm.csv'), '--reference', train, '--by', 'day', '--period', 'month', '--out', out);
    expect([0, 2], r.stderr).toContain(r.code);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    expect(report.chunks.map((c) => c.key)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(report.chunks.map((c) => c.rows)).toEqual([134, 133, 133]);
  }, 60_000);

  it('writes a self-contained HTML page in which a column named as markup stays text', () => {
    const html = join(dir, 'report.html');
    const r = sapling('monitor', model, file('shifted2.csv', rows(300, 4, 1)), '--reference', train, '--html', html);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toContain(`HTML report written to ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toContain('<img');
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(page).not.toMatch(/<script|<link|<[a-z][^>]*\s(src|href)=/i);
  }, 60_000);

  it('monitors a model file from before version 4 against --reference rows, and says what to do without them', () => {
    const out = join(dir, 'v2.json');
    const r = sapling('monitor', v2Fixture, penguins, '--reference', penguins, '--out', out);
    expect([0, 2]).toContain(r.code);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
    expect(report.reference).toEqual({ source: 'csv', rows: 344 });
    // The same rows on both sides: nothing moved.
    for (const c of report.columns) {
      expect(c.statistic, c.column).toBeCloseTo(0, 12);
      expect(c.drifted).toBe(false);
    }
    const bare = sapling('monitor', v2Fixture, penguins);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toBe('error: model-v2-gbdt-penguins-sex.json keeps no reference of its training data (a model file from before version 4): give the training rows with --reference train.csv\n');
  }, 60_000);

  it.each([
    [['no-such.csv'], /^error: cannot read .*no-such\.csv: no such file\n$/],
    [['calm.csv', '--chunks', '3', '--by', 'day'], /^error: --chunks and --by split the rows two ways: give one of them\n$/],
    [['calm.csv', '--by', 'day', '--period', 'year'], /^error: --period must be one of day, week, month, got "year"\n$/],
    [['calm.csv', '--by', 'colour'], /^error: --by "colour": that column of calm\.csv is read as categorical, not as dates\n$/],
    [['calm.csv', '--by', 'when'], /^error: --by "when": calm\.csv has no such column\n$/],
    [['calm.csv', '--chunks', '1'], /^error: --chunks must be a whole number of chunks, 2 or more, got "1"\n$/],
    [['calm.csv', '--drift-share', '0'], /^error: --drift-share must be a share of columns above 0 and at most 1, got "0"\n$/],
    [['no-x2.csv'], /^error: no-x2\.csv lacks the model input column "x2"\n$/],
  ])('exits 1 on bad input %j, saying what and where, with no stack trace', (args, message) => {
    file('no-x2.csv', rows(50, 5).replace(/^x1,x2,/, 'x1,y2,'));
    const [data, ...flags] = args;
    const r = sapling('monitor', model, join(dir, data), '--reference', train, ...flags);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('exits 1 on a file that is not a model', () => {
    const r = sapling('monitor', file('not-a-model.json', '{"format": "something else"}'), penguins, '--reference', penguins);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: not-a-model\.json: .+\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
