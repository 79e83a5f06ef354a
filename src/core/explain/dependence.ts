import { type LoadedModel } from '../artifact/predict';
import { toMatrix, transformPipeline } from '../prep/recipe';
import { isClassification } from '../problem';
import { type DataTable, findColumn, selectRows, withColumn } from '../table/DataTable';
import { type Column, booleanLabels } from '../table/column';
import { SaplingError } from '../util/errors';
import { type Rng, shuffleInPlace } from '../util/rng';

/** Grid points of a numeric column at most (distinct quantiles). */
export const DEPENDENCE_NUMERIC_POINTS = 20;
/** Categories of a categorical column at most (most frequent first). */
export const DEPENDENCE_CATEGORIES = 30;
/** Rows drawn for individual (ICE) lines at most. */
export const DEPENDENCE_ICE_ROWS = 50;
/** Rows the partial dependence averages over at most. */
export const DEPENDENCE_PDP_ROWS = 1000;

/** Partial dependence and individual conditional expectation (ICE) of a model on one input column. */
export interface Dependence {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical' | 'boolean';
  /** The grid as labels (numbers printed as they are; categories by name). */
  readonly grid: readonly string[];
  /** Numeric columns: the grid's values. */
  readonly values?: readonly number[];
  /** Class labels (series are probabilities), or the target's name (series are values). */
  readonly outputs: readonly string[];
  readonly scale: 'probability' | 'value';
  /** [output][grid point]: the mean prediction over `rows` rows with the column set to the point. */
  readonly pdp: readonly (readonly number[])[];
  /** Per sampled row (its index in the given table): [output][grid point]. */
  readonly ice: readonly { readonly row: number; readonly values: readonly (readonly number[])[] }[];
  /** Rows the partial dependence averages over. */
  readonly rows: number;
  /** A plain sentence on what the curve shows. */
  readonly reading: string;
}

/**
 * Partial dependence (Friedman 2001) and ICE curves (Goldstein et al. 2015) of `column`: for each
 * grid value, every sampled row with the column set to it, predicted, and averaged. Done on the
 * raw table, before the pipeline, so the grid is in the person's units and any step (scaling,
 * one-hot, PCA) sees the changed column as it would see real data. All grid values go to the
 * model in one batch. ICE rows are the first of the seeded sample the PDP uses.
 */
export function partialDependence(model: LoadedModel, table: DataTable, column: string, rng: Rng): Dependence {
  const file = model.file;
  if (file.problem.target === null) throw new SaplingError('no-target', `a ${file.problem.task} model (${file.model.model}) predicts no target, so it has no partial dependence`);
  const inputs = file.pipeline.inputs.map((c) => c.name);
  if (!inputs.includes(column)) throw new SaplingError('unknown-column', `the model does not use a column "${column}" (it uses: ${inputs.join(', ')})`);
  const col = findColumn(table, column);
  if (!col) throw new SaplingError('missing-columns', `the data lacks column "${column}" that the model needs`);
  if (table.rowCount === 0) throw new SaplingError('too-few-rows', 'partial dependence needs at least one row');
  const grid = gridOf(col);
  const order = shuffleInPlace(Int32Array.from({ length: table.rowCount }, (_, i) => i), rng);
  const sampled = order.subarray(0, Math.min(DEPENDENCE_PDP_ROWS, order.length));
  const m = sampled.length;
  const G = grid.labels.length;
  const repeated = Int32Array.from({ length: m * G }, (_, r) => sampled[r % m]);
  const changed = withColumn(selectRows(table, repeated), grid.column(m));
  const outputs = model.predictor.outputs(toMatrix(transformPipeline(file.pipeline, changed), file.pipeline.features), m * G);
  const classification = isClassification(file.problem.task);
  const names = classification ? [...file.problem.classes] : [file.problem.target];
  const K = names.length;
  const at = (g: number, i: number, k: number) => outputs[(g * m + i) * K + k];
  const pdp = names.map((_, k) => grid.labels.map((_, g) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += at(g, i, k);
    return sum / m;
  }));
  const ice = Array.from({ length: Math.min(DEPENDENCE_ICE_ROWS, m) }, (_, i) => ({ row: sampled[i], values: names.map((_, k) => grid.labels.map((_, g) => at(g, i, k))) }));
  const kind = col.kind as Dependence['kind'];
  return {
    column,
    kind,
    grid: grid.labels,
    ...(grid.values ? { values: grid.values } : {}),
    outputs: names,
    scale: classification ? 'probability' : 'value',
    pdp,
    ice,
    rows: m,
    reading: reading(column, kind, grid.labels, pdp, names, classification),
  };
}

