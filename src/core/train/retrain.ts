import type { ModelFile } from '../artifact/modelFile';
import type { LoadedModel } from '../artifact/predictTable';
import { computeMetrics, type Metrics } from '../evaluate/evaluate';
import { toMatrix, transformPipeline } from '../prep/recipe';
import { classTarget, isClassification, regressionTarget } from '../problem';
import { type DataTable, concatTables, dropColumns, getColumn, selectRows } from '../table/DataTable';
import { SaplingError } from '../util/errors';

/**
 * Retraining a model on new labelled rows (issue 14, Retrain): which rows the model's recipe is run
 * on again, which newest rows both models are compared on, and the current model's score there.
 * The training itself is `runTraining` with the model's own config (no second trainer).
 */

/** What the retrained model learns from: the old training rows and the new ones, the new only, or the most recent `rows` of both. */
export type RetrainMode = { readonly kind: 'old+new' } | { readonly kind: 'new' } | { readonly kind: 'recent'; readonly rows: number };

/** Share of the new labelled rows (the last ones) kept out of retraining to compare the two models on. */
export const NEWEST_SHARE = 0.2;
/** Fewest new labelled rows a retraining needs (a few to learn from, a few to compare on). */
export const MIN_NEW_ROWS = 10;

/** The rows of a retraining: `train` for the recipe, `newest` held out to compare the models on. */
export interface RetrainRows {
  readonly train: DataTable;
  readonly newest: DataTable;
}

/**
 * Splits the new rows (file order: the last are the newest) and adds the old ones as `mode` says.
 * Both tables are cut to the model's input columns and target; new rows without a target are
 * left out. `old` is needed for 'old+new' and 'recent' (null: an error saying to load it).
 */
export function retrainRows(file: ModelFile, old: DataTable | null, fresh: DataTable, mode: RetrainMode): RetrainRows {
  const target = file.problem.target;
  const keep = new Set([...file.inputSchema.map((c) => c.name), target]);
  const cut = (t: DataTable) => dropColumns(t, t.columns.filter((c) => !keep.has(c.name)).map((c) => c.name));
  getColumn(fresh, target);
  const labelled = cut(selectRows(fresh, labelledRows(fresh, target, file)));
  if (labelled.rowCount < MIN_NEW_ROWS) throw new SaplingError('too-few-rows', `retraining needs at least ${MIN_NEW_ROWS} new rows with "${target}" filled in; the new data has ${labelled.rowCount}`);
  const held = Math.max(1, Math.round(labelled.rowCount * NEWEST_SHARE));
  const firstNewest = labelled.rowCount - held;
  const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
  const newest = selectRows(labelled, range(firstNewest, labelled.rowCount));
  const pool = selectRows(labelled, range(0, firstNewest));
  if (mode.kind === 'new') return { train: pool, newest };
  if (!old) throw new SaplingError('no-data', 'load the data the model was trained on (Data) to retrain on old and new rows, or retrain on the new rows only');
  const both = concatTables(cut(old), pool);
  if (mode.kind === 'old+new') return { train: both, newest };
  if (!Number.isInteger(mode.rows) || mode.rows < MIN_NEW_ROWS) throw new SaplingError('bad-param', `the most recent rows to retrain on must be a whole number of at least ${MIN_NEW_ROWS}, got ${mode.rows}`);
  const rows = Math.min(mode.rows, both.rowCount);
  return { train: selectRows(both, range(both.rowCount - rows, both.rowCount)), newest };
}

/** Rows of `table` whose target is known (a class the model knows is not required: an unseen class counts as wrong). */
function labelledRows(table: DataTable, target: string, file: ModelFile): Int32Array {
  const column = getColumn(table, target);
  const known = isClassification(file.problem.task) ? Array.from(classTarget(column).y, (k) => k >= 0) : Array.from(regressionTarget(column), (v) => !Number.isNaN(v));
  return Int32Array.from(known.flatMap((k, i) => (k ? [i] : [])));
}

/**
 * The model's test metrics on `table`'s rows (which hold the target), as training reports them.
 * Rows of a class the model never saw cannot enter its metrics (they have no column among its
 * probabilities) and are left out; none left is an error naming the classes.
 */
export function metricsOn(model: LoadedModel<ModelFile>, table: DataTable): Metrics {
  const { file } = model;
  const column = getColumn(table, file.problem.target);
  let rows = table;
  let y: Int32Array | Float64Array;
  if (isClassification(file.problem.task)) {
    const encoded = classTarget(column);
    // Class indices in the model's order.
    const known = Int32Array.from(encoded.y, (k) => (k < 0 ? -1 : file.problem.classes.indexOf(encoded.classes[k])));
    const keep = Int32Array.from(known.keys()).filter((i) => known[i] >= 0);
    if (keep.length === 0) throw new SaplingError('unknown-classes', `none of the rows has a class the model knows (it knows ${file.problem.classes.join(', ')})`);
    rows = selectRows(table, keep);
    y = Int32Array.from(keep, (i) => known[i]);
  } else {
    y = regressionTarget(column);
  }
  const X = toMatrix(transformPipeline(file.pipeline, rows), file.pipeline.features);
  return computeMetrics(file.problem.task, y, model.predictor.outputs(X, rows.rowCount), file.problem.classes.length);
}
