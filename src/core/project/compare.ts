import { LOWER_IS_BETTER, METRIC_LABELS } from '../evaluate/evaluate';
import { choiceInfo } from '../models/info';
import type { RawParams } from '../params';
import { STEP_REGISTRY } from '../prep/registry';
import { own } from '../util/keyed';
import { FOUND_LABELS, type MeanStd, type RunRecord } from './runRecord';

/** The parts of a comparison, in the order they are shown. */
export type CompareGroup = 'Data' | 'Problem' | 'Recipe' | 'Model' | 'Run' | 'Test metrics' | 'Cross-validation' | 'Training metrics' | 'Found';

/** A value of one run in a comparison row; null where the run has none. */
export type CompareValue = string | number | MeanStd | null;

/** One line of a side-by-side comparison of two runs. */
export interface CompareRow {
  readonly group: CompareGroup;
  readonly label: string;
  readonly a: CompareValue;
  readonly b: CompareValue;
  /** Whether the two values differ (a duration or a metric may differ without a setting differing). */
  readonly differs: boolean;
  /** For figures: b − a (of the means, for cross-validation). */
  readonly delta?: number;
  /** For figures that have a better direction: which run is better, or 'same'. */
  readonly better?: 'a' | 'b' | 'same';
}

/** Figures where lower is better, beyond the metrics': among what unsupervised models find. */
const LOWER_FOUND = new Set(['inertia', 'noise']);
/** Figures that are counts or choices, not better or worse. */
const NEUTRAL_FOUND = new Set(['clusters', 'components']);

/**
 * The side-by-side comparison of two runs: what they ran on and with (data, problem, recipe,
 * model and its parameters, seed, validation), and their figures with the difference b − a.
 * Settings rows say whether they differ; test and cross-validated figures also which run did
 * better (training figures never: scoring higher on the rows it learned from is no merit).
 */
export function compareRuns(a: RunRecord, b: RunRecord): CompareRow[] {
  const rows: CompareRow[] = [];
  const setting = (group: CompareGroup, label: string, va: CompareValue, vb: CompareValue) => rows.push({ group, label, a: va, b: vb, differs: !sameValue(va, vb) });

  setting('Data', 'File', a.data.name, b.data.name);
  setting('Data', 'Contents (fingerprint)', a.data.fingerprint, b.data.fingerprint);
  setting('Data', 'Rows', a.data.rows, b.data.rows);
  setting('Data', 'Columns', a.data.columns, b.data.columns);

  setting('Problem', 'Target', a.problem.target ?? 'none', b.problem.target ?? 'none');
  setting('Problem', 'Task', a.problem.task, b.problem.task);

  setting('Recipe', 'Test set share', a.recipe.testSize, b.recipe.testSize);
  setting('Recipe', 'Stratified split', yesNo(a.recipe.stratify), yesNo(b.recipe.stratify));
  setting('Recipe', 'Drop duplicate rows', yesNo(a.recipe.dropDuplicateRows), yesNo(b.recipe.dropDuplicateRows));
  for (const id of stepIds(a, b)) {
    const step = (r: RunRecord) => r.recipe.steps.find((s) => s.step === id);
    const label = STEP_REGISTRY.find((d) => d.id === id)?.label ?? id;
    setting('Recipe', label, stepText(step(a)), stepText(step(b)));
  }

  setting('Model', 'Model', modelName(a.model.id), modelName(b.model.id));
  const choosing = choosesModel(a) || choosesModel(b);
  if (choosing) setting('Model', 'Model trained', a.result ? modelName(a.result.model) : null, b.result ? modelName(b.result.model) : null);
  const trained = (r: RunRecord): RawParams => r.result?.params ?? (choosesModel(r) ? {} : r.model.params);
  for (const key of union(Object.keys(trained(a)), Object.keys(trained(b)))) {
    setting('Model', paramLabel(a, b, key, 'trained'), paramText(own(trained(a), key)), paramText(own(trained(b), key)));
  }
  // Keys come from files (project files are untrusted): only own properties are read, throughout.
  // The options of the choosing itself (Auto's budget, folds, trials).
  if (choosing) {
    const asked = (r: RunRecord): RawParams => (choosesModel(r) ? r.model.params : {});
    for (const key of union(Object.keys(asked(a)), Object.keys(asked(b)))) {
      setting('Model', `${modelName(choosesModel(a) ? a.model.id : b.model.id)}: ${paramLabel(a, b, key, 'asked')}`, paramText(own(asked(a), key)), paramText(own(asked(b), key)));
    }
  }

  setting('Run', 'Seed', a.seed, b.seed);
  const validation = (r: RunRecord) => (r.validation.folds < 2 ? 'none' : r.validation.method === 'holdout' ? `repeated holdout × ${r.validation.folds}` : `${r.validation.folds}-fold`);
  setting('Run', 'Validation', validation(a), validation(b));
  if (a.validation.group || b.validation.group) setting('Run', 'Group column', a.validation.group, b.validation.group);
  setting('Run', 'TF.js backend', a.backend, b.backend);
  setting('Run', 'Kind', a.kind, b.kind);
  setting('Run', 'Status', a.status, b.status);
  rows.push(figure('Run', 'Duration (s)', a.durationMs / 1000, b.durationMs / 1000, 'lower'));

  const figures = (group: CompareGroup, ma: Readonly<Record<string, number>> | undefined, mb: Readonly<Record<string, number>> | undefined, labels: Readonly<Record<string, string>>, judged = true) => {
    for (const key of union(Object.keys(ma ?? {}), Object.keys(mb ?? {}))) rows.push(figure(group, own(labels, key) ?? key, own(ma, key) ?? null, own(mb, key) ?? null, judged ? direction(key) : null));
  };
  figures('Test metrics', a.metrics.test, b.metrics.test, METRIC_LABELS);
  for (const key of union(Object.keys(a.metrics.cv ?? {}), Object.keys(b.metrics.cv ?? {}))) {
    const va = own(a.metrics.cv, key) ?? null;
    const vb = own(b.metrics.cv, key) ?? null;
    const row = figure('Cross-validation', own(METRIC_LABELS, key) ?? key, va?.mean ?? null, vb?.mean ?? null, direction(key));
    rows.push({ ...row, a: va, b: vb, differs: !sameValue(va, vb) });
  }
  // Training figures are shown, never judged: a higher training score is as likely more overfitting.
  figures('Training metrics', a.metrics.train, b.metrics.train, METRIC_LABELS, false);
  figures('Found', a.metrics.found, b.metrics.found, FOUND_LABELS);
  return rows;
}

