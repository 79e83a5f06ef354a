import { type LoadedModel } from '../artifact/predict';
import type { ModelFile } from '../artifact/modelFile';
import { computeMetrics } from '../evaluate/evaluate';
import { featureSources, oneSourceEach } from '../prep/featureSources';
import { toMatrix, transformPipeline } from '../prep/recipe';
import { classTarget, isClassification, regressionTarget } from '../problem';
import { type DataTable, createTable, getColumn, selectRows } from '../table/DataTable';
import { takeRows } from '../table/column';
import { meanAndStd } from '../train/crossValidate';
import { SaplingError } from '../util/errors';
import { type Rng, shuffleInPlace } from '../util/rng';

/** How much the score drops when one input column's values are shuffled across the rows. */
export interface PermutationImportance {
  /** The score that drops: accuracy (classification) or R² (regression). */
  readonly metric: 'accuracy' | 'r2';
  /** The score on the rows as they are. */
  readonly baseline: number;
  /** Rows scored (a seeded sample when there were more). */
  readonly rows: number;
  readonly repeats: number;
  /** Per input column, largest mean drop first: the drop of each repeat, their mean and spread. */
  readonly columns: readonly { readonly column: string; readonly mean: number; readonly std: number; readonly drops: readonly number[] }[];
}

/** Rows permutation importance scores at most (a seeded sample beyond). */
export const PERMUTATION_MAX_ROWS = 5000;

/**
 * Permutation importance (Breiman; scikit-learn's permutation_importance) of a fitted model on
 * rows it did not train on: each input column is shuffled across the rows — all of its one-hot
 * indicators together, since they are one column to the person, and every feature made from it
 * (`age×fare`) computed again — the rows are predicted again,
 * and the drop in the score is that column's importance, measured `repeats` times. Works for any
 * model, and unlike split gains it says what the model needs on new data. `table` must hold the
 * target.
 */
export function permutationImportance(model: LoadedModel<ModelFile>, table: DataTable, repeats: number, rng: Rng): PermutationImportance {
  const { file } = model;
  if (!Number.isInteger(repeats) || repeats < 1) throw new SaplingError('bad-param', `permutation importance needs at least 1 repeat, got ${repeats}`);
  const target = file.problem.target;
  if (!table.columns.some((c) => c.name === target)) throw new SaplingError('missing-target', `permutation importance needs the target "${target}" in the data`);
  const classification = isClassification(file.problem.task);
  // Rows with a target, at most PERMUTATION_MAX_ROWS of them.
  const targetColumn = getColumn(table, target);
  const encoded = classification ? classTarget(targetColumn) : null;
  const known = encoded ? encoded.y : regressionTarget(targetColumn);
  let rows = Int32Array.from({ length: table.rowCount }, (_, i) => i).filter((i) => (encoded ? encoded.y[i] >= 0 : !Number.isNaN(known[i])));
  if (rows.length > PERMUTATION_MAX_ROWS) rows = shuffleInPlace(rows, rng).subarray(0, PERMUTATION_MAX_ROWS).sort();
  if (rows.length < 2) throw new SaplingError('too-few-rows', 'permutation importance needs at least 2 rows with a target');
  const data = selectRows(table, rows);
  // Class indices in the model's order (an unseen class never matches).
  const y = encoded
    ? Int32Array.from(rows, (i) => file.problem.classes.indexOf(encoded.classes[encoded.y[i]]))
    : Float64Array.from(rows, (i) => known[i]);
  const features = file.pipeline.features;
  const d = features.length;
  const X = toMatrix(transformPipeline(file.pipeline, data), features);
  const n = data.rowCount;
  const k = file.problem.classes.length;
  const metric = classification ? 'accuracy' : 'r2';
  const score = (matrix: Float32Array) => computeMetrics(file.problem.task, y, model.predictor.outputs(matrix, n), k)[metric];
  const baseline = score(X);

  const sources = [...new Set(features.flatMap((f) => featureSources(f)))];
  const shuffled = new Float32Array(X.length);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // Features made from several columns (`age×fare`) are computed again from the shuffled column; else the matrix's columns are shuffled.
  const inMatrix = oneSourceEach(features, new Set(sources));
  const columns = sources.map((column) => {
    const cols = features.flatMap((f, j) => (featureSources(f)[0] === column ? [j] : []));
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      shuffleInPlace(order, rng);
      if (inMatrix || !data.columns.some((c) => c.name === column)) {
        shuffled.set(X);
        for (let i = 0; i < n; i++) for (const j of cols) shuffled[i * d + j] = X[order[i] * d + j];
        drops.push(baseline - score(shuffled));
      } else {
        const mixed = createTable(data.columns.map((c) => (c.name === column ? takeRows(c, order) : c)));
        drops.push(baseline - score(toMatrix(transformPipeline(file.pipeline, mixed), features)));
      }
    }
    return { column, ...meanAndStd(drops), drops };
  });
  columns.sort((a, b) => b.mean - a.mean);
  return { metric, baseline, rows: n, repeats, columns };
}
