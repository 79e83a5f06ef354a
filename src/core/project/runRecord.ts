import type { RawParams } from '../params';
import type { RecipeSpec } from '../prep/recipe';
import type { Task, UnsupervisedTask } from '../problem';
import type { TrainReport, UnsupervisedReport } from '../train/report';
import { keyed } from '../util/keyed';

/** What started a run: a plain training, Auto, or a parameter search. */
export type RunKind = 'train' | 'auto' | 'tune';

/** How a run ended. */
export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

/** The data a run learned from: enough to recognise it again (the fingerprint) and to name it. */
export interface RunData {
  readonly name: string;
  /** `fingerprintTable` of the loaded table: equal fingerprints mean the same data. */
  readonly fingerprint: string;
  readonly rows: number;
  readonly columns: number;
}

/** What a run learned: a column to predict and its task, or no target (clustering, projection). */
export type RunProblem = { readonly target: string; readonly task: Task } | { readonly target: null; readonly task: UnsupervisedTask };

/** A metric's mean and population standard deviation over cross-validation folds. */
export interface MeanStd {
  readonly mean: number;
  readonly std: number;
}

/** A run's figures. Non-finite values (an undefined ROC AUC, say) are left out. */
export interface RunMetrics {
  /** On the held-out test rows (runs with a target). */
  readonly test?: Readonly<Record<string, number>>;
  readonly train?: Readonly<Record<string, number>>;
  /** Cross-validated on the training rows: the run's folds, or the folds Auto chose its winner on. */
  readonly cv?: Readonly<Record<string, MeanStd>>;
  /** What a model without a target found on its rows (silhouette, inertia, explained variance…). */
  readonly found?: Readonly<Record<string, number>>;
}

/** What a finished run produced, beyond its figures: the model that was fitted and why it stopped. */
export interface RunResult {
  /** The fitted model's family (Auto's winner for an Auto run) and its resolved parameters. */
  readonly model: string;
  readonly params: RawParams;
  /** Rows used after cleaning, the train / test split (with a target), and model input features. */
  readonly rows: number;
  readonly split?: { readonly train: number; readonly test: number };
  readonly features: number;
  readonly stopReason: string;
  /** Auto's reason for its choice. */
  readonly explanation?: string;
}

/**
 * One run of the studio (training, Auto or tuning) as the run history keeps it: the recipe, model,
 * seed and data it ran with, and what came of it. Small and plain: it goes to IndexedDB and into
 * project files as it is.
 */
export interface RunRecord {
  readonly id: string;
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  /** Why a failed run failed. */
  readonly error?: string;
  readonly data: RunData;
  readonly problem: RunProblem;
  readonly recipe: RecipeSpec;
  /** The model as asked for (`auto` with its options for an Auto run) and the parameters set. */
  readonly model: { readonly id: string; readonly params: RawParams };
  readonly seed: number;
  /** Validation asked for on the training rows: folds or repeats (0 = none), k-fold or repeated holdout, the group column. */
  readonly validation: { readonly folds: number; readonly method: 'k-fold' | 'holdout'; readonly group: string | null };
  /** The compute backend the run had (TF.js's; null when unknown). */
  readonly backend: string | null;
  readonly durationMs: number;
  readonly metrics: RunMetrics;
  /** Present when the run succeeded. */
  readonly result?: RunResult;
}

/** How a run ended, with what it produced. */
export type RunOutcome =
  | { readonly status: 'succeeded'; readonly report: TrainReport | UnsupervisedReport }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'cancelled' };

/** Everything a run record is made of, before it has an id. */
export interface RunInput extends Omit<RunRecord, 'id' | 'status' | 'error' | 'metrics' | 'result' | 'backend'> {
  readonly backend: string | null;
  readonly outcome: RunOutcome;
}

