import type { ModelFile, UnsupervisedModelFile } from '../core/artifact/modelFile';
import type { ColourSeries, RowMap } from '../core/artifact/rowMap';
import type { CsvMeta } from '../core/ingest/csv';
import type { EpochLog } from '../core/models/model';
import type { TreeDescription } from '../core/models/trees/describe';
import type { FeatureRelation } from '../core/profile/association';
import type { DataProfile, ValueCount } from '../core/profile/profile';
import type { Task } from '../core/problem';
import type { TrainReport, UnsupervisedReport, Trial } from '../core/train/report';
import type { DataWarning } from '../core/warnings';

/**
 * What crosses between the page and the engine worker: small summaries only. Tables, tensors and
 * fitted models stay in the worker (the page holds ids and figures, never columns).
 */

/** A loaded data set as the page sees it: its profile, how it was read, and a few rows to show. */
export interface DatasetSummary {
  readonly name: string;
  readonly bytes: number;
  readonly meta: CsvMeta;
  readonly profile: DataProfile;
  /** Ingest warnings (ragged rows, renamed headers) followed by the profile's. */
  readonly warnings: readonly DataWarning[];
  /** The first rows, as display strings, for a preview table. */
  readonly preview: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly fingerprint: string;
}

/** Progress of a long job, sent through a comlink-proxied callback. */
export type JobProgress =
  | { readonly kind: 'stage'; readonly stage: string; readonly fraction?: number }
  | { readonly kind: 'ingest'; readonly bytesRead: number; readonly totalBytes: number; readonly rows: number }
  | { readonly kind: 'epoch'; readonly log: EpochLog }
  /** Several epochs at once: a fast trainer's epochs, held back and sent every EPOCH_SEND_MS. */
  | { readonly kind: 'epochs'; readonly logs: readonly EpochLog[] }
  | { readonly kind: 'trial'; readonly trial: Trial; readonly fraction?: number };

/** What every model summary has, with a target or without. */
interface ModelSummaryBase {
  readonly source: 'trained' | 'imported';
  readonly name: string;
  readonly inputSchema: ModelFile['inputSchema'];
  readonly model: string;
  /** Whether the model is a TF.js network (and so has a plain TF.js pair to export). */
  readonly hasNetwork: boolean;
}

/** A model with a target held by the engine (trained here or imported), summarised. */
export interface SupervisedModelSummary extends ModelSummaryBase {
  readonly kind: 'supervised';
  readonly problem: ModelFile['problem'];
  readonly report: TrainReport;
  /**
   * Feature importance by the features' names (`island=Dream`) and the columns they came from
   * (`island`), largest first, where the model has a measure.
   */
  readonly importance: readonly { readonly feature: string; readonly source: string; readonly sources: readonly string[]; readonly value: number }[] | null;
  /** The first tree of a tree model, described in the data's terms (the engine describes others on request). */
  readonly tree: TreeDescription | null;
  /** A binary model's saved decision threshold; null predicts the more probable class. */
  readonly threshold: number | null;
}

/** A clustering or projection model held by the engine; its report carries the figures of Evaluate. */
export interface UnsupervisedModelSummary extends ModelSummaryBase {
  readonly kind: 'unsupervised';
  readonly problem: UnsupervisedModelFile['problem'];
  readonly report: UnsupervisedReport;
}

/** A model held by the engine (trained here or imported), summarised. */
export type ModelSummary = SupervisedModelSummary | UnsupervisedModelSummary;

/**
 * A sample of the loaded rows placed in 2-D for a model without a target (at most
 * `ROW_MAP_SAMPLE` rows), with their clusters and, when asked, a column's values to colour them by.
 */
export interface RowMapResult extends RowMap {
  /** Rows of the loaded table the sample was drawn from. */
  readonly totalRows: number;
  readonly colour: ColourSeries | null;
}

/** Rows the 2-D map of a model without a target shows at most. */
export const ROW_MAP_SAMPLE = 2000;

/** Predictions for an uploaded file: a preview for the table and the full CSV for download (a Blob: it can outgrow a string). */
export interface PredictionResult {
  readonly rows: number;
  readonly columns: readonly string[];
  /** How many of the last columns the model added (`prediction`, `proba_…`; `cluster`; `pc1`, …). */
  readonly added: number;
  readonly preview: readonly (readonly string[])[];
  readonly csv: Blob;
  readonly warnings: readonly DataWarning[];
}

/** A candidate target: its task (as chosen or inferred), class counts, and why it cannot be used, if so. */
export interface TargetSummary {
  readonly task: Task;
  readonly inferred: Task;
  readonly classes: readonly ValueCount[] | null;
  /** Why it cannot be trained on (single class, not numeric for regression, …). */
  readonly error?: string;
  /** How each feature relates to the target, strongest first. */
  readonly relations: readonly FeatureRelation[];
  /** Class imbalance and features that give the target away (leakage suspects), with their fixes. */
  readonly warnings: readonly DataWarning[];
}
