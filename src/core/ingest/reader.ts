import { concat } from '../util/bytes';
import { type DataTable, createTable } from '../table/DataTable';
import type { DateOrder } from '../table/cells';
import type { Column } from '../table/column';
import { CancelledError, SaplingError } from '../util/errors';
import { keyed } from '../util/keyed';
import { createRng } from '../util/rng';
import type { DataWarning } from '../warnings';
import type { CsvMeta, CsvReadOptions } from './readOptions';
import { BUILD_BYTES, type ColumnBuilder, createBuilder, dictionariesOf } from './builders';
import { type EncodingGuess, asAsciiCompatible, detectEncoding } from './decode';
import { LongRow } from './longRow';
import { DictionaryGauge } from './memory';
import { type Plan, makePlan, readHead } from './plan';
import { FieldDecoder, NotUtf8Error } from './fields';
import { type FirstPass, readParallel } from './parallel';
import { BuildSink } from './rowSink';
import type { ByteSource } from './source';
import { CsvTokenizer, type RowSink } from './tokenizer';

export type { CsvMeta, CsvReadOptions, IngestProgress, ReadSettings } from './readOptions';

/** A table read from CSV, with how it was read and what went wrong along the way. */
export interface CsvReadResult {
  readonly table: DataTable;
  readonly meta: CsvMeta;
  readonly warnings: DataWarning[];
}

/** Bytes per chunk while streaming. */
const CHUNK_BYTES = 4 << 20;
/** Files smaller than this are read by one thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/**
 * Reads a CSV source into a columnar table: the head decides encoding, dialect and column kinds;
 * then the file streams through a byte tokenizer into typed-array column builders, without ever
 * being one string. Columns whose values stop fitting their kind later in the file are read again
 * as text in a second pass over just those columns.
 */
export async function readCsv(source: ByteSource, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  if (source.size === 0) throw new SaplingError('empty-file', 'the file is empty (0 bytes)');
  const head = await readHead(source);
  let encoding = detectEncoding(head, options.encoding);
  try {
    return await readWithEncoding(source, head, encoding, options);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    // Told to read UTF-8 and it is not: the person's choice is refused in words, not as an internal error.
    if (options.encoding) throw new SaplingError('not-utf8', `the file is not valid UTF-8, the encoding it was set to be read in; choose windows-1252 (Latin-1) or let Sapling detect the encoding`);
    // The head was valid UTF-8 but a later part is not: the file is Windows-1252 after all.
    encoding = { encoding: 'windows-1252', bomLength: 0 };
    return readWithEncoding(source, head, encoding, options);
  }
}