/** Whether the run chose the model it trained (Auto) rather than being given it. */
function choosesModel(r: RunRecord): boolean {
  return r.model.id === 'auto' || (r.result !== undefined && r.result.model !== r.model.id);
}

function direction(key: string): 'higher' | 'lower' | null {
  if (NEUTRAL_FOUND.has(key)) return null;
  return LOWER_IS_BETTER.has(key) || LOWER_FOUND.has(key) ? 'lower' : 'higher';
}

function figure(group: CompareGroup, label: string, a: number | null, b: number | null, better: 'higher' | 'lower' | null): CompareRow {
  if (a === null || b === null) return { group, label, a, b, differs: a !== b };
  const delta = b - a;
  const row = { group, label, a, b, differs: delta !== 0, delta };
  if (better === null) return row;
  return { ...row, better: delta === 0 ? 'same' : (delta > 0) === (better === 'higher') ? 'b' : 'a' };
}

function sameValue(a: CompareValue, b: CompareValue): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return a.mean === b.mean && a.std === b.std;
  return a === b;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Step ids of both recipes, in the registry's order (unknown ids last). */
function stepIds(a: RunRecord, b: RunRecord): string[] {
  const order = STEP_REGISTRY.map((d) => d.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return union(a.recipe.steps.map((s) => s.step), b.recipe.steps.map((s) => s.step)).sort((x, y) => rank(x) - rank(y));
}

function yesNo(x: boolean): string {
  return x ? 'yes' : 'no';
}

function stepText(step: { readonly params?: RawParams } | undefined): string {
  if (!step) return 'off';
  const entries = Object.entries(step.params ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}: ${paramText(v)}`).join('; ') : 'on';
}

/** A parameter's value as text: lists joined, absent as null (the model's default then applied). */
function paramText(v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? v.map((x) => String(x)).join(', ') : '(none)';
  if (typeof v === 'boolean') return yesNo(v);
  return JSON.stringify(v);
}

/** A model's name for people; an id this Sapling does not know stays as it is. */
export function modelName(id: string): string {
  try {
    return id === 'auto' ? 'Auto' : choiceInfo(id).label;
  } catch {
    return id;
  }
}

/** A parameter's label from the schema of the model (trained or asked for) of either run. */
function paramLabel(a: RunRecord, b: RunRecord, key: string, which: 'trained' | 'asked'): string {
  for (const r of [a, b]) {
    const id = which === 'trained' ? (r.result?.model ?? r.model.id) : r.model.id;
    try {
      const field = own(choiceInfo(id).schema as Record<string, { label?: string } | undefined>, key);
      if (field?.label) return field.label;
    } catch {
      // an unknown model: its key is its label
    }
  }
  return key;
}
