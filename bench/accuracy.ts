/**
 * The accuracy benchmark: every Sapling model family (read from the registry, so new ones join by
 * themselves) against scikit-learn's default model of the same family, on public data sets, with the
 * same train/test split and equivalent preprocessing. The issue's bar: within 0.03 accuracy of
 * scikit-learn (0.05 R² for regression).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initNodeBackend } from '../src/cli/backend';
import { readCsvFile } from '../src/cli/io';
import { ENSEMBLE_MEMBERS } from '../src/core/models/info';
import { MODEL_REGISTRY } from '../src/core/models/registry';
import { defaultRecipe } from '../src/core/prep/recipe';
import { profileTable } from '../src/core/profile/profile';
import { type ProblemSpec, resolveProblem } from '../src/core/problem';
import type { DataTable } from '../src/core/table/DataTable';
import { runTraining } from '../src/core/train/runTraining';
import { autoModel } from '../src/core/tune/auto';
import { DATA_DIR } from './data';
import { defaultDifferences } from './sklearnDefaults';

const PYTHON = '/usr/bin/python3';
const FOLDER = join(DATA_DIR, 'accuracy');
/** Where accuracy_data.py writes the data sets' train/test files (the features bench reads them too). */
export const ACCURACY_FOLDER = FOLDER;
const SAMPLES = join(import.meta.dirname, '..', 'public', 'samples');
/** Seeds per model: scores are means over them, so one lucky or unlucky seed does not decide. */
const SEEDS = [0, 1, 2];
const THRESHOLD = { classification: 0.03, regression: 0.05 };

/**
 * Why a family misses the bar, as diagnosed when the benchmark was written; printed under the table
 * only while the miss lasts. Keyed by family, or `family/task` where it depends on the task.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'mlp/regression':
    "scikit-learn's MLPRegressor fits the raw target (25–346 here) with 200 epochs of 2 mini-batches and does not converge; " +
    "Sapling standardises the target and stops early. scikit-learn with a standardised target and early stopping reaches R² 0.35, as Sapling does.",
};

/** Why Titanic is not in the table when it is not (the issue lists it). */
const TITANIC =
  "Titanic is left out: it is read from R's carData package (TitanicSurvival, GPL ≥ 2, not copied into this repository); " +
  "install Debian's r-cran-cardata (`apt-get install r-cran-cardata`, which brings R) to include it.";

/** One data set of the manifest written by accuracy_data.py. */
export interface Dataset {
  readonly name: string;
  readonly task: 'classification' | 'regression';
  readonly target: string;
  readonly source: string;
  readonly rows: number;
  readonly train: string;
  readonly test: string;
}

/** A data set read the way `sapling train --test` reads it, with the columns the default recipe keeps. */
interface Prepared {
  readonly dataset: Dataset;
  readonly train: DataTable;
  readonly test: DataTable;
  readonly problem: ProblemSpec;
  readonly columns: { numeric: string[]; categorical: string[]; boolean: string[] };
}

/** scikit-learn's result for one data set and family (score null: no counterpart for the task). */
interface SklearnResult {
  readonly dataset: string;
  readonly family: string;
  readonly score: number | null;
  readonly estimator?: string;
  readonly params?: Record<string, unknown>;
  /** The optimiser ran out of iterations on some seed (ConvergenceWarning). */
  readonly unconverged?: boolean;
}

/**
 * A manifest accuracy_data.py writes (with `args` after its folders), written again when the script
 * changed or when `incomplete` finds something missing from the one there.
 */
