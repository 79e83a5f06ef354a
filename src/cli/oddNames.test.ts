import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ODD_CLASSES, ODD_NAMES, oddNamesCsv } from '../core/testing/oddNames';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-odd-'));

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Header and rows of a CSV without quoted fields (all of these files). */
function rowsOf(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = text.trim().split('\n').map((l) => l.split(','));
  return { header, rows };
}

// Column names, categories and classes that plain objects inherit or treat specially.
const data = join(dir, 'odd.csv');
const text = oddNamesCsv();
const truth = rowsOf(text).rows.map((r) => r[5]);

/** Trains `model` on the odd file for `label`, checks it predicts its own file well, and returns the model file's path. */
function trainAndPredict(model: string, ...extra: string[]): string {
  const out = join(dir, `${model}.json`);
  const r = sapling('train', data, '--target', 'label', '--model', model, '--out', out, ...extra);
  expect(r.code, r.stderr).toBe(0);
  const p = sapling('predict', out, data);
  expect(p.code, p.stderr).toBe(0);
  const { header, rows } = rowsOf(p.stdout);
  expect(header).toEqual([...ODD_NAMES, 'label', 'prediction', 'proba___proto__', 'proba_toString']);
  const predicted = rows.map((row) => row[6]);
  expect(new Set(predicted)).toEqual(new Set(ODD_CLASSES));
  const right = predicted.filter((label, i) => label === truth[i]).length;
  expect(right / truth.length, `${model} accuracy on its training file`).toBeGreaterThan(0.85);
  for (const row of rows) expect(Number(row[7]) + Number(row[8])).toBeCloseTo(1, 4);
  return out;
}

