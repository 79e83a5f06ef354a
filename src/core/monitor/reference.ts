// The reference a model file keeps for monitoring (model-file version 4, `file.monitoring`): each
// input column's sketch over the training rows, and the model's predictions, probabilities,
// metrics, per-chunk performance and calibration on its test rows. No rows are stored: numbers
// become quantile bins, categories their counts with the rarest folded into "other".
//
// How a column becomes sketch material (the monitoring engine uses `sketchInput` on the current
// rows too, so both sides are read alike):
//   numeric                 its numbers (NaN missing)
//   datetime                its epoch milliseconds, as numbers
//   categorical             its categories
//   boolean                 "false" / "true" (not the file's spelling, which another file may change)
//   text                    the length of each value in characters, as numbers: free text is
//                           nearly all distinct, so category counts would fold it all into
//                           "other" and see no change, while lengths move when the form or the
//                           upstream source of the text changes; and no value is ever stored.
import { type LoadedModel, type Predictions, predictTable } from '../artifact/predictTable';
import type { AnyModelFile } from '../artifact/modelFile';
import { accuracy, rocAuc } from '../evaluate/classification';
import { type Metrics, computeMetrics } from '../evaluate/evaluate';
import { meanAbsoluteError, rootMeanSquaredError } from '../evaluate/regression';
import type { InputColumn } from '../prep/pipeline';
import { type ModelTask, classTarget, isClassification, regressionTarget } from '../problem';
import { type DataTable, findColumn, getColumn } from '../table/DataTable';
import { type Column, type ColumnKind, formatCell, isMissingAt } from '../table/column';
import { SaplingError } from '../util/errors';
import { keyed } from '../util/keyed';
import { type CalibrationMap, compactMap, isotonicFitBinary } from './calibration';
import { DEFAULT_SKETCH_CATEGORIES, categoricalSketch, numericSketch } from './sketch';
import type { ColumnReference, MonitorReference, NumericSketch, Sketch } from './types';

export { applyCalibration, type CalibrationMap } from './calibration';

/** Sketch material: numbers (NaN = missing) for a numeric sketch, strings (null = missing) for a categorical one. */
export type SketchInput = { readonly kind: 'numeric'; readonly values: Float64Array } | { readonly kind: 'categorical'; readonly values: (string | null)[] };

/** Chunks of the test rows whose spread of performance gives the alert band (NannyML's default count). */
export const PERFORMANCE_CHUNKS = 10;
/** Fewest test rows per performance chunk; fewer rows make no band. */
const MIN_CHUNK_ROWS = 5;
/** Breakpoints kept over all classes' calibration maps, and at most per class. */
const CALIBRATION_POINTS = 1000;
const MAX_POINTS_PER_CLASS = 200;

/**
 * The values of `column` a sketch summarises when the model reads it as `kind` (see the table at
 * the top of this file). Used for the reference and for the current rows alike.
 */
export function sketchInput(column: Column, kind: ColumnKind): SketchInput {
  const n = column.kind === 'categorical' || column.kind === 'text' ? column.codes.length : column.values.length;
  if (kind === 'numeric' || kind === 'datetime') {
    if (column.kind === 'numeric' || column.kind === 'datetime') return { kind: 'numeric', values: column.values };
    return { kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (isMissingAt(column, i) ? NaN : Number(formatCell(column, i)))) };
  }
  if (kind === 'text') {
    // Characters as code points (an emoji is one), worked out once per distinct value.
    if (column.kind === 'text' || column.kind === 'categorical') {
      const lengths = column.categories.map((c) => [...c].length);
      return { kind: 'numeric', values: Float64Array.from(column.codes, (code) => (code < 0 ? NaN : lengths[code])) };
    }
    return { kind: 'numeric', values: Float64Array.from({ length: n }, (_, i) => (isMissingAt(column, i) ? NaN : [...formatCell(column, i)].length)) };
  }
  if (column.kind === 'boolean') return { kind: 'categorical', values: Array.from(column.values, (v) => (v < 0 ? null : v === 1 ? 'true' : 'false')) };
  return { kind: 'categorical', values: Array.from({ length: n }, (_, i) => (isMissingAt(column, i) ? null : formatCell(column, i))) };
}

