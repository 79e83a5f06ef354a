// Performance on the current rows: realised where they hold the target (rows with a missing or
// unknown target skipped), estimated by CBPE for a classifier without it; and the alert band of
// the watched metric, drawn from the reference's performance over K chunks of its test rows:
// mean ± 3σ, σ scaled by sqrt(reference chunk rows / rows + 1 / K) (the spread of a mean over
// `rows` rows, and that of the reference mean); for accuracy σ is at least the binomial one.
import type { Predictions } from '../artifact/predictTable';
import { type AnyModelFile, isUnsupervisedFile } from '../artifact/modelFile';
import { accuracy } from '../evaluate/classification';
import { type Metrics, computeMetrics } from '../evaluate/evaluate';
import { type Task, classTarget, isClassification } from '../problem';
import { type DataTable, findColumn } from '../table/DataTable';
import { type Band, bandOf } from './chunks';
import { type CalibrationMaps, calibratedProba, expectedAccuracy } from './cbpe';
import type { MonitorReference, PerformanceReport } from './types';

/** What a run knows of the model's reference performance. */
export interface PerformanceBasis {
  readonly task: Task;
  readonly classes: readonly string[];
  /** The watched metric: accuracy for classifiers, rmse for regression. */
  readonly metric: 'accuracy' | 'rmse';
  /** Its value on the reference (the test rows' metrics), NaN when unknown. */
  readonly reference: number;
  /** Its values over chunks of the reference's labelled rows, and their size. */
  readonly chunks?: { readonly chunkRows: number; readonly values: readonly number[] };
  readonly calibration?: CalibrationMaps;
  /** Test rows the calibration was fitted on (its own uncertainty widens CBPE's interval). */
  readonly testRows?: number;
}

/** The current rows' truth: class indices into the model's classes (−1 unknown), or values (NaN unknown). */
export type Truth = Int32Array | Float64Array;

/** The performance basis of a supervised model from a reference (null for clustering and projection). */
export function performanceBasis(file: AnyModelFile, reference: MonitorReference | undefined): PerformanceBasis | null {
  if (isUnsupervisedFile(file)) return null;
  const task = file.problem.task;
  const metric = isClassification(task) ? 'accuracy' : 'rmse';
  const value = reference?.metrics[metric] ?? file.report.metrics.test[metric];
  const chunks = reference?.performance?.[metric];
  return {
    task,
    classes: file.problem.classes,
    metric,
    reference: Number.isFinite(value) ? value : NaN,
    ...(chunks ? { chunks } : {}),
    ...(reference?.calibration ? { calibration: reference.calibration, testRows: reference.testRows } : {}),
  };
}

/** The target column of the current rows as truth, or null when the table has no such column (or it cannot be read as the target). */
export function currentTruth(table: DataTable, file: AnyModelFile): Truth | null {
  const target = file.problem.target;
  const column = target === null ? undefined : findColumn(table, target);
  if (!column) return null;
  if (file.problem.task === 'regression') return column.kind === 'numeric' ? column.values : null;
  if (column.kind === 'datetime') return null;
  // Labels as the file names its classes; a label the model never saw counts as unknown.
  const encoded = classTarget(column);
  const index = new Map(file.problem.classes.map((c, k) => [c, k]));
  const remap = encoded.classes.map((c) => index.get(c) ?? -1);
  return Int32Array.from(encoded.y, (v) => (v >= 0 ? remap[v] : -1));
}

/** The band of the watched metric at `rows` rows, or undefined without reference chunks. */
export function performanceBand(basis: PerformanceBasis, rows: number): Band | undefined {
  if (!basis.chunks || rows <= 0) return undefined;
  // σ of one reference chunk, scaled to a mean over `rows` rows; plus the uncertainty of the
  // reference mean itself (K chunks), without which a large current set meets a band narrower
  // than the reference's own sampling error and alerts on no change.
  const { chunkRows, values } = basis.chunks;
  const scale = Math.sqrt(chunkRows / rows + 1 / values.length);
  const band = bandOf(values, scale);
  if (!band || basis.metric !== 'accuracy') return band ?? undefined;
  // Accuracy is a share of rows, so a chunk's σ is at least the binomial one. A model that was
  // right on every test row has chunks with no spread at all, and without this floor its band is
  // [1, 1]: one wrong row in a year of data would page. The share is smoothed (one right and one
  // wrong row added) so that a perfect reference still has a width.
  const mean = (band.lower + band.upper) / 2;
  const smoothed = (mean * chunkRows + 1) / (chunkRows + 2);
  const floor = 3 * Math.sqrt((smoothed * (1 - smoothed)) / chunkRows) * scale;
  return band.upper - mean >= floor ? band : { lower: mean - floor, upper: mean + floor };
}

