import type { AutoReport } from '../tune/auto';
import type { TuningReport } from '../tune/tune';
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
