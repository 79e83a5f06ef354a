import { argmaxRows } from '../evaluate/classification';
import type { Predictor } from '../models/model';
import { toMatrix, transformPipeline } from '../prep/replay';
import { isClassification } from '../problem';
import type { DataTable } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import type { AnyModelFile } from './modelFile';

// Predicting with a loaded model, apart from loading it through the registry (predict.ts): the
// prediction runtime loads through its own family map and shares this.

/** A model file made ready to predict. Call `dispose` when done to free its tensors. */
export interface LoadedModel<F extends AnyModelFile = AnyModelFile> {
  readonly file: F;
  readonly predictor: Predictor;
  dispose(): void;
}

/** Predictions for a table's rows. */
export interface Predictions {
  readonly rows: number;
  /** Predicted class label per row (classification). */
  readonly labels?: readonly string[];
  /** Predicted value per row (regression). */
  readonly values?: Float32Array;
  /** Row-major probabilities, one column per class (classification). */
  readonly proba?: Float32Array;
  readonly classes: readonly string[];
  /** Cluster per row, −1 for noise (clustering). */
  readonly clusters?: Int32Array;
  /** Row-major coordinates on the kept components (projection), `components` per row. */
  readonly projection?: Float32Array;
  readonly components?: number;
}

/** Runs the fitted pipeline and the model on new rows (the target column may be absent). */
export function predictTable(model: LoadedModel, table: DataTable): Predictions {
  const { file } = model;
  const features = transformPipeline(file.pipeline, table);
  const X = toMatrix(features, file.pipeline.features);
  const outputs = model.predictor.outputs(X, table.rowCount);
  checkOutputs(outputs, table.rowCount, file);
  // A binary model's decision threshold, when one was chosen: the second class from that probability.
  return predictionsOf(file.problem, outputs, table.rowCount, 'decision' in file ? file.decision?.threshold : undefined);
}

/** Predictions from a model's raw outputs on `rows` rows (probabilities, values, clusters or coordinates). */
export function predictionsOf(problem: AnyModelFile['problem'], outputs: Float32Array, rows: number, threshold?: number): Predictions {
  const classes = problem.classes;
  if (problem.task === 'clustering') return { rows, clusters: Int32Array.from(outputs), classes };
  if (problem.task === 'projection') return { rows, projection: outputs, components: rows ? outputs.length / rows : 0, classes };
  if (!isClassification(problem.task)) return { rows, values: outputs, classes };
  const labels =
    threshold !== undefined && classes.length === 2
      ? Array.from({ length: rows }, (_, i) => classes[outputs[i * 2 + 1] >= threshold ? 1 : 0])
      : Array.from(argmaxRows(outputs, classes.length), (k) => classes[k]);
  return { rows, labels, proba: outputs, classes };
}

/**
 * Refuses outputs that a valid model on finite inputs never gives: the wrong count, or a value that
 * is not a finite number (a crafted file could otherwise predict NaN and exit 0, issue 11). Names
 * the first bad row (1-based, as in the file) and output column.
 */
function checkOutputs(outputs: Float32Array, rows: number, file: AnyModelFile): void {
  const task = file.problem.task;
  const width = task === 'clustering' || task === 'regression' ? 1 : isClassification(task) ? file.problem.classes.length : rows ? outputs.length / rows : 0;
  if (outputs.length !== rows * width || !Number.isInteger(width)) {
    throw new SaplingError('bad-prediction', `the model gave ${outputs.length} outputs for ${rows} rows; the model file is not one this Sapling can predict with`);
  }
  for (let i = 0; i < outputs.length; i++) {
    const v = outputs[i];
    if (Number.isFinite(v)) continue;
    const row = Math.floor(i / width) + 1;
    const column = isClassification(task) ? `proba_${file.problem.classes[i % width]}` : task === 'projection' ? `pc${(i % width) + 1}` : task === 'clustering' ? 'cluster' : 'prediction';
    throw new SaplingError('bad-prediction', `row ${row}: the model predicted ${v} for "${column}"; its file holds values that do not make a prediction`);
  }
}