/** Makes the record of a finished run; `newId` names it (injected so tests can name runs). */
export function buildRunRecord(input: RunInput, newId: () => string): RunRecord {
  const { outcome, ...rest } = input;
  const base = { ...rest, id: newId() };
  if (outcome.status === 'failed') return { ...base, status: 'failed', error: outcome.error, metrics: {} };
  if (outcome.status === 'cancelled') return { ...base, status: 'cancelled', metrics: {} };
  const { report } = outcome;
  const backend = 'backend' in report && report.backend ? report.backend : input.backend;
  return { ...base, backend, status: 'succeeded', metrics: metricsOf(report), result: resultOf(report) };
}

function isSupervised(report: TrainReport | UnsupervisedReport): report is TrainReport {
  return 'metrics' in report;
}

function metricsOf(report: TrainReport | UnsupervisedReport): RunMetrics {
  if (!isSupervised(report)) return { found: finite(foundFigures(report)) };
  const { train, test, cv } = report.metrics;
  const auto = report.auto;
  const cvMetrics = cv
    ? Object.fromEntries(Object.entries(cv).filter(([, v]) => Number.isFinite(v.mean)).map(([k, v]) => [k, { mean: v.mean, std: v.std }]))
    : auto && Number.isFinite(auto.winner.score)
      ? { [auto.metric]: { mean: auto.winner.score, std: auto.winner.std } }
      : undefined;
  return { test: finite(test), train: finite(train), ...(cvMetrics ? { cv: cvMetrics } : {}) };
}

/** The headline figures of a model without a target. */
function foundFigures(report: UnsupervisedReport): Record<string, number | null> {
  const s = report.summary;
  if (s.kind === 'kmeans') return { silhouette: s.silhouette, inertia: s.inertia, clusters: s.k };
  if (s.kind === 'dbscan') return { silhouette: s.silhouette, clusters: s.clusters, noise: s.noise };
  return { explained_variance: s.cumulative_variance_ratio[s.components - 1] ?? null, components: s.components };
}

function finite(values: Readonly<Record<string, number | null>>): Record<string, number> {
  // From entries, not by assignment: a key `__proto__` (reports are files too) stays a key.
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}

function resultOf(report: TrainReport | UnsupervisedReport): RunResult {
  const common = { model: report.model, params: report.params, rows: report.rows, features: report.features, stopReason: report.stop_reason };
  if (!isSupervised(report)) return common;
  return { ...common, split: report.split, ...(report.auto ? { explanation: report.auto.explanation } : {}) };
}

/** Human names of the figures of models without a target (the metrics' are in `METRIC_LABELS`); no prototype. */
export const FOUND_LABELS: Readonly<Record<string, string>> = keyed(Object.entries({
  silhouette: 'Silhouette',
  inertia: 'Inertia',
  clusters: 'Clusters',
  noise: 'Noise rows',
  explained_variance: 'Explained variance',
  components: 'Components',
}));

/** The one figure a list of runs shows for each: accuracy, R², silhouette or explained variance. */
export function keyMetric(run: RunRecord): { readonly key: string; readonly value: number | undefined; readonly cv: MeanStd | undefined } {
  const { task } = run.problem;
  if (task === 'clustering') return { key: 'silhouette', value: run.metrics.found?.silhouette, cv: undefined };
  if (task === 'projection') return { key: 'explained_variance', value: run.metrics.found?.explained_variance, cv: undefined };
  const key = task === 'regression' ? 'r2' : 'accuracy';
  return { key, value: run.metrics.test?.[key], cv: run.metrics.cv?.[key] };
}

/** Runs newest first (by start time, then id, so the order is total). */
export function newestFirst(runs: readonly RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1));
}

/** `current` with the runs of `incoming` whose ids it does not have yet (nothing in `current` is replaced), newest first. */
export function mergeRuns(current: readonly RunRecord[], incoming: readonly RunRecord[]): { readonly runs: RunRecord[]; readonly added: number } {
  const ids = new Set(current.map((r) => r.id));
  const fresh = incoming.filter((r) => !ids.has(r.id));
  return { runs: newestFirst([...current, ...fresh]), added: fresh.length };
}
