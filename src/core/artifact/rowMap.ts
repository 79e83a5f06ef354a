import { fitPca, projectPca } from '../models/unsupervised/pca';
import { toMatrix, transformPipeline } from '../prep/recipe';
import { type DataTable, getColumn, selectRows } from '../table/DataTable';
import { type Column, formatCell, isMissingAt } from '../table/column';
import type { LoadedModel } from './predict';

/**
 * The material of a 2-D map of a data set's rows for a model without a target: where each row of a
 * sample lands, which cluster it is in, and a column's values on the same rows to colour it by.
 * Small by construction (a sample), so it can cross to the page.
 */

/** Where a sample of rows lands on two axes, and their clusters when the model finds clusters. */
export interface RowMap {
  /** Row indices (0-based, into the table) of the sample, ascending. */
  readonly rows: Int32Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Axis names: `pc1`, `pc2` (a single axis when there is only one feature). */
  readonly axes: readonly string[];
  /** Share of the variance along each axis. */
  readonly explained: readonly number[];
  /** `model`: the projection model's own components; `inputs`: a PCA of the model's input features, fitted on the sample. */
  readonly basis: 'model' | 'inputs';
  /** Cluster of each sampled row (−1 = noise), for clustering models. */
  readonly clusters: Int32Array | null;
}

/** A column's values on the sampled rows, ready to colour points: categories with codes, or numbers. */
export type ColourSeries =
  | {
      readonly kind: 'categories';
      readonly column: string;
      /** Labels in legend order; codes index them, −1 is missing. */
      readonly labels: readonly string[];
      readonly codes: Int32Array;
      /** True when rarer categories were folded into the last label, "other values". */
      readonly folded: boolean;
    }
  | {
      readonly kind: 'numbers';
      readonly column: string;
      /** NaN is missing. */
      readonly values: Float32Array;
      readonly min: number;
      readonly max: number;
      /** How the ends of the scale read (dates as dates). */
      readonly minLabel: string;
      readonly maxLabel: string;
    };

/** Categories a colour legend shows at most; rarer ones are folded into "other values". */
export const MAX_COLOUR_CATEGORIES = 10;

/** The legend label of the folded rarer categories. */
const OTHER = 'other values';

/** At most `max` row indices of `n`, evenly spaced and ascending (all rows when there are fewer). */
export function evenRows(n: number, max: number): Int32Array {
  const m = Math.min(n, max);
  const rows = new Int32Array(m);
  for (let i = 0; i < m; i++) rows[i] = Math.floor((i * n) / m);
  return rows;
}

/**
 * Places `rows` of `table` on two axes for a model without a target. A projection model keeping two
 * or more components gives its own first two; otherwise (clustering, or PCA keeping one component)
 * a two-component PCA is fitted on the sample's input features, as the model sees them. Clustering
 * models also give each row's cluster.
 */
export function mapRows(model: LoadedModel, table: DataTable, rows: Int32Array): RowMap {
  const { file } = model;
  const sample = selectRows(table, rows);
  const d = file.pipeline.features.length;
  const X = toMatrix(transformPipeline(file.pipeline, sample), file.pipeline.features);
  const n = rows.length;
  const outputs = model.predictor.outputs(X, n);
  const clusters = file.problem.task === 'clustering' ? Int32Array.from(outputs) : null;
  const kept = file.problem.task === 'projection' && n > 0 ? outputs.length / n : 0;
  if (kept >= 2) {
    const ratio = (file.model.state as { explainedVarianceRatio?: number[] }).explainedVarianceRatio ?? [];
    return { rows, ...columnsOf(outputs, n, kept), axes: ['pc1', 'pc2'], explained: ratio.slice(0, 2), basis: 'model', clusters };
  }
  if (n < 2) return { rows, x: new Float32Array(n), y: new Float32Array(n), axes: ['pc1'], explained: [1], basis: 'inputs', clusters };
  const pca = fitPca(X, n, d, 2);
  const projected = projectPca(pca, X, n, d);
  const axes = pca.nComponents >= 2 ? ['pc1', 'pc2'] : ['pc1'];
  return { rows, ...columnsOf(projected, n, pca.nComponents), axes, explained: pca.explainedVarianceRatio.slice(0, axes.length), basis: 'inputs', clusters };
}

/** The first two columns of a row-major matrix (the second all zeros when there is one). */
function columnsOf(values: Float32Array, n: number, k: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = values[i * k];
    y[i] = k > 1 ? values[i * k + 1] : 0;
  }
  return { x, y };
}

/**
 * The values of column `name` on `rows`, to colour the map by. Numbers and dates give a scale;
 * categories, text and booleans give legend labels, the most frequent first (then alphabetical), with
 * all but the first nine folded into "other values" when there are more than ten.
 */
export function colourSeries(table: DataTable, name: string, rows: Int32Array): ColourSeries {
  const column = getColumn(table, name);
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    const values = new Float32Array(rows.length);
    let min = Infinity;
    let max = -Infinity;
    let minRow = -1;
    let maxRow = -1;
    rows.forEach((r, i) => {
      const v = column.values[r];
      values[i] = v;
      if (Number.isNaN(v)) return;
      if (v < min) [min, minRow] = [v, r];
      if (v > max) [max, maxRow] = [v, r];
    });
    if (minRow < 0) return { kind: 'numbers', column: name, values, min: 0, max: 0, minLabel: '', maxLabel: '' };
    return { kind: 'numbers', column: name, values, min, max, minLabel: formatCell(column, minRow), maxLabel: formatCell(column, maxRow) };
  }
  return categorySeries(column, rows);
}

function categorySeries(column: Exclude<Column, { kind: 'numeric' | 'datetime' }>, rows: Int32Array): ColourSeries {
  const counts = new Map<string, number>();
  const labelOf = rows.length ? Array.from(rows, (r) => (isMissingAt(column, r) ? null : formatCell(column, r))) : [];
  for (const label of labelOf) if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label]) => label);
  const folded = byCount.length > MAX_COLOUR_CATEGORIES;
  const shown = folded ? byCount.slice(0, MAX_COLOUR_CATEGORIES - 1) : byCount;
  // Few categories read best in their own order (Adelie, Chinstrap, Gentoo); many, by frequency.
  const labels = folded ? [...shown, OTHER] : [...shown].sort(compareLabels);
  const index = new Map(labels.map((l, k) => [l, k]));
  const other = folded ? labels.length - 1 : -1;
  const codes = Int32Array.from(labelOf, (l) => (l === null ? -1 : (index.get(l) ?? other)));
  return { kind: 'categories', column: column.name, labels, codes, folded };
}

function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
