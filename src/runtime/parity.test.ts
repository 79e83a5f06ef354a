import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime } from '../../scripts/build-runtime';
import { parseAnyModelFile } from '../core/artifact/load';
import { loadModel as loadCoreModel, predictTable } from '../core/artifact/predict';
import { readCsvText } from '../core/ingest/csv';
import { MODEL_REGISTRY } from '../core/models/registry';
import { isClassification } from '../core/problem';
import { createRng } from '../core/util/rng';
import type * as Runtime from './index';

/**
 * The promise: the same predictions from the runtime module (as built, fed rows as a CSV
 * reader gives them and as a JSON body gives them), from `sapling predict` and from the core's
 * predictor, for every registered family and every task it does, on the same rows. Labels and
 * clusters identical; numbers within 1e-6 (relative above 1: regression values). The models are
 * trained by the CLI on small seeded files with numbers, categories, booleans, dates and missing
 * values; the rows to predict add an unseen category, a row of nothing but missing values and
 * values far outside the training range.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the built module's remaining imports (if any) resolve.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'sapling-parity-'));

const TARGETS = { binary: 'churn', multiclass: 'tier', regression: 'spend' } as const;
const COLOURS = ['red', 'green', 'blue'];

/** One seeded row: a number with gaps, a number, a category with gaps, a boolean, a date, and the three targets. */
function row(rng: ReturnType<typeof createRng>, i: number): string[] {
  const size = rng.normal() * 3 + 10;
  const weight = rng.normal() * 40 + 70;
  const colour = COLOURS[rng.int(3)];
  const member = rng.next() < 0.4;
  const day = 1 + rng.int(28);
  const z = (size - 10) / 3 + (weight - 70) / 40 + (colour === 'red' ? 0.8 : 0) + (member ? -0.6 : 0) + day / 28 + 0.4 * rng.normal();
  return [
    i % 11 === 3 ? 'NA' : size.toFixed(2),
    weight.toFixed(1),
    i % 13 === 5 ? '' : colour,
    member ? 'yes' : 'no',
    `2024-03-${String(day).padStart(2, '0')}`,
    z > 0.6 ? 'leave' : 'stay',
    z < 0 ? 'bronze' : z < 1.2 ? 'silver' : 'gold',
    (1000 + 300 * z).toFixed(2),
  ];
}

const FEATURES = ['size', 'weight', 'colour', 'member', 'joined'];

/** Writes the training files (features and one target each; features alone for clustering and projection) and the rows to predict. */
function writeData(): { train: Record<string, string>; predict: string } {
  const rng = createRng(13);
  const rows = Array.from({ length: 160 }, (_, i) => row(rng, i));
  const file = (name: string, header: string[], cells: string[][]) => {
    const path = join(work, name);
    writeFileSync(path, [header, ...cells].map((r) => r.join(',')).join('\n') + '\n');
    return path;
  };
  const train: Record<string, string> = { none: file('features.csv', FEATURES, rows.map((r) => r.slice(0, 5))) };
  Object.entries(TARGETS).forEach(([task, name], t) => (train[task] = file(`${task}.csv`, [...FEATURES, name], rows.map((r) => [...r.slice(0, 5), r[5 + t]]))));
  const fresh = createRng(99);
  const news = Array.from({ length: 40 }, (_, i) => row(fresh, i + 1).slice(0, 5));
  news.push(['NA', 'NA', 'NA', 'NA', 'NA'], ['-400', '9000.5', 'purple', 'no', '2031-12-31'], ['55.5', '-3', 'blue', 'yes', '2019-01-01']);
  return { train, predict: file('predict.csv', FEATURES, news) };
}

