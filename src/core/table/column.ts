/**
 * Column storage. Every column is a plain object of typed arrays (and, for coded columns, a small
 * dictionary of strings), so it survives `postMessage` / JSON-free transfer and never becomes an
 * array of row objects.
 */

/** How a column's values are stored and what they mean. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';

/** All column kinds, in the order the UI lists them. */
export const COLUMN_KINDS: readonly ColumnKind[] = ['numeric', 'categorical', 'boolean', 'datetime', 'text'];

/** Numbers as float64; NaN marks a missing value. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

/** Milliseconds since the Unix epoch (UTC) as float64; NaN marks a missing value. */
export interface DatetimeColumn {
  readonly kind: 'datetime';
  readonly name: string;
  readonly values: Float64Array;
}

/** 0 = false, 1 = true, -1 = missing. */
export interface BooleanColumn {
  readonly kind: 'boolean';
  readonly name: string;
  readonly values: Int8Array;
  /** How the file spelled false and true (`no`/`yes`, `0`/`1`); `false`/`true` when absent. */
  readonly labels?: readonly [string, string];
}

/** The display labels of a boolean column: [false, true]. */
export function booleanLabels(column: BooleanColumn): readonly [string, string] {
  return column.labels ?? ['false', 'true'];
}

/**
 * Dictionary-coded strings: `codes[i]` indexes `categories`, -1 marks a missing value. Categoricals
 * and free text share the layout; the kind says how models should treat them.
 */
export interface CodedColumn<K extends 'categorical' | 'text' = 'categorical' | 'text'> {
  readonly kind: K;
  readonly name: string;
  readonly codes: Int32Array;
  readonly categories: readonly string[];
}

export type CategoricalColumn = CodedColumn<'categorical'>;
export type TextColumn = CodedColumn<'text'>;

/** Any column of a DataTable. */
export type Column = NumericColumn | DatetimeColumn | BooleanColumn | CategoricalColumn | TextColumn;

/** Missing code for coded and boolean columns. */
export const MISSING_CODE = -1;

/** Number of rows in a column. */
export function columnLength(column: Column): number {
  return column.kind === 'categorical' || column.kind === 'text' ? column.codes.length : column.values.length;
}

/** True when row `i` of `column` is missing. */
export function isMissingAt(column: Column, i: number): boolean {
  switch (column.kind) {
    case 'numeric':
    case 'datetime':
      return Number.isNaN(column.values[i]);
    case 'boolean':
      return column.values[i] < 0;
    default:
      return column.codes[i] < 0;
  }
}

/** Characters of one value sent to the page for display before it is cut (a field may be 20 MB). */
export const DISPLAY_CHARS = 1000;

/** A value cut for display: its first `max` characters and how long it was. */
export function clipForDisplay(value: string, max = DISPLAY_CHARS): string {
  return value.length > max ? `${value.slice(0, max)}… (${value.length.toLocaleString('en-US')} characters)` : value;
}

/** Row `i` as a display string, cut for display (`clipForDisplay`). */
export function displayCell(column: Column, i: number): string {
  return clipForDisplay(formatCell(column, i));
}

/** Row `i` as a display string ('' when missing); datetimes as ISO 8601 dates (and times). */
export function formatCell(column: Column, i: number): string {
  if (isMissingAt(column, i)) return '';
  switch (column.kind) {
    case 'numeric':
      return String(column.values[i]);
    case 'datetime': {
      // A date alone when there is no time of day; otherwise date and time, to the second.
      const iso = new Date(column.values[i]).toISOString();
      return column.values[i] % 86_400_000 === 0 ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
    }
    case 'boolean':
      return booleanLabels(column)[column.values[i] === 1 ? 1 : 0];
    default:
      return column.categories[column.codes[i]];
  }
}

/** A copy of `column` restricted to the rows in `rows` (in that order; repeats allowed). */
export function takeRows<C extends Column>(column: C, rows: ArrayLike<number>): C {
  const n = rows.length;
  if (column.kind === 'categorical' || column.kind === 'text') {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = column.codes[rows[i]];
    return { ...column, codes };
  }
  const src = column.values;
  const values = new (src.constructor as { new (n: number): typeof src })(n);
  for (let i = 0; i < n; i++) values[i] = src[rows[i]];
  return { ...column, values } as C;
}

/** The typed arrays that hold a column's data, for transfer lists. */
export function columnBuffers(column: Column): ArrayBuffer[] {
  const array = column.kind === 'categorical' || column.kind === 'text' ? column.codes : column.values;
  return [array.buffer as ArrayBuffer];
}
