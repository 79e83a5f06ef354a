import { type DateOrder, parseBoolean, parseDate } from '../table/cells';
import type { Column, ColumnKind } from '../table/column';
import { looksLikeFreeText } from '../table/infer';
import { own } from '../util/keyed';
import { ByteDictionary } from './dictionary';
import type { FieldDecoder} from './fields';
import { isMissingBytes, parseNumberBytes } from './fields';
import { ESCAPED } from './tokenizer';

/**
 * Builds one column from field bytes as rows stream past. `write` puts row `i`'s value (appending
 * when i equals the length, replacing otherwise, which is how random sampling swaps rows in) and
 * returns false when the value does not fit the column's kind, so the reader can re-read the column
 * as text. A builder whose kind the person chose (`forced`) keeps the kind and counts misfits.
 */
export interface ColumnBuilder {
  readonly kind: ColumnKind;
  length: number;
  /** Values that did not fit a forced kind and became missing. */
  invalid: number;
  write(i: number, buf: Uint8Array, s: number, e: number, flag: number): boolean;
  writeMissing(i: number): void;
  finish(name: string, order?: Int32Array): Column;
}

/** Initial capacity when the row count is unknown. */
const INITIAL = 1024;

/** Thrown when a builder writing into a fixed region of shared memory runs out of room. */
export class RegionFullError extends Error {
  constructor() {
    super('region full');
    this.name = 'RegionFullError';
  }
}

/** Where a builder keeps its values: its own growable array, or a fixed view into shared memory. */
export interface BuilderStorage {
  readonly capacity?: number;
  /** A fixed-size array to write into (a region of a SharedArrayBuffer); never grown. */
  readonly array?: Float64Array | Int32Array;
}

