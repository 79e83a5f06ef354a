import { type LoadedModel, predictTable } from '../artifact/predict';
import type { ModelFile } from '../artifact/modelFile';
import type { BoostingState } from '../models/trees/gbdt.model';
import type { TreeEnsembleState } from '../models/trees/learners';
import { type FittedPipeline, toMatrix, transformPipeline } from '../prep/recipe';
import { oneSourceEach } from '../prep/featureSources';
import { isClassification } from '../problem';
import { type DataTable, concatTables, createTable, findColumn, selectRows } from '../table/DataTable';
import { takeRows } from '../table/column';
import { CancelledError, SaplingError } from '../util/errors';
import { type Rng, shuffleInPlace } from '../util/rng';
import { boostingShap, ensembleShap, type TreeModelShap } from './treeShap';

/** How the contributions were worked out. */
export type ExplainMethod = 'tree-shap' | 'sampling';

/**
 * The units of baseline, output and contributions, in words a screen can print ("pushed the
 * log-odds of 'yes' up by 0.8"): a binary boosting model's log-odds, a multiclass boosting model's
 * per-class scores (before the softmax), class probabilities, or the predicted value.
 */
export type ExplainScale = 'log-odds' | 'class score' | 'probability' | 'value';

/** One row's explanation. Numbers are per output: one per class, or one for regression. */
export interface RowExplanation {
  /** The model's expected output (see `Explanation.baseline`), per output. */
  readonly baseline: readonly number[];
  /** The model's output for this row, per output, in the explanation's scale: baseline + Σ contributions. */
  readonly output: readonly number[];
  /** Row-major [column][output]: how much each input column moved each output from the baseline. */
  readonly contributions: readonly (readonly number[])[];
  /** The prediction: a class label, or the value. */
  readonly prediction: string | number;
  /** Classification: the predicted class's index in `outputs` (the file's decision threshold applies). */
  readonly predictedIndex?: number;
  /** Classification: class probabilities. */
  readonly probabilities?: readonly number[];
}

/** Per-row, per-column contributions to a model's predictions (Shapley values). */
export interface Explanation {
  readonly method: ExplainMethod;
  readonly scale: ExplainScale;
  /** The input columns contributions are given for, in the model's input order. */
  readonly columns: readonly string[];
  /** What each output is: the class labels, or the target's name for regression. */
  readonly outputs: readonly string[];
  readonly rows: readonly RowExplanation[];
  /** Sampling: background rows the baseline averages over; 0 for TreeSHAP (it uses the trees' cover). */
  readonly backgroundRows: number;
  /** Sampling: antithetic permutation pairs per row (each pair against one background row, in turn). */
  readonly samples?: number;
}

/** Options of `explainRows`; everything random draws from `rng`. */
export interface ExplainOptions {
  /** Sampling: antithetic permutation pairs per row (1 to 4096; default 128). */
  readonly samples?: number;
  /** Sampling: background rows drawn from `background` (1 to 1024; default 64; never more than `samples`). */
  readonly backgroundRows?: number;
  readonly rng: Rng;
  /** Called after each explained row. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Polled between rows; the work throws CancelledError once it returns true. */
  readonly shouldStop?: () => boolean;
}

/** Default antithetic permutation pairs (each pair: a permutation and its reverse). */
export const EXPLAIN_DEFAULT_SAMPLES = 128;
/** Default background rows for sampling. */
export const EXPLAIN_DEFAULT_BACKGROUND = 64;
const MAX_SAMPLES = 4096;
const MAX_BACKGROUND = 1024;

/** The families whose fitted state is a tree ensemble TreeSHAP reads exactly. */
const TREE_FAMILIES = new Set(['gbdt', 'forest', 'tree']);

/**
 * Explains each row of `rows`: per input column, how much it moved the model's output away from a
 * baseline, with baseline + Σ contributions = the output (Shapley values, so credit is shared fairly
 * between columns that act together).
 *
 * A column that became several model features (one-hot indicators, say) gets the sum of their
 * values, as the `shap` package does for grouped features: Shapley values add up, so the sum is the
 * column's share of the prediction (not the same as treating the column as one player, but close,
 * and exact in sum).
 *
 * - Boosting, forests and single trees: exact path-dependent TreeSHAP (`treeShap.ts`) in the model's
 *   raw space: log-odds (binary boosting; the first class gets the negated log-odds of the second),
 *   per-class scores (multiclass boosting), probabilities (trees, forests), or the value. The
 *   baseline is the cover-weighted expected output of the trees; `background` is not used.
 * - Every other family (and tree models behind a step that mixes columns, such as PCA): sampled
 *   Shapley values (`samplingShap`) in the output space: probabilities or the value.
 */
