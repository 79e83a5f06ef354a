import type { Task } from '../problem';
import { classTarget } from '../problem';
import { type DataTable, getColumn } from '../table/DataTable';
import { type Column, booleanLabels } from '../table/column';

/**
 * How strongly columns go together, each pair by the measure that fits its kinds: Pearson's r for
 * two numbers (−1 to 1), the correlation ratio η for a number and categories (0 to 1), and
 * Cramér's V for two sets of categories (0 to 1). Large tables are measured on evenly spaced rows.
 */

export type AssociationMeasure = 'pearson' | 'eta' | 'cramers_v';

/** Rows used for associations at most; more adds nothing visible and costs time. */
export const ASSOCIATION_ROWS = 100_000;
/** Categorical columns with more levels than this are left out (one level per row tells nothing). */
const MAX_LEVELS = 100;

/** A column as the association measures see it: numbers, or category codes with their count. */
type View = { kind: 'number'; values: Float64Array } | { kind: 'category'; codes: Int32Array; levels: number };

/** Every `step`-th row, so at most `ASSOCIATION_ROWS` rows are looked at. */
function rowStep(rows: number): number {
  return Math.max(1, Math.ceil(rows / ASSOCIATION_ROWS));
}

function view(column: Column, step: number): View | null {
  switch (column.kind) {
    case 'numeric':
    case 'datetime': {
      const n = Math.ceil(column.values.length / step);
      const values = new Float64Array(n);
      for (let i = 0, j = 0; j < n; i += step, j++) values[j] = column.values[i];
      return { kind: 'number', values };
    }
    case 'boolean': {
      const n = Math.ceil(column.values.length / step);
      const codes = new Int32Array(n);
      for (let i = 0, j = 0; j < n; i += step, j++) codes[j] = column.values[i];
      return { kind: 'category', codes, levels: 2 };
    }
    default: {
      if (column.categories.length > MAX_LEVELS) return null;
      const n = Math.ceil(column.codes.length / step);
      const codes = new Int32Array(n);
      for (let i = 0, j = 0; j < n; i += step, j++) codes[j] = column.codes[i];
      return { kind: 'category', codes, levels: column.categories.length };
    }
  }
}

/** Pearson's r over rows where both are present; NaN when either is constant. */
export function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i] || y[i] !== y[i]) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i] || y[i] !== y[i]) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** The correlation ratio η: how much of a number's variance the categories explain (√ of it). */
export function correlationRatio(codes: Int32Array, levels: number, y: Float64Array): number {
  const sums = new Float64Array(levels);
  const counts = new Float64Array(levels);
  let total = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    const c = codes[i];
    if (c < 0 || y[i] !== y[i]) continue;
    sums[c] += y[i];
    counts[c]++;
    total += y[i];
    n++;
  }
  if (n < 2) return NaN;
  const mean = total / n;
  let between = 0;
  for (let k = 0; k < levels; k++) if (counts[k] > 0) between += counts[k] * (sums[k] / counts[k] - mean) ** 2;
  let all = 0;
  for (let i = 0; i < y.length; i++) if (codes[i] >= 0 && y[i] === y[i]) all += (y[i] - mean) ** 2;
  return all > 0 ? Math.sqrt(between / all) : NaN;
}

