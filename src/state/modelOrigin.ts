import type { RecipeSpec } from '../core/prep/recipe';
import type { ModelTask, Task, UnsupervisedTask } from '../core/problem';
import { Fingerprinter } from '../core/util/hash';
import type { ModelSummary } from '../workers/protocol';

/**
 * Where the studio's model came from, kept with it: the settings it was trained with (data, target,
 * task, recipe, model) or the file it was imported from. Screens compare it with the current
 * settings to say what no longer matches (issue 12, point 2) instead of each resetting on its own.
 */

/** The data a model was trained on: enough to recognise it (the fingerprint) and to name it. */
export interface DataRef {
  readonly name: string;
  /** `fingerprintTable` of the loaded table: equal fingerprints mean the same data, read the same way. */
  readonly fingerprint: string;
  readonly rows: number;
}

/** The settings a model was trained with (fingerprints for the recipe and the parameters), or the file it came from. */
export type ModelOrigin =
  | {
      readonly source: 'trained';
      readonly data: DataRef;
      /** The column predicted; null without a target. */
      readonly target: string | null;
      readonly task: ModelTask;
      readonly recipe: string;
      /** The model as picked (`auto` for an Auto run, whose winner is in the summary). */
      readonly model: string;
      readonly params: string;
      readonly seed: number;
      /** When the run started, in ms since the epoch. */
      readonly at: number;
    }
  | { readonly source: 'imported'; readonly file: string; readonly at: number };

/** The origin of a model trained in the studio. */
export type TrainedOrigin = Extract<ModelOrigin, { readonly source: 'trained' }>;

/** A model the studio holds (trained or imported) with its origin. */
export type StudioModel = ModelSummary & { readonly origin: ModelOrigin };

/** The parts of the studio's state a model is trained from (the store's state has them all). */
export interface OriginSettings {
  readonly dataset: { readonly result?: { readonly name: string; readonly fingerprint: string; readonly profile: { readonly rows: number } } };
  readonly target: string | null;
  readonly noTarget: UnsupervisedTask | null;
  readonly targetSummary: { readonly task: Task } | null;
  readonly recipe: RecipeSpec | null;
  readonly modelId: string | null;
  readonly modelParams: Readonly<Record<string, unknown>>;
  readonly seed: number;
}

/** What a problem is: the column predicted (null without one) and the task; null when none is chosen. */
export interface ProblemRef {
  readonly target: string | null;
  readonly task: ModelTask;
}

/** One way the current settings differ from those a model was trained with. */
export type Change =
  | { readonly what: 'data'; readonly was: DataRef; readonly now: DataRef | null }
  | { readonly what: 'problem'; readonly was: ProblemRef; readonly now: ProblemRef | null }
  | { readonly what: 'task'; readonly was: ModelTask; readonly now: ModelTask }
  | { readonly what: 'recipe' }
  | { readonly what: 'model'; readonly was: string; readonly now: string | null }
  | { readonly what: 'params' }
  | { readonly what: 'seed'; readonly was: number; readonly now: number };

/** The changes that make a model's figures out of date (Evaluate, Export); another model picked or other settings only concern the next run. */
const OUTDATING: ReadonlySet<Change['what']> = new Set(['data', 'problem', 'task', 'recipe']);

/** A fingerprint of plain data (a recipe, parameters): key order does not matter, array order does. */
export function fingerprintOf(value: unknown): string {
  return new Fingerprinter().updateString(canonicalJson(value)).digest();
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The loaded data as a reference, or null when none is loaded. */
function dataOf(s: OriginSettings): DataRef | null {
  const d = s.dataset.result;
  return d ? { name: d.name, fingerprint: d.fingerprint, rows: d.profile.rows } : null;
}

/** The problem the settings define, or null when no target (and no learning without one) is chosen. */
function problemOf(s: OriginSettings): ProblemRef | null {
  if (s.noTarget) return { target: null, task: s.noTarget };
  return s.target && s.targetSummary ? { target: s.target, task: s.targetSummary.task } : null;
}

/**
 * The origin of a run started now with settings `s` at time `at`; `params` replaces the form's
 * parameters (a tuning fills the form with the settings it found). Null when nothing can be trained.
 */
export function trainedOrigin(s: OriginSettings, at: number, params?: Readonly<Record<string, unknown>>): TrainedOrigin | null {
  const data = dataOf(s);
  const problem = problemOf(s);
  if (!data || !problem || !s.recipe || !s.modelId) return null;
  return { source: 'trained', data, ...problem, recipe: fingerprintOf(s.recipe), model: s.modelId, params: fingerprintOf(params ?? s.modelParams), seed: s.seed, at };
}

/**
 * How the current settings `s` differ from those `origin` was trained with, most fundamental
 * first. A change that follows from an earlier one is left out: a new target brings its own
 * recipe and task, new data its own target. An imported model has no settings to differ from.
 */
export function changesSince(origin: ModelOrigin, s: OriginSettings): Change[] {
  if (origin.source === 'imported') return [];
  const changes: Change[] = [];
  const data = dataOf(s);
  const problem = problemOf(s);
  const sameData = data !== null && data.name === origin.data.name && data.fingerprint === origin.data.fingerprint;
  if (!sameData) changes.push({ what: 'data', was: origin.data, now: data });
  const wasProblem = { target: origin.target, task: origin.task };
  const sameColumn = problem !== null && problem.target === origin.target && (origin.target !== null || problem.task === origin.task);
  if (sameData && !sameColumn) changes.push({ what: 'problem', was: wasProblem, now: problem });
  if (sameData && sameColumn && problem && problem.task !== origin.task) changes.push({ what: 'task', was: origin.task, now: problem.task });
  if (sameData && sameColumn && s.recipe && fingerprintOf(s.recipe) !== origin.recipe) changes.push({ what: 'recipe' });
  if (s.modelId !== origin.model) changes.push({ what: 'model', was: origin.model, now: s.modelId });
  else if (fingerprintOf(s.modelParams) !== origin.params) changes.push({ what: 'params' });
  if (s.seed !== origin.seed) changes.push({ what: 'seed', was: origin.seed, now: s.seed });
  return changes;
}

/** The changes that leave a model's figures out of date (new data, target, task or recipe); empty when it still matches. */
export function outdatingChanges(origin: ModelOrigin, s: OriginSettings): Change[] {
  return changesSince(origin, s).filter((c) => OUTDATING.has(c.what));
}
