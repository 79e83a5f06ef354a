import { basename } from 'node:path';
import { parseAnyModelFile } from '../../core/artifact/load';
import { type AnyModelFile, isUnsupervisedFile } from '../../core/artifact/modelFile';
import type { ReadSettings } from '../../core/ingest/reader';
import { getModel } from '../../core/models/registry';
import { fingerprintTable } from '../../core/table/DataTable';
import { SaplingError, errorMessage } from '../../core/util/errors';
import { type Keyed, keyed, own } from '../../core/util/keyed';
import { num, table as columns } from '../format';
import { readBytes, readCsvFile } from '../io';
import type { WorkerPool } from '../parallel';
import { trainWithoutTarget } from './cluster';
import { type TrainOptions, trainAndReport, writeFiles } from './train';

/** Flags of `sapling train` that the recipe decides, so they may not come with `--recipe`. */
const DECIDED_BY_RECIPE: readonly (readonly [keyof TrainOptions, string])[] = [
  ['target', '--target'],
  ['task', '--task'],
  ['model', '--model'],
  ['param', '--param'],
  ['seed', '--seed'],
  ['testSize', '--test-size'],
  ['cv', '--cv'],
  ['holdout', '--holdout'],
  ['group', '--group'],
  ['budget', '--budget'],
  ['trials', '--trials'],
  ['steps', '--steps'],
];

/**
 * Reads the recipe of a model file: the file parsed (and upgraded) as every model file is, with
 * errors that name the file. The file's `config` holds the problem, preprocessing, model and
 * parameters, seed, validation and read settings of the run that made it.
 */
export function readRecipe(path: string): AnyModelFile {
  const text = new TextDecoder().decode(readBytes(path));
  try {
    const file = parseAnyModelFile(text);
    checkRecipe(file);
    return file;
  } catch (e) {
    throw new SaplingError('bad-recipe', `--recipe ${basename(path)}: ${errorMessage(e)}`);
  }
}

/**
 * The file's config must be a whole recipe that agrees with the file (the model file's own checks
 * do not look inside it): the model and seed, the preprocessing steps, and the same problem.
 */
function checkRecipe(file: AnyModelFile): void {
  const config = file.config as unknown as Record<string, unknown> | null;
  const missing = (what: string) => new SaplingError('bad-model-file', `it holds no whole recipe to re-run: "config" lacks ${what}`);
  if (typeof config !== 'object' || config === null) throw missing('everything');
  const model = config.model as { id?: unknown } | undefined;
  if (typeof model?.id !== 'string' || typeof config.seed !== 'number') throw missing('the model and seed');
  if (!Array.isArray((config.recipe as { steps?: unknown } | undefined)?.steps)) throw missing('the preprocessing steps');
  const problem = config.problem as { target?: unknown; task?: unknown } | undefined;
  const agrees = isUnsupervisedFile(file) ? config.task === file.problem.task : problem?.target === file.problem.target && problem?.task === file.problem.task;
  if (!agrees) throw new SaplingError('bad-model-file', `its recipe ("config") is not for the problem the file holds (${file.problem.target ?? 'no target'}, ${file.problem.task})`);
}

/** An error when a flag that the recipe decides is given with `--recipe`. */
function refuseContradictions(options: TrainOptions): void {
  const given = DECIDED_BY_RECIPE.filter(([key]) => options[key] !== undefined && !(Array.isArray(options[key]) && options[key].length === 0)).map(([, flag]) => flag);
  if (options.read && Object.keys(options.read).length) given.push('reading flags (--delimiter, --sample, …)');
  if (given.length) {
    throw new SaplingError('recipe-conflict', `--recipe takes the problem, model, parameters, seed, validation and reading settings from the model file; leave out ${given.join(', ')} (or train without --recipe)`);
  }
}

/**
 * `sapling train <data.csv> --recipe <model.json>`: trains again exactly as the model file's run
 * did (its config), warns when the data is not the data it was trained on, writes the new files,
 * and says whether every test metric (or, without a target, every figure) equals the file's.
 */