/** Feature-engineering and selection steps in one recipe, for the runtime's parity (tfidf is left out: the data has no text). */
const ENGINEERED_STEPS = [
  { step: 'drop-duplicates' },
  { step: 'date-parts', params: { cyclic: true } },
  { step: 'missing-indicator' },
  { step: 'rare-categories', params: { minCount: 40 } },
  { step: 'aggregate', params: { key: ['colour'], columns: ['weight'], min: true, max: true } },
  { step: 'impute', params: { numeric: 'median' } },
  { step: 'formula', params: { name: 'density', expression: 'if(size > 0, weight / size, 0)' } },
  { step: 'clip', params: { columns: ['weight'] } },
  { step: 'power', params: { columns: ['size'] } },
  { step: 'bins', params: { columns: ['weight'], bins: 4, encode: 'onehot' } },
  { step: 'polynomial', params: { columns: ['size', 'density'] } },
  { step: 'target-encode', params: { columns: ['colour'] } },
  { step: 'scale' },
  { step: 'one-hot' },
  { step: 'variance-threshold' },
  { step: 'drop-correlated', params: { threshold: 0.98 } },
  { step: 'select-k-best', params: { k: 12 } },
];

/** Small settings that keep each fit well under a second; the rest are the CLI's defaults. */
const PARAMS: Record<string, string[]> = {
  mlp: ['epochs=8', 'earlyStopping=false'],
  forest: ['trees=15'],
  gbdt: ['rounds=20'],
  ensemble: ['mlp=true', 'mlp.epochs=5', 'forest.trees=10', 'gbdt.rounds=15'],
};

