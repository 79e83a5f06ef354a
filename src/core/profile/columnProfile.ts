import type { ColumnKind } from '../table/column';
import type { DataWarning } from '../warnings';
import type { Histogram } from './numeric';

/*
 * A table's profile as plain data (what the studio shows and the CLI prints). Types only, so the
 * warnings (`warnings.ts`), which read column profiles, need not import the profiler that calls them.
 */

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
  /** True when `unique` is an estimate (very many distinct numbers). */
  readonly uniqueApprox?: boolean;
  readonly mean?: number;
  readonly std?: number;
  /** Sample skewness: 0 for symmetric data, positive for a long right tail. */
  readonly skew?: number;
  /** Values equal to zero. */
  readonly zeros?: number;
  /** Values beyond 1.5 interquartile ranges from the quartiles (Tukey's rule). */
  readonly outliers?: number;
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