export async function recipeCommand(path: string, recipePath: string, options: TrainOptions, tfjsBackend: (stored?: string) => Promise<string>, pool?: WorkerPool): Promise<void> {
  refuseContradictions(options);
  const recipe = readRecipe(recipePath);
  const read: ReadSettings = recipe.config.read ?? {};
  const { table, warnings } = await readCsvFile(path, read, pool);
  for (const w of warnings) console.log(`warning: ${w.message}`);
  console.log(`re-running the recipe of ${basename(recipePath)} (made ${recipe.createdAt})`);
  if (fingerprintTable(table) !== (recipe.dataFingerprint ?? recipe.report.data_fingerprint)) {
    console.log(`warning: ${basename(path)} is not the data this model was trained on (its fingerprint differs), so the metrics may differ`);
  }
  if (isUnsupervisedFile(recipe)) {
    if (options.test) throw new SaplingError('recipe-conflict', `--test does not apply: a ${recipe.problem.task} model has no test rows`);
    const { file, report } = await trainWithoutTarget(path, table, recipe.config);
    await writeFiles(file, report, options);
    printComparison(flatten(recipe.report.summary), flatten(report.summary), 'figures');
    return;
  }
  // A separate test file is read with the training file's column kinds, as `train --test` reads it.
  const testTable = options.test ? (await readCsvFile(options.test, { ...read, kinds: Object.fromEntries(table.columns.map((c) => [c.name, c.kind])) }, pool)).table : undefined;
  if (recipe.report.auto) console.log(`(Auto chose ${recipe.config.model.id} in the recipe's run; it is trained again with the settings it chose)`);
  // A network runs on the recipe's TF.js backend when Node has it (wasm, cpu); --backend overrides.
  const stored = recipe.report.backend;
  const nodeHas = stored === 'wasm' || stored === 'cpu';
  if (getModel(recipe.config.model.id).tfjs && !nodeHas) console.log(`note: the recipe's run used the ${stored} TF.js backend, which Node does not have; a network's figures may differ in the last digits`);
  const { file, report } = await trainAndReport(path, table, recipe.config, options, () => tfjsBackend(nodeHas ? stored : undefined), pool, testTable);
  await writeFiles(file, report, options);
  const largest = printComparison(recipe.report.metrics.test, report.metrics.test, 'metrics');
  // Networks predict through networkForward.ts (float32 steps as TF.js's CPU backend), not through
  // TF.js's WASM kernels as files made before it did: their test metrics may move in the 8th digit.
  if (getModel(recipe.config.model.id).tfjs && largest > 0 && largest <= 1e-6) {
    console.log(`note: every difference is under 1e-6: a network's predictions now come from Sapling's own forward pass, not TF.js's kernels, which a file made before it used`);
  }
}

/** Rows of the differences table at most. */
const SHOWN = 20;

/** The figures of a report part as dotted paths to numbers (JSON's null stands for NaN). */
function flatten(value: unknown, prefix = '', out: Keyed<number | null> = keyed()): Keyed<number | null> {
  if (typeof value === 'number' || value === null) out[prefix] = value;
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/**
 * Prints whether each stored figure equals this run's, exactly: both sides go through JSON as the
 * file did, so a value compares as it was written (NaN as null). Returns the largest difference
 * (relative above 1; 0 when all are equal).
 */
function printComparison(stored: object, now: object, what: 'metrics' | 'figures'): number {
  const before = flatten(stored);
  const after = flatten(JSON.parse(JSON.stringify(now)));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  // Paths come from the file: own keys only (a path may be `constructor`).
  const differ = keys.filter((k) => own(before, k) !== own(after, k));
  console.log('');
  if (!differ.length) {
    console.log(`same ${what} as the recipe's run (${keys.length} ${what === 'metrics' ? 'test metrics' : 'figures'}, all equal)`);
    return 0;
  }
  const show = (v: number | null | undefined) => (v === undefined ? '(none)' : v === null ? 'NaN' : String(v));
  const diff = (k: string) => {
    const [x, y] = [own(before, k), own(after, k)];
    return typeof x === 'number' && typeof y === 'number' ? num(y - x) : '';
  };
  console.log(`${differ.length} of ${keys.length} ${what === 'metrics' ? 'test metrics' : 'figures'} differ from the recipe's run:`);
  console.log(columns([[what === 'metrics' ? 'metric' : 'figure', "recipe's run", 'this run', 'difference'], ...differ.slice(0, SHOWN).map((k) => [k, show(own(before, k)), show(own(after, k)), diff(k)])]));
  if (differ.length > SHOWN) console.log(`… and ${differ.length - SHOWN} more (the reports hold them all)`);
  if (what === 'metrics') console.log('(other data, or a run that tested on a separate file without --test here, change the test rows; a model file does not record --test)');
  // The largest difference relative to the stored figure (Infinity where one side is missing or NaN).
  return Math.max(...differ.map((k) => {
    const [x, y] = [own(before, k), own(after, k)];
    return typeof x === 'number' && typeof y === 'number' ? Math.abs(y - x) / Math.max(1, Math.abs(x)) : Infinity;
  }));
}
