import { basename } from 'node:path';
import { defaultModelFor } from '../../core/models/info';
import { MODEL_REGISTRY, getModel } from '../../core/models/registry';
import { parseParamText } from '../../core/params';
import { defaultRecipe } from '../../core/prep/recipe';
import type { StepSpec } from '../../core/prep/recipeSpec';
import { recipeFacts } from '../../core/profile/profile';
import { type Task, isUnsupervised, resolveProblem } from '../../core/problem';
import { DEFAULT_SEED, type ValidationSpec } from '../../core/train/config';
import { runTraining } from '../../core/train/runTraining';
import { splitForRun } from '../../core/train/singleRun';
import { autoModel, autoReport } from '../../core/tune/auto';
import type { LeaderboardRow } from '../../core/train/report';
import { type DataTable, selectRows } from '../../core/table/DataTable';
import type { TrainConfig } from '../../core/train/config';
import { SaplingError } from '../../core/util/errors';
import { formatCv, formatLeaderboard, formatMetrics, num } from '../format';
import { foldsOption, numberOption, positiveOption, wholeOption } from '../options';
import { readCsvFile, writeJson } from '../io';
import type { WorkerPool } from '../parallel';
import { droppedColumns, readStepsFile } from '../stepsFile';
import { trainWithoutTarget } from './cluster';
import type { ReadSettings } from '../../core/ingest/reader';

/** Options of `sapling train`. */
export interface TrainOptions {
  target?: string;
  task?: string;
  model?: string;
  param?: string[];
  seed?: string;
  testSize?: string;
  out?: string;
  report?: string;
  read?: ReadSettings;
  /** A CSV to test on instead of holding out a split. */
  test?: string;
  /** Folds of cross-validation on the training rows. */
  cv?: string;
  /** Instead of `cv`: random splits of the training rows at the test size (repeated holdout). */
  holdout?: string;
  /** With `cv` or `holdout`: the column whose values keep rows together on one side of each split. */
  group?: string;
  /** With `--model auto`: seconds for comparing and tuning. */
  budget?: string;
  /** With `--model auto`: tuning trials per leading model (then the clock does not decide: repeatable). */
  trials?: string;
  /** A JSON file of the recipe's steps (as a model file's `config.recipe.steps`), in place of the default steps. */
  steps?: string;
}

/** `sapling train <data.csv> --target <col> …`: trains, prints progress and metrics, writes files. */
export async function trainCommand(path: string, options: TrainOptions, tfjsBackend: () => Promise<string>, pool?: WorkerPool): Promise<void> {
  if (options.model === 'auto' && !options.target) throw new SaplingError('missing-target', 'Auto chooses among models that predict a column: add --target <column>');
  const unsupervised = options.model !== undefined && !options.target ? getModel(options.model) : null;
  if (!options.target && !unsupervised?.tasks.some(isUnsupervised)) {
    const without = MODEL_REGISTRY.filter((m) => m.tasks.some(isUnsupervised)).map((m) => m.id);
    throw new SaplingError('missing-target', `train needs --target <column>, or a model that needs none: --model ${without.join('|')}`);
  }
  const task = parseTask(options.task);
  const seed = numberOption('--seed', options.seed, DEFAULT_SEED);
  const testSize = numberOption('--test-size', options.testSize, 0.2);
  const validation = validationOption(options);
  // The step list is checked before the data is read: a mistake in it is reported at once.
  const steps = options.steps !== undefined ? stepsOption(options.steps) : undefined;
  const { table, warnings } = await readCsvFile(path, options.read ?? {}, pool);
  for (const w of warnings) console.log(`warning: ${w.message}`);
  if (!options.target) {
    const params = Object.fromEntries((options.param ?? []).map((p) => parseParamText(unsupervised!.schema, p, `model "${unsupervised!.id}"`)));
    const task = unsupervised!.tasks.find(isUnsupervised)!;
    const read = options.read && Object.keys(options.read).length ? { read: options.read } : {};
    const recipe = { ...defaultRecipe(recipeFacts(table), null), ...(steps ? { steps } : {}) };
    const { file, report } = await trainWithoutTarget(path, table, { task, recipe, model: { id: unsupervised!.id, params }, seed, ...read });
    return writeFiles(file, report, options);
  }
  const problem = resolveProblem(table, options.target, task);
  const recipe = { ...defaultRecipe(recipeFacts(table), problem.target), testSize, ...(steps ? { steps } : {}) };
  const read = options.read && Object.keys(options.read).length ? { read: options.read } : {};
  // A separate test file is read with the training file's column kinds, so both line up.
  const testTable = options.test ? (await readCsvFile(options.test, { ...options.read, kinds: Object.fromEntries(table.columns.map((c) => [c.name, c.kind])) }, pool)).table : undefined;
  // Auto compares the families on the training rows first and trains the winner below.
  const auto = options.model === 'auto' ? await chooseModel(path, table, testTable, { problem, recipe, model: { id: 'auto', params: {} }, seed, ...read }, options, tfjsBackend, pool) : null;
  const model = getModel(auto?.winner.model ?? options.model ?? defaultModelFor(problem.task));
  const params = auto ? auto.winner.params : Object.fromEntries((options.param ?? []).map((p) => parseParamText(model.schema, p, `model "${model.id}"`)));
  const config: TrainConfig = { problem, recipe, model: { id: model.id, params }, seed, ...read, ...(validation ? { validation } : {}) };
  const trained = await trainAndReport(path, table, config, options, tfjsBackend, pool, testTable);
  // Auto's account goes into the report, and so into the model file.
  const report = auto ? { ...trained.report, auto: autoReport(auto, auto.options) } : trained.report;
  await writeFiles({ ...trained.file, report }, report, options);
}