function growFloat64(a: Float64Array, need: number, fixed: boolean): Float64Array {
  if (need <= a.length) return a;
  if (fixed) throw new RegionFullError();
  const b = new Float64Array(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

function growInt32(a: Int32Array, need: number, fixed: boolean): Int32Array {
  if (need <= a.length) return a;
  if (fixed) throw new RegionFullError();
  const b = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/**
 * The first `n` values, reordered by `order` when given (random samples go back to file order).
 * Capacity was sized from an estimate of the row count, so a view is kept rather than a copy unless
 * the estimate overshot by more than a tenth (copying would briefly need the column twice).
 */
function finalValues<T extends Float64Array | Int32Array | Int8Array>(values: T, n: number, order?: Int32Array): T {
  if (!order) return (values.length === n ? values : values.length <= n * 1.1 ? values.subarray(0, n) : values.slice(0, n)) as T;
  const out = new (values.constructor as { new (n: number): T })(n);
  for (let i = 0; i < n; i++) out[i] = values[order[i]];
  return out;
}

/** What the float64 builders (numbers, dates) share: storage that grows, or a fixed shared region. */
abstract class Float64Builder {
  length = 0;
  invalid = 0;
  private values: Float64Array;
  private readonly fixed: boolean;

  constructor(storage: BuilderStorage) {
    this.fixed = storage.array !== undefined;
    this.values = (storage.array as Float64Array | undefined) ?? new Float64Array(storage.capacity ?? INITIAL);
  }

  protected put(i: number, v: number): void {
    if (i >= this.values.length) this.values = growFloat64(this.values, i + 1, this.fixed);
    this.values[i] = v;
    if (i >= this.length) this.length = i + 1;
  }

  writeMissing(i: number): void {
    this.put(i, NaN);
  }

  /** The finished values (file order), releasing the builder's storage. */
  protected take(order?: Int32Array): Float64Array {
    const values = finalValues(this.values, this.length, order);
    this.values = new Float64Array(0);
    return values;
  }
}

/** What the int32 builders (category codes, booleans) share: storage that grows, or a fixed shared region. */
abstract class Int32Builder {
  length = 0;
  invalid = 0;
  private values: Int32Array;
  private readonly fixed: boolean;

  constructor(storage: BuilderStorage) {
    this.fixed = storage.array !== undefined;
    this.values = (storage.array as Int32Array | undefined) ?? new Int32Array(storage.capacity ?? INITIAL);
  }

  protected put(i: number, v: number): void {
    if (i >= this.values.length) this.values = growInt32(this.values, i + 1, this.fixed);
    this.values[i] = v;
    if (i >= this.length) this.length = i + 1;
  }

  writeMissing(i: number): void {
    this.put(i, -1);
  }

  /** The finished values (file order), releasing the builder's storage. */
  protected take(order?: Int32Array): Int32Array {
    const values = finalValues(this.values, this.length, order);
    this.values = new Int32Array(0);
    return values;
  }
}

/** Numbers (float64, NaN missing). Remembers whether every value was 0 or 1, to become boolean. */
export class NumericBuilder extends Float64Builder implements ColumnBuilder {
  readonly kind = 'numeric';
  only01 = true;

  constructor(
    private readonly decimal: number,
    private readonly forced: boolean,
    storage: BuilderStorage = {},
  ) {
    super(storage);
  }

  write(i: number, buf: Uint8Array, s: number, e: number): boolean {
    let v = parseNumberBytes(buf, s, e, this.decimal);
    if (v !== v) {
      if (!isMissingBytes(buf, s, e)) {
        if (!this.forced) return false;
        this.invalid++;
      }
      v = NaN;
    } else if (v !== 0 && v !== 1) {
      this.only01 = false;
    }
    this.put(i, v);
    return true;
  }

  finish(name: string, order?: Int32Array): Column {
    return numericOrBoolean(name, this.take(order), this.only01 && !this.forced);
  }
}

/** A numeric column, or a boolean one when `maybe01` and its values are all 0 or 1 with both present. */
export function numericOrBoolean(name: string, values: Float64Array, maybe01: boolean): Column {
  if (maybe01) {
    let zeros = 0;
    let ones = 0;
    for (const v of values) {
      if (v === 0) zeros++;
      else if (v === 1) ones++;
    }
    if (zeros > 0 && ones > 0) return { kind: 'boolean', name, values: Int8Array.from(values, (v) => (Number.isNaN(v) ? -1 : v)), labels: ['0', '1'] };
  }
  return { kind: 'numeric', name, values };
}

/** Strings, dictionary-coded from bytes; categorical or free text is decided when finished. */
export class CodedBuilder extends Int32Builder implements ColumnBuilder {
  /** The distinct values and their codes (measured by the reader's memory gauge). */
  readonly dictionary: ByteDictionary;

  constructor(
    decoder: FieldDecoder,
    readonly kind: 'categorical' | 'text',
    private readonly forced: boolean,
    storage: BuilderStorage = {},
  ) {
    super(storage);
    this.dictionary = new ByteDictionary(decoder);
  }

  /** The distinct values so far, in code order. */
  get categories(): readonly string[] {
    return this.dictionary.values;
  }

  /** Total characters over all present values (for telling text from categories). */
  get totalLength(): number {
    return this.dictionary.totalLength;
  }

  write(i: number, buf: Uint8Array, s: number, e: number, flag: number): boolean {
    this.put(i, isMissingBytes(buf, s, e) ? -1 : this.dictionary.code(buf, s, e, flag === ESCAPED));
    return true;
  }

  finish(name: string, order?: Int32Array): Column {
    return codedColumn(name, this.take(order), this.dictionary.values, this.dictionary.totalLength, this.forced ? this.kind : null);
  }
}

/** A categorical or free-text column: `kind` when the person chose it, else decided by length and distinctness. */
export function codedColumn(name: string, codes: Int32Array, categories: readonly string[], totalLength: number, kind: 'categorical' | 'text' | null): Column {
  let present = 0;
  for (const c of codes) if (c >= 0) present++;
  const text = kind ? kind === 'text' : present > 0 && looksLikeFreeText(totalLength / present, categories.length, present);
  return { kind: text ? 'text' : 'categorical', name, codes, categories };
}

/** Yes/no values: true/false, yes/no (any case) or 0/1; the file's own spelling is kept for display. */
export class BooleanBuilder extends Int32Builder implements ColumnBuilder {
  readonly kind = 'boolean';
  /** The file's spelling of false and true, as first seen ('' until seen). */
  readonly labels: [string, string] = ['', ''];

  constructor(
    private readonly decoder: FieldDecoder,
    private readonly forced: boolean,
    storage: BuilderStorage = {},
  ) {
    super(storage);
  }

  write(i: number, buf: Uint8Array, s: number, e: number): boolean {
    let v = -1;
    if (!isMissingBytes(buf, s, e)) {
      const text = this.decoder.decode(buf, s, e, false).trim();
      v = text === '0' ? 0 : text === '1' ? 1 : parseBoolean(text);
      if (v < 0) {
        if (!this.forced) return false;
        this.invalid++;
      } else if (!this.labels[v]) {
        this.labels[v] = text;
      }
    }
    this.put(i, v);
    return true;
  }

  finish(name: string, order?: Int32Array): Column {
    return booleanColumn(name, this.take(order), this.labels);
  }
}

/** A boolean column from 0/1/−1 values, its labels completed from what was seen (`Yes` → `No`). */
export function booleanColumn(name: string, values: Int32Array, seen: readonly [string, string]): Column {
  const [no, yes] = seen;
  const labels: [string, string] = [no || counterpart(yes) || 'false', yes || counterpart(no) || 'true'];
  return { kind: 'boolean', name, values: Int8Array.from(values), labels };
}

const OPPOSITES: Record<string, string> = { true: 'false', false: 'true', yes: 'no', no: 'yes', '1': '0', '0': '1' };

/** The other spelling of a yes/no pair in the same case (`Yes` → `No`), or '' for none. */
function counterpart(label: string): string {
  const other = own(OPPOSITES, label.toLowerCase());
  if (!other || !label) return '';
  if (label === label.toUpperCase()) return other.toUpperCase();
  if (label[0] === label[0].toUpperCase()) return other[0].toUpperCase() + other.slice(1);
  return other;
}

/** Dates in one order, as milliseconds since the epoch (UTC). */
export class DatetimeBuilder extends Float64Builder implements ColumnBuilder {
  readonly kind = 'datetime';

  constructor(
    private readonly decoder: FieldDecoder,
    readonly order: DateOrder,
    private readonly forced: boolean,
    storage: BuilderStorage = {},
  ) {
    super(storage);
  }

  write(i: number, buf: Uint8Array, s: number, e: number): boolean {
    let v = NaN;
    if (!isMissingBytes(buf, s, e)) {
      v = parseDate(this.decoder.decode(buf, s, e, false), this.order);
      if (v !== v) {
        if (!this.forced) return false;
        this.invalid++;
      }
    }
    this.put(i, v);
    return true;
  }

  finish(name: string, order?: Int32Array): Column {
    return { kind: 'datetime', name, values: this.take(order) };
  }
}

/** A builder for a column of the given kind. */
export function createBuilder(
  kind: ColumnKind,
  options: { decoder: FieldDecoder; decimal: number; dateOrder?: DateOrder; forced: boolean; storage?: BuilderStorage },
): ColumnBuilder {
  const { decoder, forced, storage } = options;
  switch (kind) {
    case 'numeric':
      return new NumericBuilder(options.decimal, forced, storage);
    case 'boolean':
      return new BooleanBuilder(decoder, forced, storage);
    case 'datetime':
      return new DatetimeBuilder(decoder, options.dateOrder ?? 'iso', forced, storage);
    default:
      return new CodedBuilder(decoder, kind, forced, storage);
  }
}

/** The dictionaries of the string columns among `builders` (null for the others), for the memory gauge. */
export function dictionariesOf(builders: readonly (ColumnBuilder | null)[]): (ByteDictionary | null)[] {
  return builders.map((b) => (b instanceof CodedBuilder ? b.dictionary : null));
}

/** Bytes per value in a builder's storage, by kind (booleans are built as int32, then packed). */
export const BUILD_BYTES: Readonly<Record<ColumnKind, 4 | 8>> = { numeric: 8, datetime: 8, boolean: 4, categorical: 4, text: 4 };