/** The sketch of sketch material. */
export function sketchOf(input: SketchInput, keep = DEFAULT_SKETCH_CATEGORIES): Sketch {
  return input.kind === 'numeric' ? numericSketch(input.values) : categoricalSketch(input.values, keep);
}

/**
 * The predictions as sketch material: labels (classifiers) and clusters as categories, predicted
 * values (regression) and the first component (projections) as numbers, to 7 significant digits
 * as `sapling predict` writes them (float32 holds no more; the rest would be noise that only
 * lengthens the file's bin edges).
 */
export function predictionInput(p: Predictions): SketchInput {
  if (p.labels) return { kind: 'categorical', values: [...p.labels] };
  if (p.clusters) return { kind: 'categorical', values: Array.from(p.clusters, String) };
  if (p.values) return { kind: 'numeric', values: Float64Array.from(p.values, (v) => Number(v.toPrecision(7))) };
  const k = p.components ?? 0;
  const projection = p.projection ?? new Float32Array(0);
  return { kind: 'numeric', values: Float64Array.from({ length: p.rows }, (_, i) => (k ? Number(projection[i * k].toPrecision(7)) : NaN)) };
}

/**
 * Each class's probability column as numbers, keyed `proba_<class>` (classifiers; empty otherwise),
 * to 6 significant digits as `sapling predict` writes them.
 */
export function probabilityInputs(p: Predictions): [string, Float64Array][] {
  const proba = p.proba;
  if (!proba) return [];
  const k = p.classes.length;
  return p.classes.map((c, j) => [`proba_${c}`, Float64Array.from({ length: p.rows }, (_, i) => Number(proba[i * k + j].toPrecision(6)))]);
}

/** What `buildReference` needs: the training rows' inputs, and the model's predictions on its test rows with their truth. */
export interface ReferenceInputs {
  /** The training rows (at least the input columns). */
  readonly inputs: DataTable;
  readonly inputSchema: readonly InputColumn[];
  readonly task: ModelTask;
  readonly classes: readonly string[];
  /** The model's predictions on the test rows (all rows for clustering and projection). */
  readonly predictions: Predictions;
  /** The test rows' truth: class indices (classifiers) or values (regression); null without a target. */
  readonly yTest: Int32Array | Float64Array | null;
  /** The test metrics (`report.metrics.test`); undefined ones (NaN) are left out. */
  readonly metrics: Metrics;
  /** `inputSketches(inputs, inputSchema)` when already made (on another thread: `SketchHost`). */
  readonly inputSketches?: readonly Sketch[];
}

/** Each input column's sketch over `inputs`, in the schema's order: the largest part of a reference to make (it sorts every numeric column). */
export function inputSketches(inputs: DataTable, inputSchema: readonly InputColumn[]): Sketch[] {
  return inputSchema.map(({ name, kind }) => sketchOf(sketchInput(getColumn(inputs, name), kind)));
}

/**
 * Another thread that makes `inputSketches` (the CLI's worker threads), so a run sketches its
 * training inputs there while it scores its test rows here.
 */
export interface SketchHost {
  inputSketches(inputs: DataTable, inputSchema: readonly InputColumn[]): Promise<Sketch[]>;
}

/**
 * The monitoring reference of a training run (what `file.monitoring` holds): input sketches over
 * the training rows, in the input schema's order; the prediction and probability sketches, the
 * metrics, the spread of performance over chunks and the calibration maps on the test rows.
 */
export function buildReference(args: ReferenceInputs): MonitorReference {
  const { inputs, inputSchema, task, classes, predictions, yTest } = args;
  const sketches = args.inputSketches ?? inputSketches(inputs, inputSchema);
  if (sketches.length !== inputSchema.length) throw new Error('internal error: buildReference got a sketch per input column of another schema');
  const columns: ColumnReference[] = inputSchema.map(({ name, kind }, i) => ({ column: name, kind, sketch: sketches[i] }));
  const probabilities = probabilityInputs(predictions);
  const performance = yTest ? chunkPerformance(task, predictions, yTest) : undefined;
  const calibration = yTest && isClassification(task) && predictions.proba ? calibrationMaps(classes, predictions.proba, yTest as Int32Array) : undefined;
  return {
    version: 1,
    rows: inputs.rowCount,
    columns,
    prediction: sketchOf(predictionInput(predictions), Math.max(DEFAULT_SKETCH_CATEGORIES, classes.length)),
    ...(probabilities.length ? { probabilities: keyed(probabilities.map(([key, values]) => [key, numericSketch(values) as NumericSketch])) } : {}),
    metrics: keyed(Object.entries(args.metrics).filter(([, v]) => Number.isFinite(v))),
    testRows: predictions.rows,
    ...(performance && Object.keys(performance).length ? { performance } : {}),
    ...(calibration ? { calibration } : {}),
  };
}

