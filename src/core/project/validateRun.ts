import { SaplingError } from '../util/errors';
import type { RunRecord } from './runRecord';

/**
 * Checks that a value read from a project file (or the browser's storage) is a run record, part by
 * part, naming the first thing that is wrong by its path: `runs[3].seed is not a number`.
 */

const KINDS = ['train', 'auto', 'tune'];
const STATUSES = ['succeeded', 'failed', 'cancelled'];
const TASKS = ['binary', 'multiclass', 'regression'];
const UNSUPERVISED_TASKS = ['clustering', 'projection'];

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

function boolean(x: unknown, path: string): boolean {
  if (typeof x !== 'boolean') fail(path, x === undefined ? 'is missing' : 'is not true or false');
  return x;
}

function oneOf(x: unknown, path: string, allowed: readonly string[]): string {
  if (typeof x !== 'string' || !allowed.includes(x)) fail(path, `is ${JSON.stringify(x) ?? 'missing'}, not one of ${allowed.join(', ')}`);
  return x;
}

function numbers(x: unknown, path: string): void {
  for (const [k, v] of Object.entries(object(x, path))) number(v, `${path}.${k}`);
}

/** Validates one run record at `path` (e.g. `runs[3]`) and returns it typed. */
export function validateRun(x: unknown, path: string): RunRecord {
  const run = object(x, path);
  string(run.id, `${path}.id`);
  if (run.id === '') fail(`${path}.id`, 'is empty');
  const startedAt = string(run.startedAt, `${path}.startedAt`);
  if (Number.isNaN(Date.parse(startedAt))) fail(`${path}.startedAt`, `is not a date and time (got ${JSON.stringify(startedAt)})`);
  oneOf(run.kind, `${path}.kind`, KINDS);
  const status = oneOf(run.status, `${path}.status`, STATUSES);
  if (run.error !== undefined) string(run.error, `${path}.error`);
  if (status === 'failed') string(run.error, `${path}.error`);

  const data = object(run.data, `${path}.data`);
  string(data.name, `${path}.data.name`);
  string(data.fingerprint, `${path}.data.fingerprint`);
  number(data.rows, `${path}.data.rows`);
  number(data.columns, `${path}.data.columns`);

  const problem = object(run.problem, `${path}.problem`);
  if (problem.target === null) oneOf(problem.task, `${path}.problem.task`, UNSUPERVISED_TASKS);
  else {
    string(problem.target, `${path}.problem.target`);
    oneOf(problem.task, `${path}.problem.task`, TASKS);
  }

  const recipe = object(run.recipe, `${path}.recipe`);
  boolean(recipe.dropDuplicateRows, `${path}.recipe.dropDuplicateRows`);
  number(recipe.testSize, `${path}.recipe.testSize`);
  boolean(recipe.stratify, `${path}.recipe.stratify`);
  if (!Array.isArray(recipe.steps)) fail(`${path}.recipe.steps`, recipe.steps === undefined ? 'is missing' : 'is not a list');
  recipe.steps.forEach((s, i) => {
    const step = object(s, `${path}.recipe.steps[${i}]`);
    string(step.step, `${path}.recipe.steps[${i}].step`);
    if (step.params !== undefined) object(step.params, `${path}.recipe.steps[${i}].params`);
  });

  const model = object(run.model, `${path}.model`);
  string(model.id, `${path}.model.id`);
  object(model.params, `${path}.model.params`);
  number(run.seed, `${path}.seed`);
  const validation = object(run.validation, `${path}.validation`);
  number(validation.folds, `${path}.validation.folds`);
  oneOf(validation.method, `${path}.validation.method`, ['k-fold', 'holdout']);
  if (validation.group !== null) string(validation.group, `${path}.validation.group`);
  if (run.backend !== null) string(run.backend, `${path}.backend`);
  number(run.durationMs, `${path}.durationMs`);

  const metrics = object(run.metrics, `${path}.metrics`);
  for (const key of ['test', 'train', 'found'] as const) if (metrics[key] !== undefined) numbers(metrics[key], `${path}.metrics.${key}`);
  if (metrics.cv !== undefined) {
    for (const [k, v] of Object.entries(object(metrics.cv, `${path}.metrics.cv`))) {
      const m = object(v, `${path}.metrics.cv.${k}`);
      number(m.mean, `${path}.metrics.cv.${k}.mean`);
      number(m.std, `${path}.metrics.cv.${k}.std`);
    }
  }

  if (run.result !== undefined) {
    const result = object(run.result, `${path}.result`);
    string(result.model, `${path}.result.model`);
    object(result.params, `${path}.result.params`);
    number(result.rows, `${path}.result.rows`);
    number(result.features, `${path}.result.features`);
    string(result.stopReason, `${path}.result.stopReason`);
    if (result.split !== undefined) {
      const split = object(result.split, `${path}.result.split`);
      number(split.train, `${path}.result.split.train`);
      number(split.test, `${path}.result.split.test`);
    }
    if (result.explanation !== undefined) string(result.explanation, `${path}.result.explanation`);
  }
  return run as unknown as RunRecord;
}
