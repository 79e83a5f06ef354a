import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime } from '../../scripts/build-runtime';
import { parseAnyModelFile } from '../core/artifact/load';
import type { AnyModelFile } from '../core/artifact/modelFile';
import { loadModel as loadCoreModel, predictionColumns, predictTable } from '../core/artifact/predict';
import { ENSEMBLE_MEMBERS } from '../core/models/info';
import { ensembleParams } from '../core/models/ensemble/info';
import { gbdtModelFile, oddNamesModelFile } from '../core/testing/deployModels';
import { sample, sampleText } from '../core/testing/tables';
import { defaultRecipe } from '../core/prep/recipe';
import { profileTable } from '../core/profile/profile';
import { resolveProblem } from '../core/problem';
import type { DataTable } from '../core/table/DataTable';
import { runTraining } from '../core/train/runTraining';
import { runUnsupervised } from '../core/train/runUnsupervised';
import type * as Runtime from './index';

/** The built module, imported as a page or a Node service would import it. */
let built: typeof Runtime;
let source: string;
let builtDir: string;

beforeAll(async () => {
  builtDir = mkdtempSync(join(tmpdir(), 'sapling-runtime-'));
  const file = await buildRuntime(builtDir);
  source = readFileSync(file, 'utf8');
  built = (await import(pathToFileURL(file).href)) as typeof Runtime;
}, 60_000);

/** Rows of a CSV as a CSV reader hands them over: every cell a string (quotes removed), keyed by header. */
function csvRows(text: string): Record<string, string>[] {
  const unquote = (cell: string) => cell.replace(/^"(.*)"$/, '$1');
  const [header, ...lines] = text.trim().split(/\r?\n/).map((line) => line.split(',').map(unquote));
  return lines.map((cells) => Object.fromEntries(header.map((name, j) => [name, cells[j]])));
}

/** What `sapling predict` appends for each row, by column: the CLI's own functions over the core registry. */
async function cliCells(file: AnyModelFile, table: DataTable): Promise<Record<string, string>[]> {
  const model = await loadCoreModel(file);
  const columns = predictionColumns(predictTable(model, table));
  model.dispose();
  return Array.from({ length: table.rowCount }, (_, i) => Object.fromEntries(columns.map((c) => [c.name, c.cell(i)])));
}

/** Labels identical, numbers within 1e-6, and exactly the same columns. */
function expectSame(runtime: Runtime.OutputRow[], cli: Record<string, string>[]): void {
  expect(runtime.length).toBe(cli.length);
  runtime.forEach((row, i) => {
    expect(Object.keys(row)).toEqual(Object.keys(cli[i]));
    for (const [name, cell] of Object.entries(cli[i])) {
      const value = row[name];
      if (name === 'prediction' && typeof value === 'string') expect(value, `row ${i + 1}`).toBe(cell);
      else {
        expect(typeof value, `row ${i + 1} ${name}`).toBe('number');
        expect(Math.abs((value as number) - Number(cell)), `row ${i + 1} ${name}: ${value} vs ${cell}`).toBeLessThanOrEqual(1e-6);
      }
    }
  });
}