/**
 * The watched metrics over `PERFORMANCE_CHUNKS` equal chunks of the test rows in their order (the
 * remainder, fewer rows than chunks, left out so every chunk has the same size): accuracy and, for
 * two classes, ROC AUC; RMSE and MAE for regression. A chunk where a metric is undefined (ROC AUC
 * with one class present) gives no value; a metric with fewer than two values is left out.
 */
export function chunkPerformance(task: ModelTask, p: Predictions, y: Int32Array | Float64Array): Record<string, { chunkRows: number; values: number[] }> {
  const chunks = Math.min(PERFORMANCE_CHUNKS, Math.floor(p.rows / MIN_CHUNK_ROWS));
  const out = keyed<{ chunkRows: number; values: number[] }>();
  if (chunks < 2 || task === 'clustering' || task === 'projection') return out;
  const chunkRows = Math.floor(p.rows / chunks);
  const add = (metric: string, value: number) => {
    if (Number.isFinite(value)) (out[metric] ??= { chunkRows, values: [] }).values.push(value);
  };
  const classIndex = new Map(p.classes.map((c, k) => [c, k]));
  for (let c = 0; c < chunks; c++) {
    const from = c * chunkRows;
    const to = from + chunkRows;
    if (isClassification(task)) {
      const truth = (y as Int32Array).subarray(from, to);
      add('accuracy', accuracy(truth, Int32Array.from(p.labels!.slice(from, to), (l) => classIndex.get(l) ?? -1)));
      if (p.classes.length === 2 && p.proba) {
        add('roc_auc', rocAuc(Uint8Array.from(truth, (t) => (t === 1 ? 1 : 0)), Float64Array.from({ length: chunkRows }, (_, i) => p.proba![(from + i) * 2 + 1])));
      }
    } else {
      const truth = y.subarray(from, to);
      const predicted = p.values!.subarray(from, to);
      add('rmse', rootMeanSquaredError(truth, predicted));
      add('mae', meanAbsoluteError(truth, predicted));
    }
  }
  for (const metric of Object.keys(out)) if (out[metric].values.length < 2) delete out[metric];
  return out;
}

/**
 * Per class, the isotonic map from the model's probability of the class to the share of rows that
 * are of it (one-vs-rest) on the test rows, compacted to a bounded number of breakpoints.
 */
export function calibrationMaps(classes: readonly string[], proba: Float32Array, y: Int32Array): Record<string, CalibrationMap> {
  const k = classes.length;
  const perClass = Math.max(2, Math.min(MAX_POINTS_PER_CLASS, Math.floor(CALIBRATION_POINTS / k)));
  return keyed(
    classes.map((c, j) => {
      const score = Float64Array.from({ length: y.length }, (_, i) => proba[i * k + j]);
      const truth = Uint8Array.from(y, (t) => (t === j ? 1 : 0));
      return [c, compactMap(isotonicFitBinary(score, truth), perClass)];
    }),
  );
}

/**
 * The reference's prediction sketch for a binary model with a decision threshold (`file.decision`,
 * chosen in the studio after training): the reference's labels were the more probable class, the
 * file now predicts the second class from `threshold`. The rows at or above it are counted on the
 * second class's probability sketch (exact where the sketch is, as for up to 100 distinct
 * probabilities; otherwise linear inside the one bin the threshold falls in). Without that sketch
 * the reference's own prediction sketch is returned.
 */
