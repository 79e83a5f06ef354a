import type { DateOrder } from '../table/cells';
import type { ColumnKind } from '../table/column';
import { inferKind } from '../table/infer';
import { concat, formatBytes } from '../util/bytes';
import { SaplingError } from '../util/errors';
import { own } from '../util/keyed';
import type { DataWarning } from '../warnings';
import { type EncodingGuess, asAsciiCompatible } from './decode';
import { sniffDecimal, sniffDelimiter, sniffHeader, sniffQuote } from './dialect';
import { FieldDecoder } from './fields';
import { type DictionaryEstimate, dictionaryTooLarge, estimateDictionaries } from './memory';
import type { CsvReadOptions } from './readOptions';
import type { ByteSource } from './source';
import { CsvTokenizer, type RowSink } from './tokenizer';

/**
 * The plan for reading a file, worked out from its first megabyte: the dialect (delimiter, quote,
 * decimal separator, header), the column names and kinds, and an estimate of the row count.
 */

/** Bytes read at the start of a file to detect its encoding and dialect and to infer column kinds. */
const HEAD_BYTES = 1 << 20;
/** The most the head grows to when its first rows are longer than it (fields of many megabytes). */
const HEAD_MAX_BYTES = 64 << 20;
/** Complete rows (header and one data row) the head should hold before it stops growing. */
const HEAD_MIN_ROWS = 2;
/** Rows of the head used to infer column kinds. */
const SAMPLE_ROWS = 5000;
/** Bytes a value takes in the finished table, by kind (dictionary-coded strings: a 4-byte code). */
const BYTES_PER_VALUE: Record<ColumnKind, number> = { numeric: 8, datetime: 8, boolean: 4, categorical: 4, text: 4 };

/** The dialect and columns worked out from the head of the file. */
export interface Plan {
  readonly encoding: EncodingGuess;
  readonly delimiter: string;
  readonly quote: string;
  readonly decimal: '.' | ',';
  readonly header: boolean;
  readonly names: string[];
  readonly kinds: ColumnKind[];
  readonly dateOrders: (DateOrder | undefined)[];
  readonly forced: boolean[];
  readonly estimatedRows: number;
  readonly bytesPerRow: number;
  readonly warnings: DataWarning[];
}


/** The first megabyte of a source (or all of it, if smaller), or its first `bytes`. */
export async function readHead(source: ByteSource, bytes = HEAD_BYTES): Promise<Uint8Array> {
  const head = new Uint8Array(Math.min(bytes, source.size));
  let total = 0;
  // Each chunk is copied out before the next is read: a source may reuse its buffers (the CLI's does).
  for await (const chunk of source.chunks(Math.min(bytes, HEAD_BYTES))) {
    const n = Math.min(chunk.length, head.length - total);
    head.set(chunk.subarray(0, n), total);
    total += n;
    if (total >= head.length) break;
  }
  return head.subarray(0, total);
}

/** Collects the head's rows as strings, for dialect and kind inference. */
class SampleSink implements RowSink {
  readonly rows: string[][] = [];
  /** Rows in the head, including those past the sample. */
  total = 0;
  constructor(private readonly decoder: FieldDecoder) {}
  row(t: CsvTokenizer, buf: Uint8Array): void {
    this.total++;
    if (this.rows.length > SAMPLE_ROWS) return;
    const fields: string[] = [];
    for (let i = 0; i < t.count; i++) fields.push(this.decoder.decode(buf, t.starts[i], t.ends[i], t.flags[i] === 2));
    this.rows.push(fields);
  }
}

/** The head's dialect and its complete rows as strings. */
interface HeadSample {
  readonly delimiter: string;
  readonly quote: string;
  readonly sink: SampleSink;
  /** Bytes of the head in complete rows, and in all (the rest is the start of a longer row). */
  readonly consumed: number;
  readonly length: number;
  readonly whole: boolean;
}

/** Sniffs the dialect of a head and collects its complete rows. */
async function sampleHead(source: ByteSource, head: Uint8Array, encoding: EncodingGuess, options: CsvReadOptions): Promise<HeadSample> {
  const headBytes = concat(await collect(asAsciiCompatible(oneChunk(head.subarray(encoding.bomLength)), encoding.encoding)));
  // The dialect is sniffed from the first megabyte however far the head grew: the sniffers walk
  // the text once per candidate delimiter, which on a 64 MB head took seconds.
  const headText = new TextDecoder(encoding.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8').decode(headBytes.subarray(0, HEAD_BYTES));
  if (headText.trim().length === 0) throw new SaplingError('empty-file', 'the file is empty (no text in it)');
  const delimiter = options.delimiter ?? sniffDelimiter(headText);
  const quote = sniffQuote(headText, delimiter);
  const decoder = new FieldDecoder(encoding.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', quote.charCodeAt(0));
  const sink = new SampleSink(decoder);
  const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), quote.charCodeAt(0));
  const whole = head.length >= source.size;
  const consumed = tokenizer.rows(headBytes, 0, headBytes.length, whole, sink);
  return { delimiter, quote, sink, consumed, length: headBytes.length, whole };
}