/** Cramér's V from the contingency table of two categorical columns (rows with both present). */
export function cramersV(a: Int32Array, ka: number, b: Int32Array, kb: number): number {
  const table = new Float64Array(ka * kb);
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0 || b[i] < 0) continue;
    table[a[i] * kb + b[i]]++;
    rowSums[a[i]]++;
    colSums[b[i]]++;
    n++;
  }
  const r = rowSums.filter((v) => v > 0).length;
  const c = colSums.filter((v) => v > 0).length;
  if (n === 0 || r < 2 || c < 2) return NaN;
  let chi2 = 0;
  for (let i = 0; i < ka; i++) {
    if (rowSums[i] === 0) continue;
    for (let j = 0; j < kb; j++) {
      if (colSums[j] === 0) continue;
      const expected = (rowSums[i] * colSums[j]) / n;
      chi2 += (table[i * kb + j] - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chi2 / n / Math.min(r - 1, c - 1));
}

/** The association of two column views, and which measure gave it. */
function associate(a: View, b: View): { value: number; measure: AssociationMeasure } {
  if (a.kind === 'number' && b.kind === 'number') return { value: pearson(a.values, b.values), measure: 'pearson' };
  if (a.kind === 'category' && b.kind === 'category') return { value: cramersV(a.codes, a.levels, b.codes, b.levels), measure: 'cramers_v' };
  const [cat, num] = a.kind === 'category' ? [a, b as Extract<View, { kind: 'number' }>] : [b as Extract<View, { kind: 'category' }>, a];
  return { value: correlationRatio(cat.codes, cat.levels, num.values), measure: 'eta' };
}

/** A square matrix of associations between columns. */
export interface AssociationMatrix {
  readonly columns: string[];
  /** values[i][j]; NaN where undefined (a constant column). */
  readonly values: number[][];
  readonly measures: AssociationMeasure[][];
  /** Rows the figures were computed on. */
  readonly rows: number;
}

/** Associations between every pair of usable columns (numbers, booleans, categories with ≤ 100 levels). */
export function associationMatrix(table: DataTable, maxColumns = 40): AssociationMatrix {
  const step = rowStep(table.rowCount);
  const views: { name: string; view: View }[] = [];
  for (const c of table.columns) {
    if (c.kind === 'text') continue;
    const v = view(c, step);
    if (v) views.push({ name: c.name, view: v });
    if (views.length >= maxColumns) break;
  }
  const values = views.map(() => new Array<number>(views.length).fill(NaN));
  const measures = views.map(() => new Array<AssociationMeasure>(views.length).fill('pearson'));
  for (let i = 0; i < views.length; i++) {
    for (let j = i; j < views.length; j++) {
      const { value, measure } = i === j ? { value: 1, measure: views[i].view.kind === 'number' ? ('pearson' as const) : ('cramers_v' as const) } : associate(views[i].view, views[j].view);
      values[i][j] = values[j][i] = value;
      measures[i][j] = measures[j][i] = measure;
    }
  }
  return { columns: views.map((v) => v.name), values, measures, rows: Math.ceil(table.rowCount / step) };
}

/** One feature's relation to the target, with chart material. */
export interface FeatureRelation {
  readonly feature: string;
  readonly measure: AssociationMeasure;
  /** 0 to 1: |r|, η or V. */
  readonly strength: number;
  /**
   * Chart material: for a classification target, counts per class in each bin / category of the
   * feature; for a regression target, sampled (x, y) points or the target's mean per category.
   */
  readonly chart:
    | { kind: 'stacked'; bins: string[]; classes: string[]; counts: number[][] }
    | { kind: 'scatter'; x: number[]; y: number[] }
    | { kind: 'means'; categories: string[]; means: number[]; counts: number[] };
}

/** Points in a scatter at most. */
const SCATTER_POINTS = 400;
const NUMBER_BINS = 12;

/** How each feature relates to the target, strongest first. */
export function targetRelations(table: DataTable, target: string, task: Task): FeatureRelation[] {
  const step = rowStep(table.rowCount);
  const targetColumn = getColumn(table, target);
  const classification = task !== 'regression';
  let targetView: View;
  let classes: string[] = [];
  if (classification) {
    const encoded = classTarget(targetColumn);
    classes = encoded.classes;
    const n = Math.ceil(encoded.y.length / step);
    const codes = new Int32Array(n);
    for (let i = 0, j = 0; j < n; i += step, j++) codes[j] = encoded.y[i];
    targetView = { kind: 'category', codes, levels: classes.length };
  } else {
    targetView = view(targetColumn, step)!;
  }
  const out: FeatureRelation[] = [];
  for (const column of table.columns) {
    if (column.name === target || column.kind === 'text') continue;
    const v = view(column, step);
    if (!v) continue;
    const { value, measure } = associate(v, targetView);
    if (!Number.isFinite(value)) continue;
    out.push({ feature: column.name, measure, strength: Math.abs(value), chart: relationChart(column, v, targetView, classes) });
  }
  return out.sort((a, b) => b.strength - a.strength);
}

function labelsOf(column: Column): readonly string[] {
  if (column.kind === 'boolean') return booleanLabels(column);
  if (column.kind === 'categorical' || column.kind === 'text') return column.categories;
  return [];
}

function relationChart(column: Column, feature: View, target: View, classes: string[]): FeatureRelation['chart'] {
  if (target.kind === 'category') {
    // Counts per class within each category / number bin of the feature.
    let bins: string[];
    let binOf: (i: number) => number;
    if (feature.kind === 'category') {
      bins = [...labelsOf(column)];
      binOf = (i) => feature.codes[i];
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (const v of feature.values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const width = max > min ? (max - min) / NUMBER_BINS : 1;
      const count = max > min ? NUMBER_BINS : 1;
      const label = (v: number) => (column.kind === 'datetime' ? new Date(v).toISOString().slice(0, 10) : String(Number(v.toPrecision(3))));
      bins = Array.from({ length: count }, (_, b) => label(min + b * width));
      binOf = (i) => {
        const v = feature.values[i];
        return v !== v ? -1 : Math.min(count - 1, Math.floor((v - min) / width));
      };
    }
    const counts = bins.map(() => new Array<number>(classes.length).fill(0));
    for (let i = 0; i < target.codes.length; i++) {
      const b = binOf(i);
      const c = target.codes[i];
      if (b >= 0 && c >= 0 && counts[b]) counts[b][c]++;
    }
    return { kind: 'stacked', bins, classes, counts };
  }
  const y = target.values;
  if (feature.kind === 'number') {
    const stride = Math.max(1, Math.ceil(y.length / SCATTER_POINTS));
    const x: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < y.length; i += stride) {
      if (feature.values[i] !== feature.values[i] || y[i] !== y[i]) continue;
      x.push(feature.values[i]);
      ys.push(y[i]);
    }
    return { kind: 'scatter', x, y: ys };
  }
  const labels = labelsOf(column);
  const sums = new Array<number>(labels.length).fill(0);
  const counts = new Array<number>(labels.length).fill(0);
  for (let i = 0; i < y.length; i++) {
    const c = feature.codes[i];
    if (c < 0 || y[i] !== y[i]) continue;
    sums[c] += y[i];
    counts[c]++;
  }
  return { kind: 'means', categories: [...labels], means: sums.map((s, k) => (counts[k] ? s / counts[k] : NaN)), counts };
}
