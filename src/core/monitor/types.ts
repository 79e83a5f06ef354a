// The monitoring contract: what a model file keeps of its training data (the reference), and what a
// monitoring run reports. A leaf: it imports only other contracts' types, nothing of training,
// statistics or I/O, so the runtime, the server, the CLI and the studio can all read it.
//
// Who fills it (issue 14):
//   monitor/stats.ts      the tests: ks_2samp, chisquare, wasserstein_distance, jensenshannon, PSI,
//                         each on raw values and on a sketch (as SciPy computes them)
//   monitor/sketch.ts     sketches of a column (quantile bins, category counts) and their merging
//   monitor/reference.ts  the reference a training run writes into the model file (version 4)
//   monitor/monitor.ts    a monitoring run: tests chosen per column, data-set drift, prediction drift,
//                         realised and estimated (CBPE) performance, chunks and their alert bands
import type { Metrics } from '../evaluate/evaluate';
import type { ColumnKind } from '../table/column';

/** A numeric column's distribution without its rows: quantile bins and the moments the tests need. */
export interface NumericSketch {
  readonly kind: 'numeric';
  /** Non-missing values summarised. */
  readonly count: number;
  readonly missing: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation (ddof 0), the Wasserstein test's scale. */
  readonly std: number;
  /**
   * Bin edges, ascending, `counts.length + 1` of them: the reference's quantiles (first the minimum,
   * last the maximum). A value v falls in bin i when edges[i] < v ≤ edges[i + 1] (bin 0 also takes
   * v = edges[0]); a current sketch made against a reference uses the reference's edges and adds
   * `below` / `above` for values outside them.
   */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly below?: number;
  readonly above?: number;
}

/** A categorical (or boolean) column's distribution: counts of its categories, the rarest folded into `other`. */
export interface CategoricalSketch {
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  /** Category → count, most frequent first (an object without a prototype when read from a file). */
  readonly categories: Readonly<Record<string, number>>;
  /** Rows whose category was folded away (too rare to keep by name). */
  readonly other: number;
}

/** Either kind of sketch. */
export type Sketch = NumericSketch | CategoricalSketch;

/** One input column of the reference. */
export interface ColumnReference {
  readonly column: string;
  /** The kind the model reads the column as (its input schema's kind). */
  readonly kind: ColumnKind;
  readonly sketch: Sketch;
}

/**
 * What a model file keeps of its training data to be monitored without it (no rows): each input
 * column's sketch over the training rows, and the model's predictions, probabilities and metrics on
 * its test rows. Written by every training run from model-file version 4 on (`file.monitoring`).
 */
export interface MonitorReference {
  readonly version: 1;
  /** Training rows the column sketches summarise. */
  readonly rows: number;
  readonly columns: readonly ColumnReference[];
  /** On the test rows: predicted labels (categorical), predicted values (numeric), clusters (categorical). */
  readonly prediction: Sketch;
  /** Classifiers, on the test rows: each class's predicted probability, `proba_<class>` → sketch. */
  readonly probabilities?: Readonly<Record<string, NumericSketch>>;
  /** The test metrics (as `report.metrics.test`). */
  readonly metrics: Metrics;
  /** Test rows behind `prediction`, `probabilities`, `metrics` and `performance`. */
  readonly testRows: number;
  /**
   * The spread of performance over chunks of the test rows, from which an analysis chunk's alert
   * band is drawn (mean ± 3σ, σ scaled to the analysis chunk's size), per metric.
   */
  readonly performance?: Readonly<Record<string, { readonly chunkRows: number; readonly values: readonly number[] }>>;
  /**
   * Classifiers: the calibration map CBPE applies to the model's probabilities before it estimates
   * the confusion matrix (isotonic regression fitted on the test rows, per class: increasing
   * breakpoints `x` → calibrated `y`, linear between them).
   */
  readonly calibration?: Readonly<Record<string, { readonly x: readonly number[]; readonly y: readonly number[] }>>;
}

/** The drift tests, named as in the report (Evidently's choices). */
export type DriftTest = 'ks' | 'chi2' | 'wasserstein' | 'jensen-shannon';

/** Population stability index bands: below 0.1 none, 0.1–0.25 moderate, above major. */
export type PsiBand = 'none' | 'moderate' | 'major';

