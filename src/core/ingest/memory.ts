import { isMissingToken } from '../table/cells';
import type { ColumnKind } from '../table/column';
import { formatBytes } from '../util/bytes';
import { SaplingError } from '../util/errors';

/**
 * Honest memory for reading a file: what the columns take (a typed array each) and what the
 * dictionaries of categorical and text columns take (a V8 string per distinct value, plus the
 * hash table that finds it). The estimate once counted only the 4-byte codes, so a file with a
 * million distinct strings took 50 times the estimate and ten million would crash a tab (issue 11).
 *
 * The constants are V8's on 64-bit Node 20 (no pointer compression), measured with
 * `process.memoryUsage()` around a `ByteDictionary` of 600,000 and 1,000,000 distinct values of
 * 8, 16 and 40 ASCII characters: 64–85, 80–107 and 155–159 bytes per value (the spread is the
 * doubling of its arrays); 16 characters of which one is Cyrillic (a two-byte string): 123.
 * Chrome compresses pointers, so the same values take less there: the figures are an upper bound.
 */

/** A string's header (map, hash, length: 16 bytes) plus 4 of padding to 8 bytes, on average. */
export const STRING_HEADER_BYTES = 20;
/** The dictionary's per-value bookkeeping: its slot in `values` (8, and ~25% array slack), hash, offset and length (12, doubling), hash-table slots (8–16). */
export const DICTIONARY_ENTRY_BYTES = 40;
/** The arena keeps each value's bytes once more, in an array that doubles (1.5 on average). */
export const ARENA_SLACK = 1.5;
/** Dictionaries are measured against the budget each time they grow by this much. */
export const DICTIONARY_CHECK_BYTES = 1 << 20;

/** Bytes one distinct value of `utf8Bytes` bytes and `chars` characters takes, as estimated before reading. */
export function distinctValueBytes(utf8Bytes: number, chars: number): number {
  // A string of only ASCII is stored one byte per character; anything else may need two.
  const payload = utf8Bytes === chars ? chars : 2 * chars;
  return STRING_HEADER_BYTES + DICTIONARY_ENTRY_BYTES + payload + utf8Bytes * ARENA_SLACK;
}

/** What the head of a file says a string column's dictionary will take. */
export interface DictionaryEstimate {
  readonly column: number;
  readonly distinct: number;
  readonly bytes: number;
}

/**
 * The dictionary of each categorical or text column, estimated from the head's values: the
 * distinct values seen, plus, for the rest of the file, new values at the rate the head still
 * found them (values seen once per value read, Good–Turing's estimate of the chance that the next
 * one is new). An id column (every value new) grows with the rows; a column of five colours stays at five.
 */