/** The grid of a column and a builder of the replacement column (each grid value for `m` rows). */
function gridOf(col: Column): { labels: string[]; values?: number[]; column: (m: number) => Column } {
  if (col.kind === 'numeric') {
    const present = Float64Array.from(col.values.filter((v) => !Number.isNaN(v))).sort();
    if (present.length === 0) throw new SaplingError('no-values', `column "${col.name}" has no values in these rows`);
    const values = [...new Set(Array.from({ length: DEPENDENCE_NUMERIC_POINTS }, (_, q) => present[Math.round((q * (present.length - 1)) / (DEPENDENCE_NUMERIC_POINTS - 1))]))];
    return { labels: values.map(String), values, column: (m) => ({ ...col, values: Float64Array.from({ length: m * values.length }, (_, r) => values[Math.floor(r / m)]) }) };
  }
  if (col.kind === 'categorical' || col.kind === 'boolean') {
    const count = col.kind === 'boolean' ? 2 : col.categories.length;
    const counts = new Int32Array(count);
    const codes = col.kind === 'boolean' ? col.values : col.codes;
    for (const c of codes) if (c >= 0) counts[c]++;
    const kept = Array.from(counts.keys()).filter((k) => counts[k] > 0);
    if (kept.length === 0) throw new SaplingError('no-values', `column "${col.name}" has no values in these rows`);
    // Most frequent first; ties by code, so the order repeats.
    kept.sort((a, b) => counts[b] - counts[a] || a - b);
    const grid = kept.slice(0, DEPENDENCE_CATEGORIES);
    const names = col.kind === 'boolean' ? booleanLabels(col) : col.categories;
    const labels = grid.map((k) => names[k]);
    if (col.kind === 'boolean') return { labels, column: (m) => ({ ...col, values: Int8Array.from({ length: m * grid.length }, (_, r) => grid[Math.floor(r / m)]) }) };
    return { labels, column: (m) => ({ ...col, codes: Int32Array.from({ length: m * grid.length }, (_, r) => grid[Math.floor(r / m)]) }) };
  }
  throw new SaplingError('wrong-kind', `partial dependence needs a numeric, categorical or yes/no column; "${col.name}" is ${col.kind}`);
}

/** A short sentence: the direction of a numeric curve, or the category that stands out. */
function reading(column: string, kind: Dependence['kind'], labels: readonly string[], pdp: readonly (readonly number[])[], names: readonly string[], classification: boolean): string {
  // The output whose curve moves most (the class most affected; the one value for regression).
  const ranges = pdp.map((s) => Math.max(...s) - Math.min(...s));
  const k = ranges.indexOf(Math.max(...ranges));
  const series = pdp[k];
  const what = classification ? `Probability of '${names[k]}'` : 'Predicted value';
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  if (ranges[k] <= 1e-9 * Math.max(1, Math.abs(series[0]))) return `${what} does not change with ${column}.`;
  if (kind === 'numeric') {
    const span = `(from ${fmt(series[0])} to ${fmt(series[series.length - 1])})`;
    const tol = 1e-6 * ranges[k];
    const rising = series.every((v, i) => i === 0 || v >= series[i - 1] - tol);
    const falling = series.every((v, i) => i === 0 || v <= series[i - 1] + tol);
    if (rising) return `${what} rises with ${column} ${span}.`;
    if (falling) return `${what} falls as ${column} grows ${span}.`;
    const top = series.indexOf(Math.max(...series));
    return `${what} is highest at ${column} = ${labels[top]} (${fmt(series[top])}; from ${fmt(Math.min(...series))} to ${fmt(Math.max(...series))} over the range).`;
  }
  const mean = series.reduce((a, b) => a + b, 0) / series.length;
  const deviations = series.map((v) => Math.abs(v - mean));
  const g = deviations.indexOf(Math.max(...deviations));
  const lower = classification ? `probability of '${names[k]}'` : 'predicted value';
  return `Biggest effect: ${column}=${labels[g]} (${lower} ${fmt(series[g])} against ${fmt(mean)} on average over the ${series.length} values).`;
}