async function readWithEncoding(source: ByteSource, head: Uint8Array, encoding: EncodingGuess, options: CsvReadOptions): Promise<CsvReadResult> {
  const plan = await makePlan(source, head, encoding, options);
  const decoder = new FieldDecoder(encoding.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', plan.quote.charCodeAt(0));
  const decimal = plan.decimal.charCodeAt(0);
  const ragged = options.ragged ?? 'drop';
  let first: FirstPass | null = null;
  const host = options.parallel;
  if (host && host.workers > 1 && !options.sample && source.size >= (host.minBytes ?? PARALLEL_MIN_BYTES) && encoding.encoding !== 'utf-16le' && encoding.encoding !== 'utf-16be' && typeof SharedArrayBuffer !== 'undefined') {
    const parallelPlan = { ...plan, encoding: encoding.encoding as 'utf-8' | 'windows-1252', bomLength: encoding.bomLength };
    first = await readParallel(source, parallelPlan, { ragged, memoryBudget: options.memoryBudget, onProgress: options.onProgress, shouldStop: options.shouldStop }, host);
  }
  first ??= await readSequential(source, plan, decoder, options);
  const width = plan.names.length;
  if (first.kept === 0) {
    if (first.rowsInFile === 0) throw new SaplingError('no-data-rows', `the file has a header row (${width} column${width === 1 ? '' : 's'}) but no data rows`);
    throw new SaplingError(
      'no-data-rows',
      `none of the ${first.rowsInFile} data rows has the header's ${width} fields (first bad line ${first.raggedLines[0]}); is the delimiter right?`,
    );
  }

  // Columns whose values stopped fitting: read them again, as text, in a second pass.
  const warnings = [...plan.warnings];
  const misfits = plan.kinds.map((_, c) => (first.misfitLine[c] > 0 ? c : -1)).filter((c) => c >= 0);
  const columns = [...first.columns];
  if (misfits.length) {
    const again: (ColumnBuilder | null)[] = plan.kinds.map(() => null);
    for (const c of misfits) {
      again[c] = createBuilder('categorical', { decoder, decimal, forced: false, storage: { capacity: first.kept } });
      warnings.push({
        code: 'mixed-kind',
        column: plan.names[c],
        message: `column "${plan.names[c]}" looked ${plan.kinds[c]} but line ${first.misfitLine[c]} has a value that is not; it is read as text`,
        lines: [first.misfitLine[c]],
      });
    }
    const sink = new BuildSink(again, plan.header, ragged, options.sample, createRng(options.seed ?? 42));
    watchMemory(again, plan, options, first.kept, () => sink.rowsInFile);
    await stream(source, plan, sink, options, false);
    const order = sink.order ? fileOrder(sink.order, sink.kept) : undefined;
    for (const c of misfits) columns[c] = again[c]!.finish(plan.names[c], order);
  }
  first.invalid.forEach((invalid, c) => {
    if (invalid === 0) return;
    warnings.push({
      code: 'invalid-values',
      column: plan.names[c],
      message: `column "${plan.names[c]}": ${invalid} value${invalid === 1 ? '' : 's'} could not be read as ${plan.kinds[c]} and ${invalid === 1 ? 'is' : 'are'} treated as missing`,
    });
  });
  const raggedCount = first.dropped + first.padded;
  if (raggedCount > 0) {
    const what = ragged === 'drop' ? 'dropped' : 'padded with missing values or cut to size';
    warnings.unshift({
      code: 'ragged-rows',
      message:
        `${raggedCount} row${raggedCount === 1 ? '' : 's'} had a different number of fields than the header (${width}) and ` +
        `${raggedCount === 1 ? 'was' : 'were'} ${what}; first at line${first.raggedLines.length === 1 ? '' : 's'} ${first.raggedLines.slice(0, 10).join(', ')}`,
      lines: first.raggedLines,
    });
  }
  const dateOrders = keyed<DateOrder>();
  columns.forEach((col, c) => {
    if (col?.kind === 'datetime') dateOrders[col.name] = plan.dateOrders[c] ?? 'iso';
  });
  return {
    table: createTable(columns as Column[]),
    meta: {
      delimiter: plan.delimiter,
      quote: plan.quote,
      decimal: plan.decimal,
      header: plan.header,
      encoding: encoding.encoding,
      rowsInFile: first.rowsInFile,
      rowsDropped: first.dropped,
      rowsPadded: first.padded,
      ...(options.sample ? { sampled: options.sample } : {}),
      dateOrders,
    },
    warnings,
  };
}

/** The first pass in this thread: every column built as the rows stream past. */
async function readSequential(source: ByteSource, plan: Plan, decoder: FieldDecoder, options: CsvReadOptions): Promise<FirstPass> {
  const capacity = options.sample ? options.sample.rows : Math.ceil(plan.estimatedRows * 1.05) + 16;
  const decimal = plan.decimal.charCodeAt(0);
  const builders: ColumnBuilder[] = plan.kinds.map((kind, c) =>
    createBuilder(kind, { decoder, decimal, dateOrder: plan.dateOrders[c], forced: plan.forced[c], storage: { capacity } }),
  );
  const sink = new BuildSink([...builders], plan.header, options.ragged ?? 'drop', options.sample, createRng(options.seed ?? 42));
  watchMemory(builders, plan, options, capacity, () => sink.rowsInFile);
  await stream(source, plan, sink, options, true);
  const order = sink.order ? fileOrder(sink.order, sink.kept) : undefined;
  return {
    columns: builders.map((b, c) => (sink.misfitLine[c] > 0 ? null : b.finish(plan.names[c], order))),
    kept: sink.kept,
    rowsInFile: sink.rowsInFile,
    dropped: sink.dropped,
    padded: sink.padded,
    raggedLines: sink.raggedLines,
    misfitLine: sink.misfitLine,
    invalid: builders.map((b) => b.invalid),
  };
}

/** Stops the read when the string columns' dictionaries outgrow what the budget leaves after `capacity` rows of every column. */
function watchMemory(builders: readonly (ColumnBuilder | null)[], plan: Plan, options: CsvReadOptions, capacity: number, rowsRead: () => number): void {
  if (options.memoryBudget === undefined) return;
  const fixedBytes = capacity * plan.kinds.reduce((a, k) => a + BUILD_BYTES[k], 0);
  const settings = { names: plan.names, budget: options.memoryBudget, fixedBytes, rowsInFile: plan.estimatedRows, rowsRead };
  new DictionaryGauge(settings).watch(dictionariesOf(builders));
}

/** How much of a new chunk is joined to the carried-over partial row before falling back to a full join. */
const STITCH_BYTES = 64 << 10;

/**
 * Streams the whole source through the tokenizer into `sink`, reporting progress and honouring
 * Cancel. The next chunk is already being read while this one is parsed, and a row split across
 * two chunks is stitched from its two pieces instead of copying whole chunks together. Also used
 * to read a file's rows again as text (`verbatim.ts`).
 */
export async function stream(source: ByteSource, plan: Pick<Plan, 'delimiter' | 'quote' | 'encoding'>, sink: RowSink & { readonly kept: number; readonly full: boolean }, options: CsvReadOptions, report: boolean, chunkBytes = CHUNK_BYTES): Promise<void> {
  const tokenizer = new CsvTokenizer(plan.delimiter.charCodeAt(0), plan.quote.charCodeAt(0));
  let carry: Uint8Array | null = null;
  const long = new LongRow();
  let bytesRead = plan.encoding.bomLength;
  const chunks = asAsciiCompatible(source.chunks(chunkBytes, plan.encoding.bomLength), plan.encoding.encoding)[Symbol.asyncIterator]();
  let next = chunks.next();
  for (;;) {
    const step = await next;
    if (step.done) break;
    next = chunks.next(); // start reading ahead while this chunk is parsed
    let chunk: Uint8Array | null = step.value;
    if (carry) chunk = long.gather(carry, chunk);
    if (chunk && carry) {
      const held: Uint8Array = carry;
      const stitched = concat([held, chunk.subarray(0, Math.min(chunk.length, STITCH_BYTES))]);
      const consumed = tokenizer.rows(stitched, 0, stitched.length, false, sink);
      if (consumed > held.length) {
        chunk = chunk.subarray(consumed - held.length);
        carry = null;
      } else {
        carry = held; // one row longer than the stitch window: joined whole below
      }
    }
    if (chunk?.length) {
      const buf: Uint8Array = carry ? concat([carry, chunk]) : chunk;
      const consumed = tokenizer.rows(buf, 0, buf.length, false, sink);
      carry = consumed < buf.length ? buf.slice(consumed) : null;
    }
    bytesRead = Math.min(source.size, bytesRead + chunkBytes);
    if (report) options.onProgress?.({ bytesRead, totalBytes: source.size, rows: sink.kept });
    await options.yieldToEvents?.();
    if (options.shouldStop?.()) {
      await chunks.return?.();
      throw new CancelledError();
    }
    if (sink.full) {
      await chunks.return?.();
      return;
    }
  }
  if (carry) carry = long.rest(carry);
  if (carry) tokenizer.rows(carry, 0, carry.length, true, sink);
  if (report) options.onProgress?.({ bytesRead: source.size, totalBytes: source.size, rows: sink.kept });
}

/** The permutation that puts randomly sampled slots back into file order. */
function fileOrder(order: Int32Array, n: number): Int32Array {
  const slots = Int32Array.from({ length: n }, (_, i) => i);
  return slots.sort((a, b) => order[a] - order[b]);
}