/**
 * Performance over the given rows (all rows when `rows` is null): realised where the truth is
 * known for at least one of them, else CBPE's estimate for a classifier, else null.
 */
export function performanceOf(basis: PerformanceBasis, predictions: Predictions, truth: Truth | null, rows: Int32Array | null): PerformanceReport | null {
  const all = rows ?? Int32Array.from({ length: predictions.rows }, (_, i) => i);
  const known = truth ? all.filter((i) => (isClassification(basis.task) ? truth[i] >= 0 : !Number.isNaN(truth[i]))) : new Int32Array(0);
  const k = basis.classes.length;
  if (known.length && truth) {
    const realised = realisedMetrics(basis, predictions, truth, known);
    return judged(basis, known.length, { realised }, realised[basis.metric]);
  }
  if (!isClassification(basis.task) || !predictions.proba || !predictions.labels || !all.length) return null;
  const proba = new Float32Array(all.length * k);
  for (let t = 0; t < all.length; t++) proba.set(predictions.proba.subarray(all[t] * k, all[t] * k + k), t * k);
  const index = new Map(basis.classes.map((c, j) => [c, j]));
  const predicted = Int32Array.from(all, (i) => index.get(predictions.labels![i]) ?? 0);
  const estimated = withCalibrationError(expectedAccuracy(calibratedProba(proba, basis.classes, basis.calibration), k, predicted), basis);
  return judged(basis, all.length, { estimated }, estimated.value);
}

/**
 * CBPE's standard error covers the current rows' sampling only; the calibration map was itself
 * fitted on the test rows, and errs about as much as an accuracy measured on them. Both are added
 * in quadrature: without the second term a model calibrated on a few hundred rows got an interval
 * that missed the realised accuracy on its own kind of data.
 */
function withCalibrationError(estimate: NonNullable<PerformanceReport['estimated']>, basis: PerformanceBasis): NonNullable<PerformanceReport['estimated']> {
  if (!basis.testRows || !Number.isFinite(basis.reference)) return estimate;
  const a = basis.reference;
  const se = Math.sqrt(estimate.std_error ** 2 + (a * (1 - a)) / basis.testRows);
  return { value: estimate.value, std_error: se, lower: estimate.value - 1.959963984540054 * se, upper: estimate.value + 1.959963984540054 * se };
}

/** The metrics of the rows with known truth; accuracy from the predicted labels (which honour a decision threshold), as the reference chunks count it. */
function realisedMetrics(basis: PerformanceBasis, p: Predictions, truth: Truth, known: Int32Array): Metrics {
  if (!isClassification(basis.task)) {
    const y = Float64Array.from(known, (i) => truth[i]);
    return computeMetrics(basis.task, y, Float32Array.from(known, (i) => p.values![i]), 0);
  }
  const k = basis.classes.length;
  const y = Int32Array.from(known, (i) => truth[i]);
  const proba = new Float32Array(known.length * k);
  for (let t = 0; t < known.length; t++) proba.set(p.proba!.subarray(known[t] * k, known[t] * k + k), t * k);
  const index = new Map(basis.classes.map((c, j) => [c, j]));
  const predicted = Int32Array.from(known, (i) => index.get(p.labels![i]) ?? -1);
  return { ...computeMetrics(basis.task, y, proba, k), accuracy: accuracy(y, predicted) };
}

function judged(basis: PerformanceBasis, rows: number, parts: Pick<PerformanceReport, 'realised' | 'estimated'>, watched: number): PerformanceReport {
  const band = performanceBand(basis, rows);
  const alert = band !== undefined && Number.isFinite(watched) && (watched < band.lower || watched > band.upper);
  return { metric: basis.metric, reference: basis.reference, ...parts, ...(band ? { band } : {}), alert };
}
