import type { RawParams } from '../params';
import type { RecipeSpec, StepSpec } from '../prep/recipe';
import { SaplingError } from '../util/errors';
import type { MeanStd, RunData, RunKind, RunMetrics, RunProblem, RunRecord, RunResult, RunStatus } from './runRecord';

/**
 * Checks that a value read from a project file (or the browser's storage) is a run record, part by
 * part, naming the first thing that is wrong by its path: `runs[3].seed is not a number`. What it
 * returns is rebuilt from the checked fields only, so unknown keys never reach IndexedDB or exports.
 */

const KINDS: readonly RunKind[] = ['train', 'auto', 'tune'];
const STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
const TASKS = ['binary', 'multiclass', 'regression'] as const;
const UNSUPERVISED_TASKS = ['clustering', 'projection'] as const;
const METHODS = ['k-fold', 'holdout'] as const;
/** The studio's cross-validation: 0 (none) or 2–20 folds or repeats (`setValidation`). */
const MAX_FOLDS = 20;

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new SaplingError('bad-project-file', `${path} ${what}`);
}

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function object(x: unknown, path: string): Obj {
  if (!isObject(x)) fail(path, x === undefined ? 'is missing' : 'is not an object');
  return x;
}

function string(x: unknown, path: string): string {
  if (typeof x !== 'string') fail(path, x === undefined ? 'is missing' : 'is not a string');
  return x;
}

function number(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, x === undefined ? 'is missing' : 'is not a number');
  return x;
}

function wholeNumber(x: unknown, path: string): number {
  const n = number(x, path);
  if (!Number.isInteger(n)) fail(path, `is ${n}, not a whole number`);
  return n;
}

function boolean(x: unknown, path: string): boolean {
  if (typeof x !== 'boolean') fail(path, x === undefined ? 'is missing' : 'is not true or false');
  return x;
}

function oneOf<T extends string>(x: unknown, path: string, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !allowed.includes(x as T)) fail(path, `is ${JSON.stringify(x) ?? 'missing'}, not one of ${allowed.join(', ')}`);
  return x as T;
}

/** An object whose every value is a finite number (a run's metrics), copied. */
function numbers(x: unknown, path: string): Record<string, number> {
  return Object.fromEntries(Object.entries(object(x, path)).map(([k, v]) => [k, number(v, `${path}.${k}`)]));
}

/**
 * A UTC time as `Date.prototype.toISOString` writes it. Runs are sorted and compared by this text
 * (`newestFirst`, the comparison), which orders them in time only in this one form.
 */
function isoTime(x: unknown, path: string): string {
  const s = string(x, path);
  const time = new Date(s);
  if (Number.isNaN(time.getTime())) fail(path, `is not a date and time (got ${JSON.stringify(s)})`);
  if (time.toISOString() !== s) fail(path, `is not an ISO 8601 time in UTC such as ${time.toISOString()} (got ${JSON.stringify(s)})`);
  return s;
}

function validateData(x: unknown, path: string): RunData {
  const data = object(x, path);
  return {
    name: string(data.name, `${path}.name`),
    fingerprint: string(data.fingerprint, `${path}.fingerprint`),
    rows: number(data.rows, `${path}.rows`),
    columns: number(data.columns, `${path}.columns`),
  };
}

function validateProblem(x: unknown, path: string): RunProblem {
  const problem = object(x, path);
  if (problem.target === null) return { target: null, task: oneOf(problem.task, `${path}.task`, UNSUPERVISED_TASKS) };
  return { target: string(problem.target, `${path}.target`), task: oneOf(problem.task, `${path}.task`, TASKS) };
}

function validateStep(x: unknown, path: string): StepSpec {
  const step = object(x, path);
  const id = string(step.step, `${path}.step`);
  // A step's parameters are its own (checked by the step when the recipe runs): kept as they are.
  return step.params === undefined ? { step: id } : { step: id, params: object(step.params, `${path}.params`) as RawParams };
}

function validateRecipe(x: unknown, path: string): RecipeSpec {
  const recipe = object(x, path);
  const dropDuplicateRows = boolean(recipe.dropDuplicateRows, `${path}.dropDuplicateRows`);
  const testSize = number(recipe.testSize, `${path}.testSize`);
  // Re-run puts it back in the studio, whose split needs a share strictly between 0 and 1.
  if (!(testSize > 0 && testSize < 1)) fail(`${path}.testSize`, `is ${testSize}, not a share between 0 and 1`);
  const stratify = boolean(recipe.stratify, `${path}.stratify`);
  if (!Array.isArray(recipe.steps)) fail(`${path}.steps`, recipe.steps === undefined ? 'is missing' : 'is not a list');
  const steps = recipe.steps.map((s, i) => validateStep(s, `${path}.steps[${i}]`));
  return { dropDuplicateRows, testSize, stratify, steps };
}