/** Runs the CLI as a person would; resolves with its standard output, rejects with its error. */
function sapling(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sapling ${args.join(' ')} exited ${code}:\n${err}`))));
  });
}

/** Runs the jobs two at a time (the machines have two cores). */
async function inTurns<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

interface Case {
  readonly name: string;
  readonly model: string;
}

/** Every registered family with every task it does, trained by the CLI. */
function cases(): { name: string; family: string; task: string }[] {
  return MODEL_REGISTRY.flatMap((m) => m.tasks.map((task) => ({ name: `${m.id}-${task}`, family: m.id, task })));
}

let runtime: typeof Runtime;
let data: { train: Record<string, string>; predict: string };
const models: Case[] = [];
const cli = new Map<string, Papa.ParseResult<Record<string, string>>>();

beforeAll(async () => {
  data = writeData();
  const built = await buildRuntime(join(work, 'runtime'));
  runtime = (await import(/* @vite-ignore */ pathToFileURL(built).href)) as typeof Runtime;
  await inTurns(
    cases().map(({ name, family, task }) => async () => {
      const out = join(work, `${name}.json`);
      const params = (PARAMS[family] ?? []).flatMap((p) => ['--param', p]);
      const unsupervised = task === 'clustering' || task === 'projection';
      await sapling(['train', unsupervised ? data.train.none : data.train[task], ...(unsupervised ? [] : ['--target', TARGETS[task as keyof typeof TARGETS]]), '--model', family, ...params, '--out', out]);
      models.push({ name, model: out });
    }),
  );
  // A binary model with a saved decision threshold, as the studio writes it after the threshold is moved.
  const binary = JSON.parse(readFileSync(join(work, 'gbdt-binary.json'), 'utf8'));
  const thresholdFile = join(work, 'gbdt-binary-threshold.json');
  writeFileSync(thresholdFile, JSON.stringify({ ...binary, decision: { threshold: 0.25 } }));
  models.push({ name: 'gbdt-binary-threshold', model: thresholdFile });
  // A recipe of issue 15's steps (every one this data has columns for): the runtime replays each as the CLI does.
  const steps = join(work, 'engineered-steps.json');
  writeFileSync(steps, JSON.stringify(ENGINEERED_STEPS));
  const engineered = join(work, 'engineered-steps.json.model');
  await sapling(['train', data.train.binary, '--target', 'churn', '--model', 'forest', '--param', 'trees=15', '--steps', steps, '--out', engineered]);
  models.push({ name: 'engineered-steps', model: engineered });
  // The frozen files of older versions, as Sapling still reads them.
  for (const frozen of ['model-v1-logistic-iris.json', 'model-v2-gbdt-penguins-sex.json', 'model-v3-tree-penguins-mass.json', 'model-v4-logistic-penguins-species.json']) {
    models.push({ name: frozen, model: fileURLToPath(new URL(`../core/artifact/fixtures/${frozen}`, import.meta.url)) });
  }
  models.sort((a, b) => a.name.localeCompare(b.name));
  await inTurns(
    models.map(({ name, model }) => async () => {
      const text = await sapling(['predict', model, inputFor(name)]);
      cli.set(name, Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }));
    }),
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The rows a model predicts: the shared file, or the frozen files' own samples. */
function inputFor(name: string): string {
  if (name.startsWith('model-v1')) return fileURLToPath(new URL('../../public/samples/iris.csv', import.meta.url));
  if (name.startsWith('model-v2') || name.startsWith('model-v3') || name.startsWith('model-v4')) return fileURLToPath(new URL('../../public/samples/penguins.csv', import.meta.url));
  return data.predict;
}

/** The rows as a CSV reader gives them: every value a string, as written. */
function stringRows(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** The rows as a JSON body gives them: numbers as numbers, booleans as booleans, missing as null. */
function jsonRows(rows: Record<string, string>[], schema: readonly Runtime.InputSchemaColumn[]): Record<string, unknown>[] {
  const missing = (v: string) => v === '' || v === 'NA';
  return rows.map((r) =>
    Object.fromEntries(
      schema.map(({ name, kind }) => {
        const v = r[name];
        if (missing(v)) return [name, null];
        if (kind === 'numeric') return [name, Number(v)];
        if (kind === 'boolean') return [name, v === 'yes' || v === 'true' || v === '1'];
        return [name, v];
      }),
    ),
  );
}

/** Labels and clusters identical; numbers within 1e-6, relative to the value above 1. */
function expectSame(ours: Record<string, unknown>[], theirs: Record<string, unknown>[], columns: readonly string[], where: string): void {
  expect(ours.length, where).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    for (const column of columns) {
      const a = ours[i][column];
      const b = theirs[i][column];
      const at = `${where}, row ${i + 1}, ${column}`;
      if (column === 'prediction' && (typeof a === 'string' || typeof b === 'string')) expect(String(a), at).toBe(String(b));
      else if (column === 'cluster') expect(Number(a), at).toBe(Number(b));
      else {
        expect(typeof a === 'number' || typeof a === 'string', at).toBe(true);
        const x = Number(a);
        const y = Number(b);
        expect(Number.isFinite(x) && Number.isFinite(y), `${at}: ${String(a)} vs ${String(b)}`).toBe(true);
        expect(Math.abs(x - y), `${at}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(y)));
      }
    }
  }
}

/** The core's predictions (unrounded) for the rows of a CSV, read as `sapling predict` reads it, as row objects. */
async function corePredictions(modelPath: string, csvPath: string): Promise<{ rows: Record<string, string | number>[]; argmax: string[] }> {
  const file = parseAnyModelFile(readFileSync(modelPath, 'utf8'));
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  const { table } = await readCsvText(readFileSync(csvPath, 'utf8'), { kinds });
  const model = await loadCoreModel(file);
  const p = predictTable(model, table);
  model.dispose();
  const k = p.classes.length;
  const rows: Record<string, string | number>[] = [];
  const argmax: string[] = [];
  for (let i = 0; i < p.rows; i++) {
    const r: Record<string, string | number> = {};
    if (p.clusters) r.cluster = p.clusters[i];
    else if (p.projection) for (let c = 0; c < (p.components ?? 0); c++) r[`pc${c + 1}`] = p.projection[i * p.components! + c];
    else if (p.values) r.prediction = p.values[i];
    else {
      r.prediction = p.labels![i];
      let best = 0;
      for (let j = 0; j < k; j++) {
        r[`proba_${p.classes[j]}`] = p.proba![i * k + j];
        if (p.proba![i * k + j] > p.proba![i * k + best]) best = j;
      }
      argmax.push(p.classes[best]);
    }
    rows.push(r);
  }
  return { rows, argmax };
}