export function explainRows(model: LoadedModel, rows: DataTable, background: DataTable, options: ExplainOptions): Explanation {
  const file = model.file;
  if (file.problem.target === null) {
    throw new SaplingError('no-target', `a ${file.problem.task} model (${file.model.model}) predicts no target, so there is nothing to explain`);
  }
  const supervised = file as ModelFile;
  const pipeline = supervised.pipeline;
  const columns = pipeline.inputs.map((c) => c.name);
  const classification = isClassification(supervised.problem.task);
  const outputs = classification ? [...supervised.problem.classes] : [supervised.problem.target];
  const predictions = predictTable(model, rows);
  const predicted = (i: number) =>
    classification
      ? { prediction: predictions.labels![i], predictedIndex: outputs.indexOf(predictions.labels![i]), probabilities: Array.from(predictions.proba!.subarray(i * outputs.length, (i + 1) * outputs.length)) }
      : { prediction: predictions.values![i] };
  const shap = treeShapFor(supervised, columns);
  if (shap) {
    const X = toMatrix(transformPipeline(pipeline, rows), pipeline.features);
    const result: RowExplanation[] = [];
    for (let i = 0; i < rows.rowCount; i++) {
      checkStop(options);
      result.push({ ...explainTreeRow(shap, X, i, pipeline, columns, outputs.length), ...predicted(i) });
      options.onProgress?.(i + 1, rows.rowCount);
    }
    return { method: 'tree-shap', scale: shap.scale, columns, outputs, rows: result, backgroundRows: 0 };
  }
  const samples = limit('samples', options.samples ?? EXPLAIN_DEFAULT_SAMPLES, MAX_SAMPLES);
  // A pair uses one background row, so more rows than pairs would go unused.
  const wanted = Math.min(samples, limit('background rows', options.backgroundRows ?? EXPLAIN_DEFAULT_BACKGROUND, MAX_BACKGROUND));
  if (background.rowCount === 0) throw new SaplingError('too-few-rows', 'explaining by sampling needs at least one background row');
  const chosen = background.rowCount > wanted ? shuffleInPlace(Int32Array.from({ length: background.rowCount }, (_, i) => i), options.rng).subarray(0, wanted).sort() : null;
  const bg = chosen ? selectRows(background, chosen) : background;
  const pairs = evenPairs(samples, bg.rowCount);
  const result: RowExplanation[] = [];
  for (let i = 0; i < rows.rowCount; i++) {
    checkStop(options);
    const row = selectRows(rows, [i]);
    result.push({ ...samplingShap(model, row, bg, pairs, options.rng), ...predicted(i) });
    options.onProgress?.(i + 1, rows.rowCount);
  }
  return { method: 'sampling', scale: classification ? 'probability' : 'value', columns, outputs, rows: result, backgroundRows: bg.rowCount, samples: pairs };
}

/**
 * Pairs rounded up to a whole number of rounds over the B background rows: pair p uses row
 * p mod B, so only then does every row serve equally often and the baseline is their plain mean.
 */
function evenPairs(pairs: number, B: number): number {
  return Math.ceil(pairs / B) * B;
}

function checkStop(options: ExplainOptions): void {
  if (options.shouldStop?.()) throw new CancelledError();
}

function limit(what: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new SaplingError('bad-param', `${what} must be a whole number from 1 to ${max}, got ${value}`);
  return value;
}

/** TreeSHAP for the tree families when every model feature comes from one input column; else null. */
function treeShapFor(file: ModelFile, columns: readonly string[]): (TreeModelShap & { scale: ExplainScale; binary: boolean }) | null {
  const id = file.model.model;
  if (!TREE_FAMILIES.has(id)) return null;
  // PCA's features come from every column at once (source "PCA"): no column owns them.
  const known = new Set(columns);
  // A feature made from several columns (`age×fare`) has no one column to add its φ to either.
  if (!oneSourceEach(file.pipeline.features, known)) return null;
  const d = file.pipeline.features.length;
  if (id === 'gbdt') {
    const state = file.model.state as BoostingState;
    const scale: ExplainScale = state.link === 'sigmoid' ? 'log-odds' : state.link === 'softmax' ? 'class score' : 'value';
    return { ...boostingShap(state, d), scale, binary: state.link === 'sigmoid' };
  }
  return { ...ensembleShap(file.model.state as TreeEnsembleState, d), scale: isClassification(file.problem.task) ? 'probability' : 'value', binary: false };
}

/** One row by TreeSHAP, φ summed per input column; a binary model's single log-odds as two classes. */
function explainTreeRow(shap: TreeModelShap & { binary: boolean }, X: Float32Array, i: number, pipeline: FittedPipeline, columns: readonly string[], K: number) {
  const d = pipeline.features.length;
  const { phi, raw } = shap.explain(X.subarray(i * d, (i + 1) * d));
  const index = new Map(columns.map((c, j) => [c, j]));
  const sums = columns.map(() => new Array<number>(shap.outputs).fill(0));
  pipeline.features.forEach((f, j) => {
    const to = sums[index.get(f.source)!];
    for (let k = 0; k < shap.outputs; k++) to[k] += phi[j * shap.outputs + k];
  });
  // log(p0 / p1) = −log(p1 / p0): the first class's log-odds mirror the second's.
  const both = (v: readonly number[]) => (shap.binary && K === 2 ? [-v[0], v[0]] : [...v]);
  return { baseline: both(Array.from(shap.expected)), output: both(Array.from(raw)), contributions: sums.map(both) };
}

