import type { DataTable } from '../table/DataTable';
import type { Column, ColumnKind } from '../table/column';
import type { DataWarning } from '../warnings';
import { type Histogram, countCodes, histogramSorted, summarizeNumbers } from './stats';
import { profileWarnings } from './warnings';

/** What a column holds, as a person would say it; `id` marks identifiers that carry no signal. */
export type SemanticType = ColumnKind | 'id';

/** A value and how often it occurs. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** Statistics for one column. Numeric fields are present for numeric and datetime columns. */
export interface ColumnProfile {
  readonly name: string;
  readonly type: SemanticType;
  /** The storage kind (what `type` is stored as; an `id` may be numeric or categorical). */
  readonly kind: ColumnKind;
  readonly missing: number;
  readonly unique: number;
  readonly mean?: number;
  readonly std?: number;
  readonly min?: number;
  readonly q1?: number;
  readonly median?: number;
  readonly q3?: number;
  readonly max?: number;
  /** The most frequent values, most frequent first (coded and boolean columns). */
  readonly top?: ValueCount[];
  /** Value distribution: equal-width bins for numbers and dates, bars are `top` for the rest. */
  readonly histogram?: Histogram;
}

/** The profile of a table: row count, per-column statistics, and warnings worth acting on. */
export interface DataProfile {
  readonly rows: number;
  readonly columns: ColumnProfile[];
  readonly warnings: DataWarning[];
}

/** How many top values a categorical profile keeps. */
const TOP_VALUES = 10;
/** Tables smaller than this are too small to call a unique column an identifier. */
const ID_MIN_ROWS = 10;
const ID_NAME_RE = /(^id$|_id$|^id_|Id$|ID$|^key$|^uuid$|^index$)/;

/** Profiles every column; `target`, when given, adds target-specific warnings (class imbalance). */
export function profileTable(table: DataTable, options: { target?: string } = {}): DataProfile {
  const columns = table.columns.map((c) => profileColumn(c, table.rowCount));
  return { rows: table.rowCount, columns, warnings: profileWarnings(table, columns, options.target) };
}

/** Statistics for one column of a table with `rows` rows. */
export function profileColumn(column: Column, rows: number): ColumnProfile {
  const base = { name: column.name, kind: column.kind };
  switch (column.kind) {
    case 'numeric':
    case 'datetime': {
      const s = summarizeNumbers(column.values);
      const type: SemanticType = column.kind === 'numeric' && looksLikeNumericId(column.name, s, rows) ? 'id' : column.kind;
      return {
        ...base,
        type,
        missing: rows - s.count,
        unique: s.unique,
        mean: s.mean,
        std: s.std,
        min: s.min,
        q1: s.q1,
        median: s.median,
        q3: s.q3,
        max: s.max,
        histogram: histogramSorted(s.sorted),
      };
    }
    case 'boolean': {
      let t = 0;
      let f = 0;
      for (const v of column.values) {
        if (v === 1) t++;
        else if (v === 0) f++;
      }
      const top = [
        { value: 'true', count: t },
        { value: 'false', count: f },
      ]
        .filter((x) => x.count > 0)
        .sort((a, b) => b.count - a.count);
      return { ...base, type: 'boolean', missing: rows - t - f, unique: top.length, top };
    }
    case 'categorical':
    case 'text': {
      const counts = countCodes(column.codes, column.categories.length);
      let present = 0;
      let unique = 0;
      for (const c of counts) {
        present += c;
        if (c > 0) unique++;
      }
      const order = Array.from(counts.keys())
        .filter((k) => counts[k] > 0)
        .sort((a, b) => counts[b] - counts[a] || a - b);
      const top = order.slice(0, TOP_VALUES).map((k) => ({ value: column.categories[k], count: counts[k] }));
      const allDistinct = unique === present && present === rows && rows >= ID_MIN_ROWS;
      return { ...base, type: allDistinct ? 'id' : column.kind, missing: rows - present, unique, top };
    }
  }
}

/**
 * A numeric column is an identifier when every value is a distinct integer and either the values
 * run consecutively (a row number) or the name says so (`id`, `customer_id`).
 */
function looksLikeNumericId(name: string, s: ReturnType<typeof summarizeNumbers>, rows: number): boolean {
  if (rows < ID_MIN_ROWS || s.count !== rows || s.unique !== rows) return false;
  for (let i = 0; i < s.sorted.length; i++) if (!Number.isInteger(s.sorted[i])) return false;
  return s.max - s.min + 1 === rows || ID_NAME_RE.test(name);
}
