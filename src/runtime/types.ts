/**
 * The prediction runtime's public types, written out with no imports so that
 * `scripts/build-runtime.ts` can turn this file alone into the built module's `.d.ts`. The core
 * types they mirror (ModelTask, ColumnKind) are checked against them where `index.ts` fills them in.
 */

/** What a model predicts: a class of two or more, a number, a cluster, or coordinates. */
export type Task = 'binary' | 'multiclass' | 'regression' | 'clustering' | 'projection';

/** How an input column's values are read (as the CSV reader reads a column of that kind). */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';

/** One row to predict: input column name → value (string, number, boolean or null); other columns are ignored. */
export type InputRow = Readonly<Record<string, unknown>>;

/** A value of a prediction: a label (classification) or a number. */
export type OutputValue = string | number;

/** One row's predictions, keyed by the columns `sapling predict` appends. */
export type OutputRow = Record<string, OutputValue>;

/** A column the model reads, and the kind its values are read as. */
export interface InputSchemaColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** A validated Sapling model file (upgraded to the current version), as plain JSON data. */
export interface ModelFileData {
  readonly format: string;
  readonly version: number;
  readonly [part: string]: unknown;
}

/** A loaded model, ready to predict. */
export interface SaplingModel<File = ModelFileData> {
  /** binary, multiclass, regression, clustering or projection. */
  readonly task: Task;
  /** Class labels in probability-column order (classification); empty otherwise. */
  readonly classes: readonly string[];
  /** The target column's name, or null for clustering and projection. */
  readonly target: string | null;
  /** Columns the model reads, in the model file's order. */
  readonly inputSchema: readonly InputSchemaColumn[];
  /** The columns each prediction row has, in order (`prediction`, `proba_<class>`…, `cluster`, `pc1`…). */
  readonly outputColumns: readonly string[];
  /** The model family's id (`gbdt`, `mlp`, …). */
  readonly family: string;
  /** The binary decision threshold saved with the model, when one was chosen. */
  readonly threshold: number | null;
  /** The validated model file. */
  readonly file: File;
  /**
   * Runs the fitted pipeline and the model on rows; returns one object per row with exactly
   * `outputColumns`. Throws a SaplingError naming the row and column of a bad value.
   */
  predict(rows: readonly InputRow[]): OutputRow[];
}