describe('columns, categories and classes named like object properties', () => {
  beforeAll(() => writeFileSync(data, text));

  it('profile lists every column with its type and top values', () => {
    const out = join(dir, 'profile.json');
    const r = sapling('profile', data, '--target', 'label', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const columns: { name: string; type: string; missing: number; top?: { value: string; count: number }[] }[] = json(out).columns;
    expect(columns.map((c) => [c.name, c.type])).toEqual([
      ['__proto__', 'numeric'],
      ['constructor', 'categorical'],
      ['toString', 'numeric'],
      ['hasOwnProperty', 'categorical'],
      ['valueOf', 'numeric'],
      ['label', 'categorical'],
    ]);
    expect(columns[2].missing).toBe(23);
    expect(columns[1].top).toEqual([
      { value: '__proto__', count: 40 },
      { value: 'constructor', count: 40 },
      { value: 'toString', count: 40 },
      { value: 'hasOwnProperty', count: 40 },
    ]);
    expect(columns[5].top).toEqual([
      { value: 'toString', count: 84 },
      { value: '__proto__', count: 76 },
    ]);
  });

  for (const model of ['tree', 'forest', 'gbdt', 'logistic', 'knn', 'naive-bayes', 'svm']) {
    it(`${model} trains (gaps filled, numbers scaled, categories one-hot encoded) and predicts its own training file`, () => {
      const out = trainAndPredict(model);
      const file = json(out);
      expect(file.problem.classes).toEqual(ODD_CLASSES);
      expect(file.pipeline.steps.map((s: { step: string }) => s.step)).toEqual(['drop-columns', 'impute', 'scale', 'one-hot']);
      expect(file.pipeline.features.map((f: { name: string }) => f.name)).toContain('constructor=__proto__');
    });
  }

  it('a network trains and predicts too', () => {
    trainAndPredict('mlp', '--param', 'epochs=60', '--param', 'learningRate=0.03');
  }, 60_000);

  it('a multiclass target whose classes are these names, cross-validated in groups by one of them', () => {
    const out = join(dir, 'multi.json');
    const r = sapling('train', data, '--target', 'constructor', '--model', 'gbdt', '--cv', '3', '--group', 'hasOwnProperty', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(json(out).problem.classes).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(json(out).report.validation).toMatchObject({ folds: 3, group: 'hasOwnProperty' });
    const p = sapling('predict', out, data);
    expect(p.code, p.stderr).toBe(0);
    const { header, rows } = rowsOf(p.stdout);
    expect(header.slice(6)).toEqual(['prediction', 'proba___proto__', 'proba_constructor', 'proba_hasOwnProperty', 'proba_toString']);
    for (const row of rows) {
      expect(['__proto__', 'constructor', 'hasOwnProperty', 'toString']).toContain(row[6]);
      expect(row.slice(7).reduce((s, v) => s + Number(v), 0)).toBeCloseTo(1, 4);
    }
  });

  it('a numeric target named __proto__ (regression)', () => {
    const out = join(dir, 'regression.json');
    const r = sapling('train', data, '--target', '__proto__', '--model', 'gbdt', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const p = sapling('predict', out, data);
    expect(p.code, p.stderr).toBe(0);
    const values = rowsOf(p.stdout).rows.map((row) => Number(row[6]));
    expect(values.every(Number.isFinite)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(5);
  });

  it('clustering without a target, then predicting clusters', () => {
    const out = join(dir, 'kmeans.json');
    expect(sapling('train', data, '--model', 'kmeans', '--param', 'k=3', '--out', out).code).toBe(0);
    const p = sapling('predict', out, data);
    expect(p.code, p.stderr).toBe(0);
    const clusters = rowsOf(p.stdout).rows.map((row) => row.at(-1));
    expect(new Set(clusters)).toEqual(new Set(['0', '1', '2']));
  });

  it('train --recipe re-runs a model file made from these columns, to the same metrics', () => {
    const model = join(dir, 'gbdt-recipe.json');
    expect(sapling('train', data, '--target', 'label', '--model', 'gbdt', '--cv', '3', '--out', model).code).toBe(0);
    const r = sapling('train', data, '--recipe', model);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("same metrics as the recipe's run");
  });

  it('explain names the columns and draws partial dependence on a categorical and a numeric one', () => {
    const model = join(dir, 'forest-explain.json');
    expect(sapling('train', data, '--target', 'label', '--model', 'forest', '--out', model).code).toBe(0);
    for (const [column, kind] of [['constructor', 'categorical'], ['__proto__', 'numeric']]) {
      const out = join(dir, `explain-${column}.json`);
      const r = sapling('explain', model, data, '--row', '2', '--column', column, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const e = json(out);
      expect(e.explanation.columns).toEqual(ODD_NAMES);
      expect(e.explanation.outputs).toEqual(ODD_CLASSES);
      expect(e.dependence).toMatchObject({ column, kind });
      if (kind === 'categorical') expect([...e.dependence.grid].sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
      for (const line of e.dependence.pdp) for (const v of line) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('importance ranks __proto__ (the column the label follows) first', () => {
    const model = join(dir, 'tree-importance.json');
    expect(sapling('train', data, '--target', 'label', '--model', 'tree', '--out', model).code).toBe(0);
    const out = join(dir, 'importance.json');
    const r = sapling('importance', model, data, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const columns: { column: string; mean: number }[] = json(out).columns;
    expect(columns.map((c) => c.column).sort()).toEqual([...ODD_NAMES].sort());
    expect(columns.reduce((a, b) => (b.mean > a.mean ? b : a)).column).toBe('__proto__');
  });

  for (const param of ['__proto__=1', 'constructor=2', 'toString=x', 'hasOwnProperty=1', 'valueOf=3']) {
    it(`refuses --param ${param} as an unknown parameter, listing the known ones`, () => {
      const r = sapling('train', data, '--target', 'label', '--model', 'tree', '--param', param);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: model "tree" has no parameter "${param.split('=')[0]}" (known: criterion, maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures)\n`);
    });
  }

  it('refuses --delimiter constructor as an unknown delimiter', () => {
    const r = sapling('profile', data, '--delimiter', 'constructor');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --delimiter must be one of , ; tab pipe, got "constructor"\n');
  });

  it('refuses --vary constructor=… in curves as an unknown parameter', () => {
    const r = sapling('curves', data, '--target', 'label', '--model', 'tree', '--vary', 'constructor=1,2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: model "tree" has no parameter "constructor" \(known: criterion, /);
    expect(r.stdout, 'refused before any fitting').toBe('');
  });
});
