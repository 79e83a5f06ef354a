import type { Baseline } from '../evaluate/baseline';
import type { Metrics, EvaluationDetails } from '../evaluate/evaluate';
import type { EpochLog } from '../models/model';
import type { RawParams } from '../params';
import type { Task, UnsupervisedTask } from '../problem';
import type { UnsupervisedSummary } from '../models/unsupervised/summary';

/**
 * What a training run reports: the CLI writes it as `report.json`, the studio draws its Evaluate
 * screen from it, and the model file keeps a copy. Keys are snake_case because it is a file format.
 */
export interface TrainReport {
  readonly task: Task;
  readonly target: string;
  readonly model: string;
  readonly params: RawParams;
  readonly seed: number;
  /** Rows used after cleaning (train + test). */
  readonly rows: number;
  readonly split: { readonly train: number; readonly test: number };
  readonly dropped: { readonly missing_target: number; readonly duplicates: number };
  /** Number of model input features after preprocessing. */
  readonly features: number;
  readonly feature_names: readonly string[];
  readonly classes: readonly string[];
  readonly metrics: { readonly train: Metrics; readonly test: Metrics; readonly cv?: CvMetrics };
  /** How the cross-validation was done, when there was one. */
  readonly validation?: ValidationReport;
  /** How Auto chose the model, when it did. */
  readonly auto?: AutoReport;
  /** How the parameters were tuned, when they were (`sapling tune`, the studio's Tune). */
  readonly tuning?: TuningReport;
  /** Present when the training metrics come from a seeded sample of this many training rows (k-NN on big sets). */
  readonly train_metrics_rows?: number;
  /**
   * What a model ignoring the features scores on the same test rows (the most common class, the
   * mean), shown beside every score. Absent from reports written before it was added.
   */
  readonly baseline?: Baseline;
  /** Chart material for the test set. */
  readonly evaluation: EvaluationDetails;
  readonly history: readonly EpochLog[];
  readonly stop_reason: string;
  readonly backend: string;
  readonly data_fingerprint: string;
  readonly timings_ms: { readonly prepare: number; readonly cross_validate?: number; readonly train: number; readonly evaluate: number; readonly total: number };
}

/** What a run without a target reports: what was fitted on which rows, and what it found. */
export interface UnsupervisedReport {
  readonly task: UnsupervisedTask;
  readonly model: string;
  readonly params: RawParams;
  readonly seed: number;
  readonly rows: number;
  readonly dropped: { readonly duplicates: number };
  readonly features: number;
  readonly feature_names: readonly string[];
  /** Cluster sizes, silhouette and elbow; or explained variance and loadings. */
  readonly summary: UnsupervisedSummary;
  readonly stop_reason: string;
  readonly data_fingerprint: string;
  readonly timings_ms: { readonly prepare: number; readonly train: number; readonly evaluate: number; readonly total: number };
}

/** Cross-validated metrics: per metric, the mean and population standard deviation over the folds, and each fold's value. */
export type CvMetrics = Readonly<Record<string, { readonly mean: number; readonly std: number; readonly folds: readonly number[] }>>;

/** The cross-validation behind `metrics.cv`. */
export interface ValidationReport {
  readonly method: `${'' | 'stratified ' | 'grouped '}${'k-fold' | 'repeated holdout'}`;
  /** Folds (k-fold) or random splits (repeated holdout); `metrics.cv`'s `folds` holds one value for each. */
  readonly folds: number;
  /** Repeated holdout: the share of the training rows each split held out. */
  readonly test_size?: number;
  readonly group?: string;
  /** Rows in each fold's (or split's) test part. */
  readonly fold_rows: readonly number[];
}

/*
 * What tuning and Auto add to a report (`report.tuning`, `report.auto`). Here rather than beside the
 * tuner so that the report (and the model file that keeps it) imports nothing of the tuner.
 */

/** One tuned parameter: a number interval (integer, log-scaled or not) or values to pick from. */
export type Dimension =
  | { readonly name: string; readonly kind: 'number'; readonly min: number; readonly max: number; readonly log: boolean; readonly integer: boolean }
  | { readonly name: string; readonly kind: 'values'; readonly values: readonly (number | string | boolean)[] };

/** How candidates are chosen: at random, on a grid, or at random and culled by successive halving. */
export type TuneStrategy = 'random' | 'grid' | 'halving';

/** One candidate scored: its parameters, the cross-validated score (mean, spread, folds), on how many rows, and how long it took. */
export interface Trial {
  readonly index: number;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** Mean over the folds of the tuning metric (higher is better); NaN when the candidate failed. */
  readonly score: number;
  readonly std: number;
  readonly folds: readonly number[];
  /** Training rows the candidate was cross-validated on (fewer in halving's early rounds). */
  readonly rows: number;
  /** Halving's round (0 first); 0 for the other strategies. */
  readonly rung: number;
  readonly ms: number;
  readonly error?: string;
}

/** The report's account of a tuning run (`report.tuning`). */
export interface TuningReport {
  readonly strategy: TuneStrategy;
  readonly metric: 'accuracy' | 'r2';
  readonly folds: number;
  readonly budget_s?: number;
  readonly space: readonly Dimension[];
  readonly trials: readonly Trial[];
  readonly best: Trial;
  readonly stop_reason: string;
}

/** One model family on the leaderboard: its cross-validated metrics with default parameters, and the time it took. */
export interface LeaderboardRow {
  readonly model: string;
  readonly label: string;
  /** Every metric's mean, spread and folds (the same folds for every family). */
  readonly metrics: CvMetrics;
  /** Mean of the ranking metric (higher is better); NaN when the family failed here. */
  readonly score: number;
  readonly ms: number;
  readonly error?: string;
  /** The row's settings when not the family's defaults (the ensemble's row: its members and theirs). */
  readonly params?: Readonly<Record<string, number | string | boolean>>;
}

/** A tuned leader's best settings scored on fresh folds (what Auto compares), and on the search's own (`searched`, the best of many tries). */
export interface RescoredBest {
  readonly model: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly searched: number;
  readonly score: number;
  readonly std: number;
}

/** The model Auto chose: its family, its settings and its cross-validated score (mean and spread). */
export interface AutoWinner {
  readonly model: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly score: number;
  readonly std: number;
}

/** What a training report says of Auto (`report.auto`): the comparison, the tuning, the winner and why. */
export interface AutoReport {
  readonly metric: 'accuracy' | 'r2';
  readonly budget_s: number;
  readonly folds: number;
  /** Tuning trials per leading model, when given instead of the clock. */
  readonly trials_per_model?: number;
  readonly leaderboard: readonly LeaderboardRow[];
  readonly trials: readonly (Trial & { readonly model: string })[];
  readonly winner: AutoWinner;
  /** The tuned leaders' best settings scored again on fresh folds (absent in files from before it was done). */
  readonly rescored?: readonly RescoredBest[];
  readonly explanation: string;
  readonly stop_reason: string;
}