function manifest(file: string, args: readonly string[], incomplete: (text: string) => boolean): Dataset[] {
  const path = join(FOLDER, file);
  const script = join(import.meta.dirname, 'accuracy_data.py');
  const stale = !existsSync(path) || statSync(path).mtimeMs < statSync(script).mtimeMs;
  if (stale || incomplete(readFileSync(path, 'utf8'))) {
    const r = spawnSync(PYTHON, [script, SAMPLES, FOLDER, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`accuracy_data.py failed: ${r.stderr.slice(-800)}`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Dataset[];
}

/** The train/test files, written by Python once (again when the export script changes). */
export function ensureDatasets(): Dataset[] {
  // Written before R was installed: again, to add Titanic.
  return manifest('datasets.json', [], (text) => !text.includes('"titanic"') && spawnSync('Rscript', ['--version']).status === 0);
}

async function prepare(dataset: Dataset): Promise<Prepared> {
  const train = (await readCsvFile(join(FOLDER, dataset.train))).table;
  // As the CLI does: the test file is read with the training file's column kinds.
  const kinds = Object.fromEntries(train.columns.map((c) => [c.name, c.kind]));
  const test = (await readCsvFile(join(FOLDER, dataset.test), { kinds })).table;
  const problem = resolveProblem(train, dataset.target, dataset.task);
  const dropped = new Set((defaultRecipe(profileTable(train), dataset.target).steps[0].params?.columns as string[]) ?? []);
  const columns: Prepared['columns'] = { numeric: [], categorical: [], boolean: [] };
  for (const c of train.columns) {
    if (c.name === dataset.target || dropped.has(c.name)) continue;
    if (c.kind === 'numeric' || c.kind === 'categorical' || c.kind === 'boolean') columns[c.kind].push(c.name);
  }
  return { dataset, train, test, problem, columns };
}

/** scikit-learn's scores, computed in a child process while Sapling trains (two cores). */
function sklearnScores(prepared: Prepared[], families: string[]): Promise<SklearnResult[]> {
  const specPath = join(FOLDER, 'spec.json');
  const spec = { folder: FOLDER, seeds: SEEDS, families, datasets: prepared.map((p) => ({ ...p.dataset, columns: p.columns })) };
  writeFileSync(specPath, JSON.stringify(spec, null, 2));
  return new Promise((resolve, reject) => {
    // One thread for scikit-learn (OpenMP, BLAS): their spinning threads would otherwise take the core Sapling runs on.
    const threads = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const child = spawn(PYTHON, [join(import.meta.dirname, 'sklearn_accuracy.py'), specPath], { env: { ...process.env, ...threads } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sklearn_accuracy.py failed: ${err.slice(-800)}`));
      writeFileSync(join(FOLDER, 'sklearn-results.json'), out);
      resolve((JSON.parse(out) as { results: SklearnResult[] }).results);
    });
  });
}

/** Sapling's mean test score over the seeds, as `sapling train --test` computes it, and its default params. */
async function saplingScore(p: Prepared, family: string): Promise<{ score: number; scores: number[]; params: Record<string, unknown>; seconds: number }> {
  const recipe = defaultRecipe(profileTable(p.train), p.problem.target);
  const metric = p.problem.task === 'regression' ? 'r2' : 'accuracy';
  const scores: number[] = [];
  let params: Record<string, unknown> = {};
  const t0 = performance.now();
  for (const seed of SEEDS) {
    const { report } = await runTraining(p.train, { problem: p.problem, recipe, model: { id: family, params: {} }, seed }, {}, p.test);
    scores.push(report.metrics.test[metric]);
    params = { ...report.params };
  }
  return { score: scores.reduce((a, b) => a + b, 0) / scores.length, scores, params, seconds: (performance.now() - t0) / 1000 / SEEDS.length };
}

const f3 = (v: number) => v.toFixed(3).replace('-', '−');
const signed = (v: number) => (Math.abs(v) < 0.0005 ? '±' : v > 0 ? '+' : '−') + Math.abs(v).toFixed(3);

/** Runs the section, printing (through `say`) the table and its notes. */
export async function accuracySection(say: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  await initNodeBackend();
  const datasets = ensureDatasets();
  const prepared = await Promise.all(datasets.map(prepare));
  // Families with a scikit-learn default to set beside (not the ensemble, made of them).
  const families = MODEL_REGISTRY.filter((m) => !m.composite && prepared.some((p) => m.tasks.includes(p.problem.task))).map((m) => m.id);
  const sklearnPromise = sklearnScores(prepared, families);

  const rows: { p: Prepared; family: string; ours: Awaited<ReturnType<typeof saplingScore>> }[] = [];
  for (const p of prepared) {
    for (const model of MODEL_REGISTRY) {
      if (!model.tasks.includes(p.problem.task) || model.composite) continue;
      rows.push({ p, family: model.id, ours: await saplingScore(p, model.id) });
    }
  }
  const sklearn = await sklearnPromise;
  writeFileSync(join(FOLDER, 'sapling-results.json'), JSON.stringify(rows.map((r) => ({ dataset: r.p.dataset.name, family: r.family, ...r.ours })), null, 2));

  say(
    `Held-out score of each model family with its default parameters, Sapling against scikit-learn ${sklearnVersion()} on the same ` +
      `split (25% test, stratified, \`random_state=0\`) and equivalent preprocessing (mean imputation, standard scaling, one-hot); ` +
      `accuracy for classification, R² for regression; mean over seeds ${SEEDS.join(', ')} on both sides. ` +
      `Bar: within ${THRESHOLD.classification} (${THRESHOLD.regression} R²). Note: defaults that differ, as \`name Sapling/scikit-learn\`.`,
  );
  say('');
  say('| data set | family | Sapling | scikit-learn | difference | within bar | note |');
  say('| --- | --- | --- | --- | --- | --- | --- |');
  const misses: string[] = [];
  const explained = new Map<string, string>();
  let within = 0;
  let compared = 0;
  for (const { p, family, ours } of rows) {
    const ref = sklearn.find((r) => r.dataset === p.dataset.name && r.family === family);
    const label = `${p.dataset.name} (${p.train.rowCount}+${p.test.rowCount})`;
    if (!ref || ref.score === null) {
      say(`| ${label} | ${family} | ${f3(ours.score)} | — | | | no scikit-learn counterpart mapped |`);
      continue;
    }
    const diff = ours.score - ref.score;
    const bar = p.problem.task === 'regression' ? THRESHOLD.regression : THRESHOLD.classification;
    const verdict = Math.abs(diff) <= bar ? 'yes' : diff > 0 ? 'no (ahead)' : '**no**';
    compared++;
    if (Math.abs(diff) <= bar) within++;
    else {
      misses.push(`${p.dataset.name}/${family} (${signed(diff)})`);
      const key = [`${family}/${p.problem.task === 'regression' ? 'regression' : 'classification'}`, family].find((k) => k in KNOWN_GAPS);
      if (key) explained.set(key, KNOWN_GAPS[key]);
    }
    const differences = defaultDifferences(family, ours.params, p.problem.task, p.train.rowCount, ref.params ?? {});
    const note = differences === null ? 'defaults not compared (no parameter map)' : [...differences, ...(ref.unconverged ? ['scikit-learn stopped at max_iter unconverged'] : [])].join('; ');
    say(`| ${label} | ${family} | ${f3(ours.score)} | ${f3(ref.score)} (${ref.estimator}) | ${signed(diff)} | ${verdict} | ${note} |`);
  }
  say('');
  say(`${within} of ${compared} within the bar${misses.length ? `; outside: ${misses.join(', ')}` : ''}.`);
  if (explained.size) say('');
  for (const [key, why] of explained) say(`- ${key}: ${why}`);
  if (!prepared.some((p) => p.dataset.name === 'titanic')) {
    say('');
    say(TITANIC);
  }
  const slowest = [...rows].sort((a, b) => b.ours.seconds - a.ours.seconds).slice(0, 3);
  say(
    `Section time ${((performance.now() - t0) / 1000).toFixed(0)} s (scikit-learn in a parallel process); Sapling's slowest fits: ` +
      `${slowest.map((r) => `${r.p.dataset.name}/${r.family} ${r.ours.seconds.toFixed(1)} s`).join(', ')}.`,
  );
}

function sklearnVersion(): string {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '(version unknown)';
}

/** Seconds Auto gets per data set in the benchmark (the CLI's default is 60; a third keeps the bench short). */
const AUTO_BUDGET_S = Number(process.env.SAPLING_AUTO_BUDGET ?? 20);
/**
 * Tuning trials per leading family instead of the clock (`SAPLING_AUTO_TRIALS=N`, as `--trials N`):
 * the same choice on any machine, however busy, so runs before and after a change compare.
 */
const AUTO_TRIALS = process.env.SAPLING_AUTO_TRIALS !== undefined ? Number(process.env.SAPLING_AUTO_TRIALS) : undefined;
/** scikit-learn's defaults Auto must match or beat: a linear model, a random forest, histogram boosting. */
const AUTO_RIVALS = ['logistic', 'linear', 'forest', 'gbdt'];

/** Auto's options in the benchmark: the bench's budget, or a trial count. */
const AUTO_OPTIONS = { budgetMs: AUTO_BUDGET_S * 1000, folds: 5, ...(AUTO_TRIALS !== undefined ? { trials: AUTO_TRIALS } : {}) };

/** What Auto chose on one data set and how its test score compares with the best scikit-learn default's. */
async function autoAgainstRivals(p: Prepared, sklearn: readonly SklearnResult[]): Promise<{ chose: string; ours: number; best: SklearnResult; diff: number; ok: boolean }> {
  const config = { problem: p.problem, recipe: defaultRecipe(profileTable(p.train), p.problem.target), model: { id: 'auto', params: {} }, seed: 0 };
  const auto = await autoModel(p.train, config, AUTO_OPTIONS);
  const { report } = await runTraining(p.train, { ...config, model: { id: auto.winner.model, params: auto.winner.params } }, {}, p.test);
  const metric = p.problem.task === 'regression' ? 'r2' : 'accuracy';
  const ours = report.metrics.test[metric];
  const rivals = sklearn.filter((r) => r.dataset === p.dataset.name && r.score !== null);
  const best = rivals.reduce((a, b) => (b.score! > a.score! ? b : a));
  const diff = ours - best.score!;
  const tuned = Object.keys(auto.winner.params).length ? ' (tuned)' : '';
  // An ensemble's params switch its members on: name them instead.
  const members = ENSEMBLE_MEMBERS.filter((f) => auto.winner.params[f.id] === true && f.tasks.includes(p.problem.task)).map((f) => f.id);
  const chose = auto.winner.model === 'ensemble' ? `ensemble (${members.join(' + ')})` : `${auto.winner.model}${tuned}`;
  // Scores are read at three decimals, as in the tables.
  return { chose, ours, best, diff, ok: Math.round(diff * 1000) >= 0 };
}

function autoSettings(): string {
  return AUTO_TRIALS !== undefined ? `${AUTO_TRIALS} tuning trials per leading model (no clock, \`--trials ${AUTO_TRIALS}\`)` : `a ${AUTO_BUDGET_S} s budget`;
}

/**
 * The Auto section: on each data set, `--model auto` (compare on the training file's folds, tune
 * the leaders, refit the winner) scored once on the test file, against the best of scikit-learn's
 * default logistic / linear regression, random forest and HistGradientBoosting on the same split.
 */
export async function autoSection(say: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  await initNodeBackend();
  const prepared = await Promise.all(ensureDatasets().map(prepare));
  const sklearn = await sklearnScores(prepared, AUTO_RIVALS);
  say(
    `\`--model auto\` with ${autoSettings()} per data set (5-fold cross-validation on the training file, seed 0), its winner tested once on the test ` +
      `file, against the best of scikit-learn's default logistic / linear regression, random forest and HistGradientBoosting on the same split ` +
      `(mean over seeds ${SEEDS.join(', ')}). Goal: at least that best.`,
  );
  say('');
  say('| data set | Auto chose | Sapling Auto | best scikit-learn default | difference | goal met |');
  say('| --- | --- | --- | --- | --- | --- |');
  let met = 0;
  for (const p of prepared) {
    const { chose, ours, best, diff, ok } = await autoAgainstRivals(p, sklearn);
    if (ok) met++;
    say(`| ${p.dataset.name} | ${chose} | ${f3(ours)} | ${f3(best.score!)} (${best.estimator}) | ${signed(diff)} | ${ok ? 'yes' : '**no**'} |`);
  }
  say('');
  say(`Goal met on ${met} of ${prepared.length} data sets. Section time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
}

/** The other train/test splits the Auto benchmark is checked on (random_state of scikit-learn's train_test_split; 0 is the main table's). */
const SPLIT_SEEDS = [1, 2, 3, 4];

/** The data sets split again with each of SPLIT_SEEDS (written by Python once, again when the script changes). */
function ensureSplits(): Dataset[] {
  // Again when the main split has gained Titanic (R installed since).
  const main = ensureDatasets();
  return manifest('datasets-splits.json', [SPLIT_SEEDS.join(',')], (text) => main.some((d) => d.name === 'titanic') && !text.includes('"titanic@'));
}

/**
 * Auto against the same rivals on every data set split five ways (the main split and SPLIT_SEEDS):
 * one test file of a few hundred rows decides a goal like this by a row or two, so this says how
 * often, and by how much on average, Auto matches or beats the best default over other splits.
 */
export async function autoSplitsSection(say: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  await initNodeBackend();
  const prepared = await Promise.all([...ensureDatasets(), ...ensureSplits()].map(prepare));
  const sklearn = await sklearnScores(prepared, AUTO_RIVALS);
  say(
    `\`--model auto\` with ${autoSettings()} on every data set split five ways (scikit-learn's train_test_split, test_size 0.25, random_state 0 — the table above — and ${SPLIT_SEEDS.join(', ')}), ` +
      `each split's winner against the best of the same scikit-learn defaults on that split.`,
  );
  say('');
  say('| data set | goal met | mean difference | worst split | Auto chose |');
  say('| --- | --- | --- | --- | --- |');
  const base = (name: string) => name.split('@')[0];
  let met = 0;
  let sum = 0;
  for (const name of [...new Set(prepared.map((p) => base(p.dataset.name)))]) {
    const outcomes: Awaited<ReturnType<typeof autoAgainstRivals>>[] = [];
    for (const p of prepared.filter((q) => base(q.dataset.name) === name)) outcomes.push(await autoAgainstRivals(p, sklearn));
    const mean = outcomes.reduce((a, o) => a + o.diff, 0) / outcomes.length;
    const worst = outcomes.reduce((a, o) => (o.diff < a.diff ? o : a));
    met += outcomes.filter((o) => o.ok).length;
    sum += mean;
    const choices = [...new Set(outcomes.map((o) => o.chose))].map((c) => `${c} ×${outcomes.filter((o) => o.chose === c).length}`).join(', ');
    say(`| ${name} | ${outcomes.filter((o) => o.ok).length} of ${outcomes.length} | ${signed(mean)} | ${signed(worst.diff)} (${worst.best.estimator}) | ${choices} |`);
  }
  say('');
  say(`Goal met on ${met} of ${prepared.length} splits; mean difference over the data sets ${signed(sum / new Set(prepared.map((p) => base(p.dataset.name))).size)}. Section time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
}