export function predictionAtThreshold(reference: MonitorReference, classes: readonly string[], threshold: number): Sketch {
  const sketch = classes.length === 2 ? reference.probabilities?.[`proba_${classes[1]}`] : undefined;
  if (!sketch || sketch.count === 0) return reference.prediction;
  let above = 0;
  const { edges, counts } = sketch;
  counts.forEach((count, i) => {
    // Bin i holds (edges[i], edges[i + 1]] (bin 0 also edges[0]): above when its lower edge is,
    // in part (linearly) when the threshold falls inside it.
    const lo = edges[i];
    const hi = edges[i + 1];
    // A bin one float wide is a single value's (sketch.ts gives frequent values such bins).
    const point = hi - lo <= 4 * Number.EPSILON * Math.max(1, Math.abs(hi));
    if (lo >= threshold || (point && hi >= threshold)) above += count;
    else if (hi >= threshold) above += (count * (hi - threshold)) / (hi - lo);
  });
  const second = Math.round(above);
  const categories = keyed<number>([
    [classes[0], sketch.count - second],
    [classes[1], second],
  ]);
  return { kind: 'categorical', count: sketch.count, missing: sketch.missing, categories, other: 0 };
}

/**
 * A reference from a table of rows instead of the file's own (a reference CSV, read with the
 * model's input kinds): the input sketches over all its rows, and the prediction parts from
 * predicting them with `model`; where the table holds the target, the metrics, performance chunks
 * and calibration from its labelled rows, otherwise none.
 */
export function referenceFromTable(file: AnyModelFile, table: DataTable, model: LoadedModel): MonitorReference {
  for (const { name } of file.inputSchema) {
    if (!findColumn(table, name)) throw new SaplingError('missing-column', `the reference rows have no column "${name}", which the model reads`);
  }
  const { task, classes, target } = file.problem;
  const predictions = predictTable(model, table);
  const labelled = target !== null ? findColumn(table, target) : undefined;
  const truth = labelled ? truthOf(labelled, task, classes) : null;
  const base = buildReference({ inputs: table, inputSchema: file.inputSchema, task, classes, predictions, yTest: null, metrics: {} });
  if (!truth || truth.rows.length === 0) return base;
  // The labelled rows alone make the metrics, the chunks and the calibration.
  const kept = selectPredictions(predictions, truth.rows);
  const outputs = kept.proba ?? kept.values ?? new Float32Array(0);
  const metrics = computeMetrics(task as 'binary' | 'multiclass' | 'regression', truth.y, outputs, classes.length);
  const withTruth = buildReference({ inputs: table, inputSchema: [], task, classes, predictions: kept, yTest: truth.y, metrics });
  const { metrics: m, performance, calibration } = withTruth;
  return { ...base, metrics: m, ...(performance ? { performance } : {}), ...(calibration ? { calibration } : {}) };
}

/** The target's truth on the rows where it is known: class indices in the file's class order, or values. */
function truthOf(column: Column, task: ModelTask, classes: readonly string[]): { rows: Int32Array; y: Int32Array | Float64Array } | null {
  if (task === 'regression') {
    if (column.kind !== 'numeric') return null;
    const values = regressionTarget(column);
    const rows = Int32Array.from(values.keys()).filter((i) => !Number.isNaN(values[i]));
    return { rows, y: Float64Array.from(rows, (i) => values[i]) };
  }
  if (!isClassification(task) || column.kind === 'datetime') return null;
  // Labels as the file names its classes; a label the model never saw is left out with missing ones.
  const encoded = classTarget(column);
  const index = new Map(classes.map((c, k) => [c, k]));
  const remap = encoded.classes.map((c) => index.get(c) ?? -1);
  const rows = Int32Array.from(encoded.y.keys()).filter((i) => encoded.y[i] >= 0 && remap[encoded.y[i]] >= 0);
  return { rows, y: Int32Array.from(rows, (i) => remap[encoded.y[i]]) };
}

/** The predictions of the listed rows only. */
function selectPredictions(p: Predictions, rows: Int32Array): Predictions {
  const k = p.classes.length;
  return {
    rows: rows.length,
    classes: p.classes,
    ...(p.labels ? { labels: Array.from(rows, (i) => p.labels![i]) } : {}),
    ...(p.values ? { values: Float32Array.from(rows, (i) => p.values![i]) } : {}),
    ...(p.proba ? { proba: Float32Array.from({ length: rows.length * k }, (_, t) => p.proba![rows[Math.floor(t / k)] * k + (t % k)]) } : {}),
  };
}