function validateModel(x: unknown, path: string): RunRecord['model'] {
  const model = object(x, path);
  return { id: string(model.id, `${path}.id`), params: object(model.params, `${path}.params`) as RawParams };
}

function validateValidation(x: unknown, path: string): RunRecord['validation'] {
  const validation = object(x, path);
  const folds = wholeNumber(validation.folds, `${path}.folds`);
  if (folds !== 0 && (folds < 2 || folds > MAX_FOLDS)) fail(`${path}.folds`, `is ${folds}, not 0 (none) or from 2 to ${MAX_FOLDS}`);
  const method = oneOf(validation.method, `${path}.method`, METHODS);
  const group = validation.group === null ? null : string(validation.group, `${path}.group`);
  return { folds, method, group };
}

function validateMetrics(x: unknown, path: string): RunMetrics {
  const metrics = object(x, path);
  const out: { -readonly [K in keyof RunMetrics]: RunMetrics[K] } = {};
  for (const key of ['test', 'train', 'found'] as const) if (metrics[key] !== undefined) out[key] = numbers(metrics[key], `${path}.${key}`);
  if (metrics.cv !== undefined) {
    // Built from entries, not by assignment: a key `__proto__` from the file stays a key.
    out.cv = Object.fromEntries(
      Object.entries(object(metrics.cv, `${path}.cv`)).map(([k, v]): [string, MeanStd] => {
        const m = object(v, `${path}.cv.${k}`);
        return [k, { mean: number(m.mean, `${path}.cv.${k}.mean`), std: number(m.std, `${path}.cv.${k}.std`) }];
      }),
    );
  }
  return out;
}

function validateResult(x: unknown, path: string): RunResult {
  const result = object(x, path);
  const model = string(result.model, `${path}.model`);
  const params = object(result.params, `${path}.params`) as RawParams;
  const rows = number(result.rows, `${path}.rows`);
  const features = number(result.features, `${path}.features`);
  const stopReason = string(result.stopReason, `${path}.stopReason`);
  let split: RunResult['split'];
  if (result.split !== undefined) {
    const s = object(result.split, `${path}.split`);
    split = { train: number(s.train, `${path}.split.train`), test: number(s.test, `${path}.split.test`) };
  }
  const explanation = result.explanation === undefined ? undefined : string(result.explanation, `${path}.explanation`);
  return { model, params, rows, features, stopReason, ...(split ? { split } : {}), ...(explanation !== undefined ? { explanation } : {}) };
}

/** Validates one run record at `path` (e.g. `runs[3]`) and returns a typed copy of its known fields. */
export function validateRun(x: unknown, path: string): RunRecord {
  const run = object(x, path);
  const id = string(run.id, `${path}.id`);
  if (id === '') fail(`${path}.id`, 'is empty');
  const startedAt = isoTime(run.startedAt, `${path}.startedAt`);
  const kind = oneOf(run.kind, `${path}.kind`, KINDS);
  const status = oneOf(run.status, `${path}.status`, STATUSES);
  const error = run.error !== undefined || status === 'failed' ? string(run.error, `${path}.error`) : undefined;
  const record = {
    id,
    startedAt,
    kind,
    status,
    ...(error !== undefined ? { error } : {}),
    data: validateData(run.data, `${path}.data`),
    problem: validateProblem(run.problem, `${path}.problem`),
    recipe: validateRecipe(run.recipe, `${path}.recipe`),
    model: validateModel(run.model, `${path}.model`),
    seed: wholeNumber(run.seed, `${path}.seed`),
    validation: validateValidation(run.validation, `${path}.validation`),
    backend: run.backend === null ? null : string(run.backend, `${path}.backend`),
    durationMs: number(run.durationMs, `${path}.durationMs`),
    metrics: validateMetrics(run.metrics, `${path}.metrics`),
  };
  if (run.result === undefined) {
    // The history's score, comparison and re-run of a tuning all read a finished run's result.
    if (status === 'succeeded') fail(`${path}.result`, 'is missing: a run that succeeded keeps what it produced');
    return record;
  }
  return { ...record, result: validateResult(run.result, `${path}.result`) };
}