export function estimateDictionaries(kinds: readonly ColumnKind[], values: readonly (readonly string[])[], estimatedRows: number, whole: boolean): DictionaryEstimate[] {
  const encoder = new TextEncoder();
  const out: DictionaryEstimate[] = [];
  kinds.forEach((kind, c) => {
    if (kind !== 'categorical' && kind !== 'text') return;
    const counts = new Map<string, number>();
    let present = 0;
    for (const v of values[c] ?? []) {
      if (isMissingToken(v)) continue;
      present++;
      const t = v.trim();
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    if (counts.size === 0) return;
    let once = 0;
    let bytes = 0;
    for (const [v, n] of counts) {
      if (n === 1) once++;
      bytes += distinctValueBytes(v.length < 256 ? encoder.encode(v).length : v.length * 3, v.length);
    }
    const perValue = bytes / counts.size;
    const rest = whole ? 0 : Math.max(0, estimatedRows * (present / Math.max(1, values[c].length)) - present);
    const distinct = Math.round(counts.size + (once / present) * rest);
    out.push({ column: c, distinct, bytes: distinct * perValue });
  });
  return out;
}

/** Figures for a refusal: the columns' fixed storage, the dictionaries, the budget. */
export interface OverBudget {
  readonly name: string;
  readonly distinct: number;
  readonly dictionaryBytes: number;
  readonly neededBytes: number;
  readonly budget: number;
  /** Rows that would fit, for the advice to read a sample. */
  readonly rowsThatFit: number;
  /** True while reading (the figures are so far); false when estimated from the head. */
  readonly soFar: boolean;
  /** The count is extrapolated (from one part of a parallel read). */
  readonly about?: boolean;
}

/** The refusal of a file whose dictionaries would not fit, naming the column and the figures. */
export function dictionaryTooLarge(o: OverBudget): SaplingError {
  const n = o.distinct.toLocaleString('en-US');
  const what = o.soFar
    ? `column "${o.name}" has ${o.about ? 'about ' : ''}${n} distinct texts so far (~${formatBytes(o.dictionaryBytes)} with its dictionary)`
    : `column "${o.name}" looks like it has about ${n} distinct texts (~${formatBytes(o.dictionaryBytes)} with its dictionary)`;
  return new SaplingError(
    'too-large',
    `${what}; this file would need ~${formatBytes(o.neededBytes)}, over the ${formatBytes(o.budget)} of memory available here. ` +
      `Read a sample instead (the first ${Math.max(1, Math.floor(o.rowsThatFit)).toLocaleString('en-US')} rows or fewer), or leave out or shorten that column.`,
  );
}

/** Something whose bytes in memory can be measured as it grows (a column's dictionary). */
export interface Measured {
  readonly bytes: number;
  readonly size: number;
  onGrow: (() => void) | null;
}

/** What a gauge measures against, and how far the reading has got. */
export interface GaugeSettings {
  readonly names: readonly string[];
  readonly budget: number;
  /** Bytes of the columns' typed arrays, allocated before reading. */
  readonly fixedBytes: number;
  /** Rows the file is thought to have. */
  readonly rowsInFile: number;
  /** Rows read so far (by this reader). */
  readonly rowsRead: () => number;
  /** Readers sharing the file (parts of a parallel read): each gets this share of the room left. */
  readonly share?: number;
  /** Copies of the strings that will exist at once (2 when the parts' strings are copied to the host). */
  readonly copies?: number;
}

/**
 * Watches the dictionaries while a file streams, so a file whose distinct values only pile up
 * past its head is still stopped before they take the memory, not after. Each dictionary calls
 * `check` when it has grown by `DICTIONARY_CHECK_BYTES`.
 */
export class DictionaryGauge {
  private readonly watched: { column: number; dictionary: Measured }[] = [];
  private readonly limit: number;

  constructor(private readonly settings: GaugeSettings) {
    this.limit = (settings.budget - settings.fixedBytes) / ((settings.share ?? 1) * (settings.copies ?? 1));
  }

  /** Measures the dictionaries of these columns (null: not a string column) as they grow. */
  watch(dictionaries: readonly (Measured | null)[]): this {
    dictionaries.forEach((dictionary, column) => {
      if (!dictionary) return;
      this.watched.push({ column, dictionary });
      dictionary.onGrow = () => this.check();
    });
    return this;
  }

  /** Throws a `too-large` SaplingError when the dictionaries together pass what the budget leaves them. */
  check(): void {
    let total = 0;
    let largest = this.watched[0];
    for (const w of this.watched) {
      total += w.dictionary.bytes;
      if (w.dictionary.bytes > largest.dictionary.bytes) largest = w;
    }
    if (total <= this.limit) return;
    const { names, budget, fixedBytes, rowsInFile, share = 1, copies = 1 } = this.settings;
    const read = Math.max(1, this.settings.rowsRead()) * share;
    const rows = Math.max(read, rowsInFile);
    const dictionaryPerRow = (total * share * copies) / read;
    throw dictionaryTooLarge({
      name: names[largest.column],
      distinct: largest.dictionary.size * share,
      dictionaryBytes: largest.dictionary.bytes * share,
      neededBytes: fixedBytes + dictionaryPerRow * rows,
      budget,
      rowsThatFit: budget / (fixedBytes / rows + dictionaryPerRow),
      soFar: true,
      about: share > 1,
    });
  }
}
