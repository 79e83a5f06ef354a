import { basename } from 'node:path';
import { resolveParams } from '../core/params';
import type { StepSpec } from '../core/prep/recipeSpec';
import { getStep } from '../core/prep/registry';
import { SaplingError, errorMessage } from '../core/util/errors';
import { hasOwn } from '../core/util/keyed';
import { fileSource, readBytes } from './io';

/**
 * `sapling train --steps steps.json`: a recipe's step list read from a file someone wrote by hand or
 * saved from the studio, checked as untrusted input before any data is read, so a mistake is named
 * with the step's place in the list (`steps.json: step 3 ("bins"): bins must be …`).
 */

/** The largest step-list file read: a recipe by hand or from the studio is a few kilobytes. */
export const STEPS_FILE_LIMIT = 1 << 20;

/** Where in the JSON the step list was found, as the CLI says it. */
export type StepsSource = 'a step list' | "a recipe's steps" | "a training config's recipe.steps" | "a model file's config.recipe.steps";

/** A checked step list and where in its JSON it was. */
export interface StepsFile {
  readonly steps: StepSpec[];
  readonly source: StepsSource;
}

/** Reads and checks a step-list file; every error names the file. */
export function readStepsFile(path: string): StepsFile {
  const name = basename(path);
  const size = fileSource(path).size;
  if (size > STEPS_FILE_LIMIT) {
    throw new SaplingError('bad-steps', `${name}: the file is ${(size / 2 ** 20).toFixed(1)} MB; a step list may be at most ${STEPS_FILE_LIMIT / 2 ** 20} MB`);
  }
  try {
    return parseStepsText(new TextDecoder().decode(readBytes(path)));
  } catch (e) {
    throw new SaplingError('bad-steps', `${name}: ${errorMessage(e)}`);
  }
}

/**
 * Parses a step list from JSON text: an array of `{"step": id, "params": {…}}` (a model file's
 * `config.recipe.steps`), or an object holding one as `steps` (a recipe), `recipe.steps` (a
 * training config) or `config.recipe.steps` (a whole model file). Each step's id must be registered
 * and its parameters must resolve against its schema.
 */
export function parseStepsText(text: string): StepsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SaplingError('bad-steps', `not JSON (${errorMessage(e)})`);
  }
  const { list, source } = findList(value);
  return { steps: list.map(checkStep), source };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The array of steps in `value`, looked for where a step list, recipe, config or model file holds it. */
function findList(value: unknown): { list: unknown[]; source: StepsSource } {
  if (Array.isArray(value)) return { list: value, source: 'a step list' };
  const at = (v: unknown, key: string) => (isRecord(v) && hasOwn(v, key) ? v[key] : undefined);
  const places: [unknown, string, StepsSource][] = [
    [at(value, 'steps'), 'steps', "a recipe's steps"],
    [at(at(value, 'recipe'), 'steps'), 'recipe.steps', "a training config's recipe.steps"],
    [at(at(at(value, 'config'), 'recipe'), 'steps'), 'config.recipe.steps', "a model file's config.recipe.steps"],
  ];
  for (const [list, path, source] of places) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new SaplingError('bad-steps', `"${path}" must be an array of steps, got ${describe(list)}`);
    return { list, source };
  }
  throw new SaplingError('bad-steps', `expected an array of steps like [{"step": "impute", "params": {}}] (or an object with one as "steps"), got ${describe(value)}`);
}

/** Checks entry `i` of the list: a known step id and parameters its schema accepts. */
function checkStep(entry: unknown, i: number): StepSpec {
  const where = `step ${i + 1}`;
  if (!isRecord(entry)) throw new SaplingError('bad-steps', `${where} must be an object {"step": id, "params": {…}}, got ${describe(entry)}`);
  const extra = Object.keys(entry).filter((k) => k !== 'step' && k !== 'params');
  if (extra.length) throw new SaplingError('bad-steps', `${where} has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((k) => JSON.stringify(k)).join(', ')} (known: step, params)`);
  const id = hasOwn(entry, 'step') ? entry.step : undefined;
  if (typeof id !== 'string') throw new SaplingError('bad-steps', `${where} needs "step": a step id, got ${describe(id)}`);
  let def;
  try {
    def = getStep(id);
  } catch (e) {
    throw new SaplingError('bad-steps', `${where}: ${errorMessage(e)}`);
  }
  const params = hasOwn(entry, 'params') ? entry.params : undefined;
  if (params !== undefined && !isRecord(params)) throw new SaplingError('bad-steps', `${where} ("${id}"): "params" must be an object, got ${describe(params)}`);
  // Resolved only to check them: the recipe keeps the parameters as written (defaults fill the rest when it is fitted).
  resolveParams(def.schema, params, `${where} ("${id}")`);
  return params === undefined ? { step: id } : { step: id, params };
}

/** A short description of a JSON value for an error message. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The columns a recipe's drop-columns steps name, for the line that says which columns are left out. */
export function droppedColumns(steps: readonly StepSpec[]): string[] {
  return steps.filter((s) => s.step === 'drop-columns').flatMap((s) => {
    const columns = s.params?.columns;
    return Array.isArray(columns) ? columns.filter((c): c is string => typeof c === 'string') : [];
  });
}
