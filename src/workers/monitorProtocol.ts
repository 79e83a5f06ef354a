import type { Metrics } from '../core/evaluate/evaluate';
import type { MonitorReport } from '../core/monitor/types';
import type { TrainConfig } from '../core/train/config';
import type { RetrainMode } from '../core/train/retrain';
import type { SupervisedModelSummary } from './protocol';

/**
 * What crosses between the page and the engine's monitoring module (monitorJobs.ts): the report
 * (sketches and figures, no rows) and the retraining's comparison. The new rows stay in the worker.
 */

export type { RetrainMode } from '../core/train/retrain';

/** How the new rows are cut into chunks for the timeline: each file one chunk, N equal chunks, or by a date column's period. */
export type MonitorSplit =
  | { readonly kind: 'files' }
  | { readonly kind: 'chunks'; readonly chunks: number }
  | { readonly kind: 'by'; readonly column: string; readonly period: 'day' | 'week' | 'month' };

/** The new data held in the worker, as the page sees it. */
export interface MonitorData {
  readonly files: readonly { readonly name: string; readonly rows: number }[];
  readonly rows: number;
  /** Date columns of the new data, to split it by. */
  readonly dateColumns: readonly string[];
  /** Whether the new rows hold the model's target: realised performance, and Retrain. */
  readonly labelled: boolean;
}

/** A monitoring run of the held new data against the current model. */
export interface MonitorRun extends MonitorData {
  readonly report: MonitorReport;
  readonly split: MonitorSplit;
  /** What the new rows were compared with: the model file's own reference, or its training rows (files made before references). */
  readonly reference: 'model' | 'training rows';
}

/** A retrained model kept in the worker as a candidate, compared with the current one on the newest labelled rows. */
export interface RetrainResult {
  readonly mode: RetrainMode;
  /** Rows the retrained model learned from. */
  readonly trainRows: number;
  /** The newest labelled new rows, held out of retraining, that both models are scored on. */
  readonly newestRows: number;
  readonly current: Metrics;
  readonly retrained: Metrics;
  readonly summary: SupervisedModelSummary;
  /** The recipe run again (the current model's config), for the run history. */
  readonly config: TrainConfig;
  /** The data it learned from, named and fingerprinted for the run history. */
  readonly data: { readonly name: string; readonly fingerprint: string; readonly rows: number; readonly columns: number };
}