/**
 * Trains `config` on `table` (tested on `testTable` when given, else on its held-out split),
 * printing progress, metrics and timings as `sapling train` does; returns the file and report
 * (not yet written: the caller may add to them).
 */
export async function trainAndReport(path: string, table: DataTable, config: TrainConfig, options: { test?: string }, tfjsBackend: () => Promise<string>, pool?: WorkerPool, testTable?: DataTable) {
  const { problem, recipe, validation } = config;
  const model = getModel(config.model.id);
  const dropped = droppedColumns(recipe.steps);
  const backend = model.tfjs ? await tfjsBackend() : undefined;
  console.log(`training ${model.label} (${model.id}) on ${basename(path)}: ${table.rowCount} rows, target "${problem.target}" (${problem.task}), ${backend ? `backend ${backend}, ` : ''}seed ${config.seed}`);
  if (dropped.length) console.log(`leaving out columns: ${dropped.join(', ')}`);

  if (testTable) console.log(`testing on ${basename(options.test!)}: ${testTable.rowCount} rows (no split)`);
  const trained = await runTraining(table, config, {
    host: pool,
    sketchHost: pool,
    backend,
    onFold: (fold, all) => console.log(`${validation?.method === 'holdout' ? 'repeated holdout: split' : 'cross-validation: fold'} ${fold} of ${all}`),
    onEpoch: (log) => {
      const val = log.valLoss !== undefined ? `  val_loss ${num(log.valLoss)}` : '';
      const metric = log.valMetric !== undefined ? `  val_${problem.task === 'regression' ? 'r2' : 'accuracy'} ${num(log.valMetric)}` : '';
      console.log(`epoch ${log.epoch}/${log.epochs}  loss ${num(log.loss)}${val}${metric}`);
    },
  }, testTable);
  const { report } = trained;
  console.log(`${report.stop_reason}; ${report.split.train} training rows, ${report.split.test} test rows, ${report.features} features`);
  console.log('');
  console.log(formatMetrics(report.metrics));
  if (report.train_metrics_rows !== undefined) console.log(`(training metrics on a seeded sample of ${report.train_metrics_rows} training rows)`);
  if (report.metrics.cv && report.validation) {
    const v = report.validation;
    const what = v.test_size !== undefined ? `${v.folds} random splits at test size ${v.test_size}` : `${v.folds}-fold cross-validation`;
    console.log(`\n${what} on the training rows (${v.method}${v.group ? ` by ${v.group}` : ''}; ${v.test_size !== undefined ? 'held-out' : 'fold'} sizes ${v.fold_rows.join(', ')}):`);
    console.log(formatCv(report.metrics.cv));
  }
  const cvTime = report.timings_ms.cross_validate !== undefined ? `, cross-validate ${num(report.timings_ms.cross_validate)}` : '';
  console.log(`\ntime: ${num(report.timings_ms.total)} ms (prepare ${num(report.timings_ms.prepare)}${cvTime}, train ${num(report.timings_ms.train)}, evaluate ${num(report.timings_ms.evaluate)})`);
  return trained;
}

/** Writes the model file (`--out`) and the report (`--report`) when asked. */
export async function writeFiles(file: object, report: object, options: { out?: string; report?: string }): Promise<void> {
  if (options.out) {
    await writeJson(options.out, file, 0);
    console.log(`model written to ${options.out}`);
  }
  if (options.report) {
    await writeJson(options.report, report);
    console.log(`report written to ${options.report}`);
  }
}