/** One column's drift between the reference and the current rows. */
export interface ColumnDrift {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical';
  readonly test: DriftTest;
  readonly statistic: number;
  /** KS and chi-square: the p-value (drift below `threshold`); distance tests: null. */
  readonly p_value: number | null;
  /** 0.05 for p-value tests (drift when p < it), 0.1 for distances (drift when above it), unless set. */
  readonly threshold: number;
  readonly drifted: boolean;
  readonly psi: number;
  readonly psi_band: PsiBand;
  /** Numbers: the shift of the mean in reference standard deviations; categories: Cramér's V. */
  readonly effect_size: number;
  readonly missing_share: { readonly reference: number; readonly current: number };
  /** Both distributions on the reference's bins / categories, for charts. */
  readonly reference: Sketch;
  readonly current: Sketch;
}

/** Performance: realised where the current rows hold the target, estimated (CBPE) for classifiers without it. */
export interface PerformanceReport {
  /** The metric the alert watches (accuracy for classifiers unless set; rmse for regression). */
  readonly metric: string;
  readonly reference: number;
  readonly realised?: Metrics;
  /** CBPE: the expected metric from calibrated probabilities, with its standard error and a 95% interval. */
  readonly estimated?: { readonly value: number; readonly std_error: number; readonly lower: number; readonly upper: number };
  /** The alert band for the watched metric at this many rows (mean ± 3σ of the reference's chunks). */
  readonly band?: { readonly lower: number; readonly upper: number };
  readonly alert: boolean;
}

/** One chunk of the current rows (`--chunks N` or `--by <date> --period`). */
export interface ChunkReport {
  /** `1`…`N`, or the period's first day (`2026-03-02`) with `--by`. */
  readonly key: string;
  readonly rows: number;
  readonly drift_share: number;
  readonly dataset_drift: boolean;
  readonly columns: readonly Pick<ColumnDrift, 'column' | 'test' | 'statistic' | 'p_value' | 'drifted' | 'psi'>[];
  readonly prediction: Pick<ColumnDrift, 'test' | 'statistic' | 'p_value' | 'drifted' | 'psi'>;
  readonly performance: PerformanceReport | null;
  /** What left its band in this chunk, in words ("drift share 0.50 above 0.38", "estimated accuracy 0.71 below 0.80"). */
  readonly alerts: readonly string[];
}

/** Options of a monitoring run (the CLI's flags, the studio's form, the server's settings). */
export interface MonitorOptions {
  /** Share of drifted columns at which the data set drifts (default 0.5). */
  readonly driftShare?: number;
  /** Reference rows up to which KS / chi-square are used, distances above (Evidently: 1000). */
  readonly smallReference?: number;
  readonly pThreshold?: number;
  readonly distanceThreshold?: number;
  /** Split the current rows into this many equal chunks … */
  readonly chunks?: number;
  /** … or by a date column's period. */
  readonly by?: { readonly column: string; readonly period: 'day' | 'week' | 'month' };
  readonly seed?: number;
}

/** What `sapling monitor --out` writes, `GET /v2/models/{name}/monitor` answers and the studio draws. */
export interface MonitorReport {
  readonly format: 'sapling-monitor-report';
  readonly version: 1;
  readonly model: { readonly family: string; readonly task: string; readonly target: string | null };
  /** Where the reference came from: the model file's own, or a reference CSV (raw rows, exact tests). */
  readonly reference: { readonly source: 'model' | 'csv'; readonly rows: number };
  readonly current: { readonly rows: number };
  readonly dataset_drift: boolean;
  readonly drift_share: number;
  readonly drift_share_threshold: number;
  readonly columns: readonly ColumnDrift[];
  /** Drift of the predictions (labels, values or clusters), tested as a column is. */
  readonly prediction: ColumnDrift;
  readonly performance: PerformanceReport | null;
  readonly chunks: readonly ChunkReport[];
  /** Plain words: "3 of 12 columns moved; `income` the most; estimated accuracy 0.81, down from 0.88". */
  readonly summary: string;
  /** Why the run pages someone (data set drift, prediction drift, performance out of band, a chunk's alert); empty when it does not. */
  readonly alerts: readonly string[];
}