/** Works out how to read the file from its head; refuses files that would not fit in memory. */
export async function makePlan(source: ByteSource, head: Uint8Array, encoding: EncodingGuess, options: CsvReadOptions): Promise<Plan> {
  let sample = await sampleHead(source, head, encoding, options);
  // A first row longer than the head (a quoted field of many megabytes): read more, so the
  // dialect, header and kinds come from whole rows rather than from none.
  while (!sample.whole && sample.sink.total < HEAD_MIN_ROWS && head.length < HEAD_MAX_BYTES) {
    head = await readHead(source, Math.min(head.length * 4, HEAD_MAX_BYTES));
    sample = await sampleHead(source, head, encoding, options);
  }
  const { delimiter, quote, whole, consumed, sink: sampleSink } = sample;
  const rows = sampleSink.rows;
  if (rows.length === 0) throw new SaplingError('empty-file', `the file has no complete row in its first ${formatBytes(head.length)}`);
  const first = rows[0];
  const body = rows.slice(1);
  const width = first.length;
  const bodyColumns = first.map((_, c) => body.filter((r) => r.length === width).map((r) => r[c]));
  const decimal = options.decimal ?? sniffDecimal(bodyColumns, delimiter);
  const header = options.header ?? (body.length === 0 ? true : sniffHeader(first, body.filter((r) => r.length === width), decimal));
  const warnings: DataWarning[] = [];
  const names = header ? uniqueNames(first, warnings) : first.map((_, c) => `column_${c + 1}`);
  const dataColumns = header ? bodyColumns : first.map((v, c) => [v, ...bodyColumns[c]]);
  const kinds: ColumnKind[] = [];
  const dateOrders: (DateOrder | undefined)[] = [];
  const forced: boolean[] = [];
  names.forEach((name, c) => {
    // Own keys only: a column named `constructor` must not find Object's constructor as its kind.
    const chosen = own(options.kinds, name);
    // A kind given (a test file read with the training file's kinds) is not inferred: only a date
    // column's order is, and only non-date builders ignore the order.
    const values = chosen !== undefined && chosen !== 'datetime' ? null : decimal === ',' ? dataColumns[c].map((v) => v.replace(',', '.')) : dataColumns[c];
    const inferred = values ? inferKind(values) : null;
    kinds.push(chosen ?? inferred!.kind);
    forced.push(chosen !== undefined);
    dateOrders.push(own(options.dateOrders, name) ?? inferred?.dateOrder ?? (chosen === 'datetime' ? 'iso' : undefined));
    if (!chosen && inferred?.ambiguousDates && !own(options.dateOrders, name)) {
      warnings.push({
        code: 'ambiguous-dates',
        column: name,
        message: `column "${name}": every date reads as day/month and as month/day; read as day/month (change it if that is wrong)`,
      });
    }
  });
  // Rows in the file, estimated from the head's bytes per row, to size the columns once.
  const dataRowsInHead = Math.max(1, sampleSink.total - (header ? 1 : 0));
  // An unfinished row at the end of the head counts as one: it is at least that long.
  const bytesPerRow = consumed < sample.length ? sample.length / (sampleSink.total + 1) : consumed / Math.max(1, sampleSink.total);
  const estimatedRows = whole ? dataRowsInHead : Math.ceil((source.size - encoding.bomLength) / bytesPerRow);
  const columnBytes = estimatedRows * kinds.reduce((a, k) => a + BYTES_PER_VALUE[k], 0);
  const dictionaries = estimateDictionaries(kinds, dataColumns, estimatedRows, whole);
  const needed = dictionaries.reduce((a, d) => a + d.bytes, columnBytes);
  if (options.memoryBudget !== undefined && !options.sample && needed > options.memoryBudget) {
    const largest = dictionaries.reduce<DictionaryEstimate | null>((a, d) => (a && a.bytes >= d.bytes ? a : d), null);
    if (largest && largest.bytes * 2 >= needed) {
      // Mostly one column's distinct texts: name it.
      const budget = options.memoryBudget;
      throw dictionaryTooLarge({ name: names[largest.column], distinct: largest.distinct, dictionaryBytes: largest.bytes, neededBytes: needed, budget, rowsThatFit: (budget * estimatedRows) / needed, soFar: false });
    }
    throw new SaplingError(
      'too-large',
      `the file is ${formatBytes(source.size)} with about ${estimatedRows.toLocaleString('en-US')} rows; reading it all needs about ` +
        `${formatBytes(needed)} of memory, more than the ${formatBytes(options.memoryBudget)} available here. Read a sample instead (the first or a random N rows).`,
    );
  }
  return { encoding, delimiter, quote, decimal, header, names, kinds, dateOrders, forced, estimatedRows, bytesPerRow, warnings };
}

/** Header names made unique and non-empty (`column_3`, `price_2`), with a warning when any changed. */
function uniqueNames(header: readonly string[], warnings: DataWarning[]): string[] {
  const used = new Set<string>();
  const renamed: string[] = [];
  const names = header.map((rawName, i) => {
    const base = rawName.trim() || `column_${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    if (name !== rawName.trim()) renamed.push(rawName.trim() ? `"${rawName}" → "${name}"` : `(empty) → "${name}"`);
    return name;
  });
  if (renamed.length) {
    warnings.push({ code: 'renamed-headers', message: `empty or repeated header names were renamed: ${renamed.join(', ')}`, lines: [1] });
  }
  return names;
}


async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}