/**
 * `--steps steps.json`: the recipe's steps from a file (checked as untrusted input, errors naming
 * the file and the step), said in one line before training.
 */
export function stepsOption(path: string): StepSpec[] {
  const { steps, source } = readStepsFile(path);
  console.log(`recipe steps from ${basename(path)} (${source}): ${steps.map((s) => s.step).join(', ') || 'none'}`);
  return steps;
}

export function parseTask(task: string | undefined): Task | 'classification' | undefined {
  if (task === undefined) return undefined;
  const known = ['classification', 'regression', 'binary', 'multiclass'];
  if (!known.includes(task)) throw new SaplingError('bad-task', `--task must be classification or regression, got "${task}"`);
  return task as Task | 'classification';
}

/** Auto's time budget without --budget, in seconds. */
const AUTO_BUDGET_S = 60;

/**
 * `--model auto`: compares every family that fits the task on the same folds of the training rows
 * (the test rows set aside exactly as the final run sets them aside), tunes the leaders, prints
 * the leaderboard and why the winner won, and returns it.
 */
async function chooseModel(path: string, table: DataTable, testTable: DataTable | undefined, config: TrainConfig, options: TrainOptions, tfjsBackend: () => Promise<string>, pool?: WorkerPool) {
  const budgetS = positiveOption('--budget', options.budget, AUTO_BUDGET_S);
  const folds = foldsOption(options.cv, 5);
  // Linear models and the network are TF.js: start it before comparing.
  const backend = await tfjsBackend();
  // The rows the final run will train on (its test rows set aside the same way), split once here.
  const { data, split } = splitForRun(table, config, testTable);
  const limit = options.trials !== undefined ? `${options.trials} tuning trials per leading model (no time budget)` : `budget ${budgetS} s`;
  console.log(`auto: comparing models on ${basename(path)}: ${split.train.length} training rows, ${folds}-fold cross-validation, ${limit}`);
  const bestOf = new Map<string, number>();
  const trials = options.trials === undefined ? undefined : wholeOption('--trials', options.trials, 0, 0);
  const autoOptions = { budgetMs: budgetS * 1000, folds, ...(trials !== undefined ? { trials } : {}) };
  const result = await autoModel(selectRows(data, split.train), config, autoOptions, {
    onRow: (r) => {
      if (!Number.isNaN(r.score)) bestOf.set(r.model, r.score);
      printRow(r);
    },
    host: pool,
    backend,
    // Tuning prints only the candidates that beat the family's best so far (there can be hundreds).
    onTrial: (t) => {
      if (!(t.score > (bestOf.get(t.model) ?? -Infinity))) return;
      bestOf.set(t.model, t.score);
      console.log(`  tuning ${t.model}: ${Object.entries(t.params).map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : v}`).join(' ')}  ${num(t.score)} (trial ${t.index + 1})`);
    },
  });
  console.log(`\n${result.stopReason}; leaderboard (${result.metric}, defaults, same folds):`);
  console.log(formatLeaderboard(result.leaderboard, result.metric));
  if (result.rescored.length) console.log(`\ntuned bests scored again on fresh folds: ${result.rescored.map((r) => `${r.model} ${num(r.searched)} in the search, ${num(r.score)} afresh`).join('; ')}`);
  console.log(`\n${result.explanation}\n`);
  return { ...result, options: autoOptions };
}

function printRow(r: LeaderboardRow): void {
  const score = Number.isNaN(r.score) ? `failed: ${r.error}` : `${num(r.score)} ± ${num(r.metrics[r.metrics.r2 ? 'r2' : 'accuracy'].std)}`;
  console.log(`  ${r.model.padEnd(12)} ${score}  ${num(r.ms / 1000)} s`);
}

/** `--cv K` or `--holdout R`, with an optional `--group` column: how the training rows are validated. */
function validationOption(options: TrainOptions): ValidationSpec | undefined {
  if (options.cv !== undefined && options.holdout !== undefined) throw new SaplingError('bad-param', 'choose one of --cv K (k-fold) and --holdout R (repeated holdout)');
  const group = options.group !== undefined ? { group: options.group } : {};
  if (options.holdout !== undefined) return { folds: wholeOption('--holdout', options.holdout, 0, 2), method: 'holdout', ...group };
  const folds = foldsOption(options.cv, undefined);
  if (options.group !== undefined && folds === undefined) throw new SaplingError('bad-param', '--group goes with --cv K or --holdout R (it says how rows are kept together in folds)');
  return folds !== undefined ? { folds, ...group } : undefined;
}
