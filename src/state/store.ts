import { createStore } from 'zustand/vanilla';
import type { ReadSettings } from '../core/ingest/reader';
import type { Trial } from '../core/train/report';
import type { EpochLog } from '../core/models/model';
import type { TreeDescription } from '../core/models/trees/describe';
import type { AssociationMatrix } from '../core/profile/association';
import type { RecipeSpec } from '../core/prep/recipe';
import type { RunRecord } from '../core/project/runRecord';
import type { ModelTask, Task, UnsupervisedTask } from '../core/problem';
import type { BackendName, BackendReport } from '../workers/backend';
import type { DatasetSummary, PredictionResult, RowMapResult, TargetSummary } from '../workers/protocol';
import type { ShownError } from './errorList';
import { IDLE_JOB, type Job } from './job';
import type { StudioModel, TrainedOrigin } from './modelOrigin';
import type { MonitorRun, RetrainResult } from '../workers/monitorProtocol';
import type { PreparePreview } from '../workers/prepareJobs';

/** The lifecycle screens, left to right. */
export const STEPS = ['data', 'problem', 'prepare', 'train', 'evaluate', 'export', 'monitor'] as const;
export type Step = (typeof STEPS)[number];

export type { ShownError } from './errorList';

/** A measurement of the current model asked for on Evaluate (permutation importance, a curve): running, then its result (null when it failed or was stopped). */
export interface Reading {
  readonly running: boolean;
  readonly result: unknown;
}

/** What the points of the 2-D row map are coloured by: their cluster, a column of the data, or nothing. */
export type ColourBy = 'cluster' | { readonly column: string } | null;

/**
 * The studio's state: ids, summaries, chart series and job states. Columns and tensors stay in the
 * engine worker (STYLE.md §6). Change it only through the actions in `actions.ts`.
 */
export interface StudioState {
  readonly step: Step;
  readonly backend: { readonly status: 'starting' | 'ready' | 'failed'; readonly report?: BackendReport; readonly pending?: BackendName; readonly error?: string };
  readonly dataset: Job<DatasetSummary>;
  /** Reading choices for the next upload and for "Read again" (empty = detect everything). */
  readonly readSettings: ReadSettings;
  readonly target: string | null;
  /** Learning without a target (clustering or projection) instead of predicting a column; null when predicting. */
  readonly noTarget: UnsupervisedTask | null;
  /** The task the person chose; null follows the inferred one. */
  readonly taskOverride: Task | null;
  readonly targetSummary: TargetSummary | null;
  readonly recipe: RecipeSpec | null;
  readonly modelId: string | null;
  readonly modelParams: Readonly<Record<string, unknown>>;
  readonly seed: number;
  /**
   * Cross-validation of the next run on its training rows: fold count (0 = none; repeats for a
   * repeated holdout), k-fold or repeated holdout, and an optional group column.
   */
  readonly validation: { readonly folds: number; readonly method: 'k-fold' | 'holdout'; readonly group: string | null };
  readonly training: Job<StudioModel>;
  /** What the running (or last) `training` job is: a training, an Auto run or a tuning. */
  readonly trainingKind: 'train' | 'auto' | 'tune';
  /** Per-epoch logs of the running (or last) training, for the live chart. */
  readonly history: readonly EpochLog[];
  /** The model family that `history` comes from (the picker may have moved on since). */
  readonly historyModel: string | null;
  /** The settings the run of `history` started with: the chart is shown under them only. */
  readonly historyOrigin: TrainedOrigin | null;
  /** Tuning of the next run: the search's settings (the form's values; defaults where unset). */
  readonly tuneSettings: Readonly<Record<string, unknown>>;
  /** The trials of the running (or last) tuning, as they are scored, for the live table. */
  readonly trials: readonly Trial[];
  /** The model `trials` tuned (the table shows under that model only). */
  readonly trialsModel: string | null;
  /** The model export and prediction use: the last trained or imported one, with what it was trained on. */
  readonly current: StudioModel | null;
  /** The tree of the current model drawn on Evaluate (its first, or the one picked); null for other models. */
  readonly tree: TreeDescription | null;
  /**
   * The measurements of the current model asked for on Evaluate, by card ('permutation',
   * 'size-curve', ...); kept with the model across steps, emptied when the model changes.
   */
  readonly readings: Readonly<Record<string, Reading>>;
  readonly prediction: Job<Omit<PredictionResult, 'csv'>>;
  /** A sample of the rows in 2-D for the current model without a target (Evaluate's scatter). */
  readonly rowMap: Job<RowMapResult>;
  readonly colourBy: ColourBy;
  readonly errors: readonly ShownError[];
  /** Recipe changes chosen from warnings before (or after) the recipe exists. */
  readonly exclusions: { readonly columns: readonly string[]; readonly dropDuplicates: boolean };
  /** Associations between the loaded columns, once computed. */
  readonly associations: AssociationMatrix | null;
  /** The run history (every training, Auto run and tuning), newest first; kept in IndexedDB by `runs.ts`. */
  readonly runs: readonly RunRecord[];
  /** True once the history could not be saved and is kept in memory only (lost on reload). */
  readonly runsInMemory: boolean;
  /** Monitor: the last monitoring run of new data against `model`, the model then current (monitorActions.ts). */
  readonly monitor: Job<MonitorView>;
  /** Monitor's Retrain: the retrained candidate compared with `model` (the one it would replace), until adopted. */
  readonly retrain: Job<RetrainView>;
  /** Prepare: the recipe fitted on a sample of the training rows (`key` names the settings it was fitted for); null before any. */
  readonly preparePreview: { readonly key: string; readonly result: PreparePreview | null; readonly running: boolean; readonly error?: string } | null;
}

/** A monitoring run as the store keeps it: with the model it was made against. */
export type MonitorView = MonitorRun & { readonly model: StudioModel };
/** A retraining as the store keeps it: with the model it would replace. */
export type RetrainView = RetrainResult & { readonly model: StudioModel };

/** The state of a fresh studio. */
export const INITIAL_STATE: StudioState = {
  step: 'data',
  backend: { status: 'starting' },
  dataset: IDLE_JOB,
  readSettings: {},
  target: null,
  noTarget: null,
  taskOverride: null,
  targetSummary: null,
  recipe: null,
  modelId: null,
  modelParams: {},
  seed: 42,
  validation: { folds: 0, method: 'k-fold', group: null },
  training: IDLE_JOB,
  trainingKind: 'train',
  history: [],
  historyModel: null,
  historyOrigin: null,
  tuneSettings: {},
  trials: [],
  trialsModel: null,
  current: null,
  tree: null,
  readings: {},
  prediction: IDLE_JOB,
  rowMap: IDLE_JOB,
  colourBy: null,
  errors: [],
  exclusions: { columns: [], dropDuplicates: false },
  associations: null,
  runs: [],
  runsInMemory: false,
  monitor: IDLE_JOB,
  retrain: IDLE_JOB,
  preparePreview: null,
};

/** The one store of the studio (framework-free; React reads it through `useStudio`). */
export const studio = createStore<StudioState>(() => INITIAL_STATE);

/** The task the next model is for: the target's (chosen or inferred), or the one without a target; null until chosen. */
export function taskOf(s: StudioState): ModelTask | null {
  return s.noTarget ?? s.targetSummary?.task ?? null;
}