describe('the runtime, `sapling predict` and the core predict the same', () => {
  it('covers every registered family and task, a saved decision threshold, a recipe of feature-engineering steps and the frozen older versions', () => {
    expect(models.map((m) => m.name)).toEqual(
      [...cases().map((c) => c.name), 'gbdt-binary-threshold', 'engineered-steps', 'model-v1-logistic-iris.json', 'model-v2-gbdt-penguins-sex.json', 'model-v3-tree-penguins-mass.json', 'model-v4-logistic-penguins-species.json'].sort((a, b) => a.localeCompare(b)),
    );
    const tasks = new Set(cases().map((c) => c.task));
    expect([...tasks].sort()).toEqual(['binary', 'clustering', 'multiclass', 'projection', 'regression']);
  });

  it.each(cases().map((c) => c.name).concat(['gbdt-binary-threshold', 'engineered-steps', 'model-v1-logistic-iris.json', 'model-v2-gbdt-penguins-sex.json', 'model-v3-tree-penguins-mass.json', 'model-v4-logistic-penguins-species.json']))('%s', async (name) => {
    const { model: path } = models.find((m) => m.name === name)!;
    const model = await runtime.loadModel(readFileSync(path, 'utf8'));
    const csv = cli.get(name)!;
    const input = inputFor(name);
    const strings = stringRows(input);
    // The columns `sapling predict` appends after the input's are the runtime's output columns.
    expect(csv.meta.fields!.slice(Object.keys(strings[0]).length), name).toEqual([...model.outputColumns]);
    const columns = model.outputColumns;
    const fromStrings = model.predict(strings);
    const fromJson = model.predict(jsonRows(strings, model.inputSchema));
    expectSame(fromStrings, csv.data, columns, `${name}: runtime (CSV strings) vs sapling predict`);
    expectSame(fromJson, csv.data, columns, `${name}: runtime (JSON values) vs sapling predict`);
    const core = await corePredictions(path, input);
    expectSame(fromStrings, core.rows, columns, `${name}: runtime vs the core predictor`);
    // Not a constant model: the comparison covers predictions that move with the rows.
    const first = columns.find((c) => c !== 'prediction' || !isClassification(model.task)) ?? columns[0];
    expect(new Set(fromStrings.map((r) => r[first])).size, `${name}: distinct ${first}`).toBeGreaterThan(1);
    if (name === 'gbdt-binary-threshold') {
      expect(model.threshold).toBe(0.25);
      // The threshold moves some labels away from the most probable class, in all three.
      const moved = core.argmax.filter((label, i) => label !== fromStrings[i].prediction).length;
      expect(moved).toBeGreaterThan(0);
    }
  });

  it('a bad model file gets the error `sapling predict` gives', async () => {
    const bad = { 'newer.json': JSON.stringify({ format: 'sapling-model', version: 99 }), 'text.json': 'not json', 'other.json': '{"modelTopology": {}}' };
    for (const [name, text] of Object.entries(bad)) {
      const path = join(work, name);
      writeFileSync(path, text);
      const cliError = await sapling(['predict', path, data.predict]).then(
        () => 'no error',
        (e: Error) => e.message.split('\n').find((line) => line.startsWith('error: '))!,
      );
      const runtimeError = await runtime.loadModel(text).then(
        () => 'no error',
        (e: Error) => e.message,
      );
      expect(runtimeError).not.toBe('no error');
      // The CLI names the file first.
      expect(cliError, name).toBe(`error: ${name}: ${runtimeError}`);
    }
  });
});