/**
 * Sampled Shapley values of one row (Štrumbelj & Kononenko 2014) over the input columns, in the
 * model's output space. Each chain takes a background row z and a permutation of the columns and
 * moves from z to the row x one column at a time; the change of the output at each step is that
 * column's marginal contribution. Permutations come in antithetic pairs (one and its reverse),
 * which cancels much of the variance; pair p uses background row p mod B, and `pairs` is a
 * multiple of B, so every background row serves equally often. Each chain telescopes to f(x) − f(z), so Σφ = f(x) − baseline exactly,
 * where the baseline is the mean output over the background rows. All the mixed rows of the row
 * go to the model in one call.
 */
export function samplingShap(model: LoadedModel, row: DataTable, background: DataTable, pairs: number, rng: Rng): { baseline: number[]; output: number[]; contributions: number[][] } {
  const pipeline = model.file.pipeline;
  const columns = pipeline.inputs.map((c) => c.name);
  const C = columns.length;
  const B = background.rowCount;
  if (pairs % B !== 0) throw new SaplingError('bad-param', `sampling needs a whole number of rounds over the ${B} background rows, got ${pairs} pairs`);
  const chains = pairs * 2;
  // Which source each column of each mixed row takes: 0 = the explained row, 1 + b = background b.
  // Rows: x, then the B background rows, then each chain's C − 1 intermediate rows.
  const inner = Math.max(0, C - 1);
  const total = 1 + B + chains * inner;
  const from = new Int32Array(total * C);
  for (let b = 0; b < B; b++) from.fill(1 + b, (1 + b) * C, (2 + b) * C);
  const orders: Int32Array[] = [];
  for (let p = 0; p < pairs; p++) {
    const order = shuffleInPlace(Int32Array.from({ length: C }, (_, j) => j), rng);
    orders.push(order, order.slice().reverse());
  }
  orders.forEach((order, chain) => {
    const b = (chain >> 1) % B;
    for (let s = 0; s < inner; s++) {
      const at = (1 + B + chain * inner + s) * C;
      // After step s the first s + 1 columns of the order are the row's, the rest background b's.
      from.fill(1 + b, at, at + C);
      for (let t = 0; t <= s; t++) from[at + order[t]] = 0;
    }
  });
  const outputs = mixedOutputs(model, row, background, from, total, columns);
  const K = outputs.length / total;
  const value = (r: number, k: number) => outputs[r * K + k];
  const contributions = columns.map(() => new Array<number>(K).fill(0));
  const baseline = new Array<number>(K).fill(0);
  orders.forEach((order, chain) => {
    const b = (chain >> 1) % B;
    for (let k = 0; k < K; k++) {
      let previous = value(1 + b, k);
      baseline[k] += previous / chains;
      for (let s = 0; s < C; s++) {
        const next = s === C - 1 ? value(0, k) : value(1 + B + chain * inner + s, k);
        contributions[order[s]][k] += (next - previous) / chains;
        previous = next;
      }
    }
  });
  return { baseline, output: Array.from({ length: K }, (_, k) => value(0, k)), contributions };
}

/** The table's model input columns alone; the pipeline's own error when one is absent. */
function inputsOf(table: DataTable, columns: readonly string[]): DataTable {
  const missing = columns.filter((c) => !findColumn(table, c)).map((c) => `"${c}"`);
  if (missing.length) throw new SaplingError('missing-columns', `the data lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that the model needs`);
  return createTable(columns.map((c) => findColumn(table, c)!));
}

/**
 * The model's outputs on the mixed rows. When every model feature comes from a single input column
 * (fill, scale and one-hot work column by column) the rows are mixed in the model's matrix, feature
 * groups copied whole; a step that combines columns (PCA) makes a feature depend on several, so the
 * rows are mixed in the raw table and the pipeline run on them.
 */
function mixedOutputs(model: LoadedModel, row: DataTable, background: DataTable, from: Int32Array, total: number, columns: readonly string[]): Float32Array {
  const pipeline = model.file.pipeline;
  const C = columns.length;
  const sourceTable = concatTables(inputsOf(row, columns), inputsOf(background, columns));
  const known = new Set(columns);
  if (oneSourceEach(pipeline.features, known)) {
    const d = pipeline.features.length;
    const X = toMatrix(transformPipeline(pipeline, sourceTable), pipeline.features);
    const groups = columns.map((c) => pipeline.features.flatMap((f, j) => (f.source === c ? [j] : [])));
    const mixed = new Float32Array(total * d);
    for (let r = 0; r < total; r++) {
      for (let c = 0; c < C; c++) {
        const src = from[r * C + c] * d;
        for (const j of groups[c]) mixed[r * d + j] = X[src + j];
      }
    }
    return model.predictor.outputs(mixed, total);
  }
  const mixedTable = createTable(
    sourceTable.columns.map((col) => {
      const c = columns.indexOf(col.name);
      return takeRows(col, Int32Array.from({ length: total }, (_, r) => from[r * C + c]));
    }),
  );
  return model.predictor.outputs(toMatrix(transformPipeline(pipeline, mixedTable), pipeline.features), total);
}