describe('the built prediction runtime', () => {
  it('is one ES module that imports nothing, under 30 KB gzipped, with declarations that type-check', () => {
    // TypeScript's own scanner finds import/export-from, dynamic import() and require() (not words in strings).
    const { importedFiles } = ts.preProcessFile(source, true, true);
    expect(importedFiles.map((f) => f.fileName)).toEqual([]);
    expect(source).toMatch(/export\s*\{[^}]*\bloadModel\b[^}]*\}\s*;?\s*$/);
    // Issue 13 set 25 KB when a recipe had five steps; issue 15's feature-engineering steps must
    // replay in the runtime too (their prediction halves add ~5 KB): the README says so.
    expect(gzipSync(source).length).toBeLessThan(30 * 1024);
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], lib: ['lib.es2022.d.ts'] };
    const userCode = `import { loadModel, SaplingError, type SaplingModel } from './sapling-runtime.js';
      const model: SaplingModel = await loadModel('{}');
      const rows = model.predict([{ bill_length_mm: 39.1, island: 'Torgersen', sex: null }]);
      const first: string | number | undefined = rows[0]?.prediction;
      const names: string[] = model.inputSchema.map((c) => c.name + c.kind);
      if (first === undefined && names.length && model.task === 'binary') throw new SaplingError('x', String(model.classes.length));
      export {};`;
    // The user's file beside the built module and its declarations, as a project would have it.
    const user = join(builtDir, 'user.ts');
    writeFileSync(user, userCode);
    const program = ts.createProgram([user], options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('predicts the frozen version-2 boosting model as `sapling predict` did when it was written', async () => {
    const path = (name: string) => join(import.meta.dirname, '..', 'core', 'artifact', 'fixtures', name);
    const frozen = csvRows(readFileSync(path('model-v2-predictions.csv'), 'utf8'));
    const model = await built.loadModel(readFileSync(path('model-v2-gbdt-penguins-sex.json'), 'utf8'));
    expect(model.family).toBe('gbdt');
    expect(model.outputColumns).toEqual(['prediction', 'proba_female', 'proba_male']);
    const out = model.predict(frozen);
    expectSame(out, frozen.map((r) => ({ prediction: r.prediction, proba_female: r.proba_female, proba_male: r.proba_male })));
  });

  it('predicts every non-network family as the CLI does (labels identical, numbers within 1e-6), numbers given as numbers too', async () => {
    const penguins = await sample('penguins.csv');
    const rows = csvRows(sampleText('penguins.csv'));
    const recipe = defaultRecipe(profileTable(penguins), 'species');
    const withPca = { ...recipe, steps: [...recipe.steps, { step: 'pca', params: { components: 3 } }] };
    const supervised: [string, string, Record<string, unknown>, typeof recipe][] = [
      ['species', 'tree', { maxDepth: 5 }, recipe],
      ['species', 'forest', { trees: 15 }, recipe],
      ['species', 'gbdt', { rounds: 15 }, recipe],
      ['sex', 'gbdt', { rounds: 10 }, recipe],
      ['body_mass_g', 'gbdt', { rounds: 10 }, recipe],
      ['species', 'knn', { k: 5, weights: 'distance' }, withPca],
      ['body_mass_g', 'knn', { k: 7, metric: 'manhattan' }, recipe],
      ['species', 'naive-bayes', {}, recipe],
      ['sex', 'svm', {}, recipe],
      ['species', 'ensemble', ensembleParams([{ model: 'forest', params: { trees: 5 } }, { model: 'naive-bayes', params: {} }], ENSEMBLE_MEMBERS), recipe],
    ];
    const files: AnyModelFile[] = [];
    for (const [target, id, params, steps] of supervised) {
      const config = { problem: resolveProblem(penguins, target), recipe: { ...steps, steps: steps.steps.map((s) => (s.step === 'drop-columns' ? { step: s.step, params: { columns: [...((s.params?.columns as string[]) ?? []), target === 'species' ? 'sex' : 'species'] } } : s)) }, model: { id, params }, seed: 3 };
      files.push((await runTraining(penguins, config)).file);
    }
    // A saved decision threshold decides a binary label.
    files.push({ ...(files[3] as Extract<AnyModelFile, { decision?: unknown }>), decision: { threshold: 0.2 } } as AnyModelFile);
    const unsupervisedRecipe = defaultRecipe(profileTable(penguins), null);
    for (const [task, id, params] of [['clustering', 'kmeans', { k: 3, elbowMaxK: 2 }], ['clustering', 'dbscan', { minSamples: 5 }], ['projection', 'pca', { components: 3 }]] as const) {
      files.push((await runUnsupervised(penguins, { task, recipe: unsupervisedRecipe, model: { id, params }, seed: 3 })).file);
    }
    for (const file of files) {
      // Through JSON, as a file on disk: the CLI reads it back the same way.
      const text = JSON.stringify(file);
      const model = await built.loadModel(text);
      const cli = await cliCells(parseAnyModelFile(text), penguins);
      expectSame(model.predict(rows), cli);
      // A JSON body gives numbers as numbers: the same predictions.
      const typed = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v !== 'NA' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v])));
      expect(model.predict(typed)).toEqual(model.predict(rows));
    }
    expect(files.map((f) => f.model.model)).toEqual(['tree', 'forest', 'gbdt', 'gbdt', 'gbdt', 'knn', 'knn', 'naive-bayes', 'svm', 'ensemble', 'gbdt', 'kmeans', 'dbscan', 'pca']);
  }, 240_000);

  it('gives the CLI\'s clear errors for a bad file, an unknown family and a bad row', async () => {
    await expect(built.loadModel('{"format": 1')).rejects.toMatchObject({ name: 'SaplingError', code: 'bad-model-file' });
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'core', 'artifact', 'fixtures', 'model-v2-gbdt-penguins-sex.json'), 'utf8'));
    await expect(built.loadModel({ ...fixture, model: { ...fixture.model, model: 'nope' } })).rejects.toThrow(/"nope"/);
    const model = await built.loadModel(fixture);
    const row = csvRows(sampleText('penguins.csv'))[0];
    expect(() => model.predict([row, { ...row, bill_length_mm: 'long' }])).toThrow(/row 2: column "bill_length_mm" must be a number/);
    expect(() => model.predict([{ island: 'Dream' }])).toThrow(built.SaplingError);
    // Rows are read row by row into columns: each error still names its row and column.
    const typed: Record<string, unknown> = { ...row, bill_length_mm: 39.1, body_mass_g: 3750 };
    const { bill_depth_mm: _dropped, ...lacking } = typed;
    expect(() => model.predict([typed, typed, lacking])).toThrow('row 3 lacks column "bill_depth_mm" that the model needs (use null for a missing value)');
    expect(() => model.predict([typed, { ...typed, body_mass_g: { kg: 3.75 } }])).toThrow('row 2: column "body_mass_g" must be a string, number, boolean or null, not an object');
    expect(() => model.predict([lacking, lacking])).toThrow('the data lacks column "bill_depth_mm" that the model needs');
    // Numbers, number text and missing tokens mixed in one column read as the CSV reader reads them.
    const mixed = model.predict([typed, { ...typed, bill_length_mm: '39.1', body_mass_g: ' 3750 ' }, { ...typed, bill_length_mm: 'NA' }, { ...typed, bill_length_mm: null }]);
    expect(mixed[1]).toEqual(mixed[0]);
    expect(mixed[3]).toEqual(mixed[2]);
  });

  it('reads columns named __proto__, constructor and toString as values, never as what a plain object inherits', async () => {
    const plain = await built.loadModel(gbdtModelFile());
    const odd = await built.loadModel(oddNamesModelFile());
    expect(odd.inputSchema.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'toString']);
    const rows = csvRows(sampleText('penguins.csv')).slice(0, 40);
    // As a JSON body gives them: JSON.parse makes `__proto__` an own key.
    const renamed = rows.map(({ species, island, year, ...rest }) => JSON.parse(JSON.stringify({ ...rest, constructor: island, toString: year })
      .replace(/^\{/, `{"__proto__":${JSON.stringify(species)},`)));
    expect(Object.hasOwn(renamed[0], '__proto__')).toBe(true);
    expect(odd.predict(renamed)).toEqual(plain.predict(rows));
    // A row lacking them is told so, not fed Object's own constructor or toString.
    const { constructor: _c, toString: _t, ...lacking } = renamed[1];
    expect(() => odd.predict([renamed[0], lacking])).toThrow('row 2 lacks column "constructor" that the model needs (use null for a missing value)');
    expect(() => odd.predict([{ bill_length_mm: 39 }])).toThrow('the data lacks columns "__proto__", "constructor", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "toString" that the model needs');
  });
});
