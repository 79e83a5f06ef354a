import type { DateOrder } from '../table/cells';
import type { Column, ColumnKind } from '../table/column';
import { CancelledError, SaplingError, isSaplingError } from '../util/errors';
import { BUILD_BYTES, BooleanBuilder, CodedBuilder, type ColumnBuilder, NumericBuilder, RegionFullError, booleanColumn, codedColumn, createBuilder, dictionariesOf, numericOrBoolean } from './builders';
import { FieldDecoder } from './fields';
import { LongRow } from './longRow';
import { DictionaryGauge, type GaugeSettings } from './memory';
import { BuildSink, type RaggedRows } from './rowSink';
import type { ByteSource } from './source';
import { CsvTokenizer } from './tokenizer';

/**
 * Reading one file with several workers. The file is cut into byte ranges at line breaks; each
 * worker parses its range straight into its own region of shared column buffers (no copies); the
 * host then closes the gaps between regions, merges the categorical dictionaries and renumbers
 * their codes. A cut that fell inside a quoted field, or a region that overflowed, is detected
 * and the file is read by one thread instead, so the result never depends on the parallelism.
 */

/** How the host runs a part in a worker (the worker calls `parsePart` with its own view of the file). */
export interface ParallelHost {
  readonly workers: number;
  /** Files smaller than this are read by one thread (default 16 MB; tests lower it). */
  readonly minBytes?: number;
  run(task: PartTask): Promise<PartResult>;
}

/** Everything a worker needs to parse one byte range into shared memory. */
export interface PartTask {
  readonly part: number;
  readonly start: number;
  readonly end: number;
  readonly skipHeader: boolean;
  readonly delimiter: string;
  readonly quote: string;
  readonly decimal: '.' | ',';
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly ragged: RaggedRows;
  readonly columns: readonly { kind: ColumnKind; dateOrder?: DateOrder; forced: boolean; buffer: SharedArrayBuffer }[];
  /** First row of this part's region in every column buffer, and the rows the region can hold. */
  readonly regionStart: number;
  readonly regionRows: number;
  /** Shared counters: [0] = set to 1 to cancel; [1 + part] = bytes read so far. */
  readonly control: SharedArrayBuffer;
  /** The memory budget, shared by the parts: each stops when its dictionaries pass its share. */
  readonly memory?: Omit<GaugeSettings, 'rowsRead'>;
}

/** What a worker found in its range. */
export interface PartResult {
  readonly part: number;
  readonly rows: number;
  readonly rowsInFile: number;
  /** Physical lines in the range (to turn its line numbers into the file's). */
  readonly lines: number;
  /** The range ended exactly at a row boundary (so the cut was between rows). */
  readonly clean: boolean;
  readonly overflow: boolean;
  readonly dropped: number;
  readonly padded: number;
  readonly raggedLines: number[];
  readonly misfitLines: number[];
  readonly invalid: number[];
  readonly categories: (readonly string[] | null)[];
  readonly totalLengths: number[];
  readonly only01: boolean[];
  readonly booleanLabels: ([string, string] | null)[];
  /** Why the part stopped early: its dictionaries passed its share of the memory budget. */
  readonly tooLarge?: string;
}

/** Bytes of the file each part reads per chunk. */
const PART_CHUNK = 1 << 20;
/** Room for more rows than the byte count predicts, per region. */
const REGION_SLACK = 1.05;

/** Parses bytes [start, end) of a source into its regions of the shared columns (runs in a worker). */
export async function parsePart(source: ByteSource, task: PartTask): Promise<PartResult> {
  const control = new Int32Array(task.control);
  const decoder = new FieldDecoder(task.encoding, task.quote.charCodeAt(0));
  const decimal = task.decimal.charCodeAt(0);
  const builders: ColumnBuilder[] = task.columns.map((c) => {
    const bytes = BUILD_BYTES[c.kind];
    const array = bytes === 8 ? new Float64Array(c.buffer, task.regionStart * 8, task.regionRows) : new Int32Array(c.buffer, task.regionStart * 4, task.regionRows);
    return createBuilder(c.kind, { decoder, decimal, dateOrder: c.dateOrder, forced: c.forced, storage: { array } });
  });
  const sink = new BuildSink([...builders], task.skipHeader, task.ragged, undefined, null);
  if (task.memory) new DictionaryGauge({ ...task.memory, rowsRead: () => sink.rowsInFile }).watch(dictionariesOf(builders));
  let tooLarge: string | undefined;
  const tokenizer = new CsvTokenizer(task.delimiter.charCodeAt(0), task.quote.charCodeAt(0));
  let carry: Uint8Array | null = null;
  const long = new LongRow();
  let read = 0;
  let overflow = false;
  try {
    for await (const chunk of source.chunks(PART_CHUNK, task.start)) {
      const room = task.end - task.start - read;
      let piece: Uint8Array | null = chunk.length > room ? chunk.subarray(0, room) : chunk;
      read += piece.length;
      if (carry) piece = long.gather(carry, piece, read >= task.end - task.start);
      if (piece) {
        const buf: Uint8Array = carry ? concatTwo(carry, piece) : piece;
        const consumed = tokenizer.rows(buf, 0, buf.length, false, sink);
        carry = consumed < buf.length ? buf.slice(consumed) : null;
      }
      Atomics.store(control, 1 + task.part, read);
      if (Atomics.load(control, 0) === 1) throw new CancelledError();
      if (read >= task.end - task.start) break;
    }
  } catch (e) {
    // Returned rather than thrown: a SaplingError does not keep its class across a worker boundary.
    if (isSaplingError(e) && e.code === 'too-large') tooLarge = e.message;
    else if (e instanceof RegionFullError) overflow = true;
    else throw e;
  }
  return {
    part: task.part,
    rows: sink.kept,
    rowsInFile: sink.rowsInFile,
    lines: tokenizer.line - 1,
    clean: carry === null,
    overflow,
    dropped: sink.dropped,
    padded: sink.padded,
    raggedLines: sink.raggedLines,
    misfitLines: Array.from(sink.misfitLine),
    invalid: builders.map((b) => b.invalid),
    categories: builders.map((b) => (b instanceof CodedBuilder ? b.categories : null)),
    totalLengths: builders.map((b) => (b instanceof CodedBuilder ? b.totalLength : 0)),
    only01: builders.map((b) => (b instanceof NumericBuilder ? b.only01 : false)),
    booleanLabels: builders.map((b) => (b instanceof BooleanBuilder ? b.labels : null)),
    ...(tooLarge ? { tooLarge } : {}),
  };
}

function concatTwo(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The columns and row statistics of a first pass, however it was run. */
export interface FirstPass {
  /** One per column; null where a value stopped fitting the kind (re-read as text afterwards). */
  readonly columns: (Column | null)[];
  readonly kept: number;
  readonly rowsInFile: number;
  readonly dropped: number;
  readonly padded: number;
  readonly raggedLines: number[];
  readonly misfitLine: Int32Array;
  readonly invalid: number[];
}

/** The layout of the file the host works out before splitting it. */
export interface ParallelPlan {
  readonly names: readonly string[];
  readonly kinds: readonly ColumnKind[];
  readonly dateOrders: readonly (DateOrder | undefined)[];
  readonly forced: readonly boolean[];
  readonly delimiter: string;
  readonly quote: string;
  readonly decimal: '.' | ',';
  readonly header: boolean;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly bomLength: number;
  readonly bytesPerRow: number;
}

/** Bytes of a file near a cut searched for the next line break. */
const CUT_WINDOW = 1 << 16;

/**
 * Cuts the data bytes [bomLength, size) into up to `parts` ranges, each cut just after a line feed.
 * Returns fewer ranges when no line feed is near a cut (lone-CR files are read by one thread).
 */
async function cutRanges(source: ByteSource, from: number, parts: number): Promise<[number, number][]> {
  const cuts = [from];
  for (let k = 1; k < parts; k++) {
    const target = Math.floor(from + ((source.size - from) * k) / parts);
    if (target <= cuts[cuts.length - 1]) continue;
    for await (const chunk of source.chunks(CUT_WINDOW, target)) {
      const lf = chunk.indexOf(10);
      if (lf >= 0 && target + lf + 1 < source.size) cuts.push(target + lf + 1);
      break;
    }
  }
  cuts.push(source.size);
  return cuts.slice(1).map((end, i) => [cuts[i], end]);
}

/**
 * Reads the file with the host's workers. Resolves to null when the file must be read by one
 * thread instead (a cut inside a quoted field, a region that overflowed).
 */
export async function readParallel(
  source: ByteSource,
  plan: ParallelPlan,
  options: { ragged: RaggedRows; memoryBudget?: number; onProgress?: (p: { bytesRead: number; totalBytes: number; rows: number }) => void; shouldStop?: () => boolean },
  host: ParallelHost,
): Promise<FirstPass | null> {
  // Rows longer than the window searched at a cut (fields of megabytes): the cuts would land inside
  // rows, and each part would gather its long rows only for the file to be read again by one thread.
  if (plan.bytesPerRow > CUT_WINDOW) return null;
  const ranges = await cutRanges(source, plan.bomLength, host.workers);
  if (ranges.length < 2) return null;
  const regionRows = ranges.map(([s, e]) => Math.ceil(((e - s) / plan.bytesPerRow) * REGION_SLACK) + 256);
  const regionStarts = regionRows.map((_, i) => regionRows.slice(0, i).reduce((a, b) => a + b, 0));
  const capacity = regionRows.reduce((a, b) => a + b, 0);
  const buffers = plan.kinds.map((k) => new SharedArrayBuffer(capacity * BUILD_BYTES[k]));
  const control = new SharedArrayBuffer(4 * (1 + ranges.length));
  const fixedBytes = capacity * plan.kinds.reduce((a, k) => a + BUILD_BYTES[k], 0);
  const rowsInFile = Math.round((source.size - plan.bomLength) / plan.bytesPerRow);
  // Each part gets its share of the room left; the host then holds a copy of every part's strings.
  const memory = options.memoryBudget === undefined ? undefined : { names: plan.names, budget: options.memoryBudget, fixedBytes, rowsInFile, share: ranges.length, copies: 2 };
  const counters = new Int32Array(control);
  const timer = setInterval(() => {
    if (options.shouldStop?.()) Atomics.store(counters, 0, 1);
    let bytes = plan.bomLength;
    for (let i = 0; i < ranges.length; i++) bytes += Atomics.load(counters, 1 + i);
    options.onProgress?.({ bytesRead: bytes, totalBytes: source.size, rows: Math.round(bytes / plan.bytesPerRow) });
  }, 100);
  let results: PartResult[];
  try {
    results = await Promise.all(
      ranges.map(([start, end], part) =>
        host.run({
          part,
          start,
          end,
          skipHeader: part === 0 && plan.header,
          delimiter: plan.delimiter,
          quote: plan.quote,
          decimal: plan.decimal,
          encoding: plan.encoding,
          ragged: options.ragged,
          columns: plan.kinds.map((kind, c) => ({ kind, dateOrder: plan.dateOrders[c], forced: plan.forced[c], buffer: buffers[c] })),
          regionStart: regionStarts[part],
          regionRows: regionRows[part],
          control,
          ...(memory ? { memory } : {}),
        }),
      ),
    );
  } finally {
    clearInterval(timer);
  }
  if (Atomics.load(counters, 0) === 1) throw new CancelledError();
  const over = results.find((r) => r.tooLarge);
  if (over) throw new SaplingError('too-large', over.tooLarge!);
  if (results.some((r, i) => r.overflow || (!r.clean && i < results.length - 1))) return null;
  return mergeParts(plan, results, buffers, regionStarts);
}

/** Closes the gaps between regions, merges dictionaries and labels, and builds the columns. */
function mergeParts(plan: ParallelPlan, results: PartResult[], buffers: SharedArrayBuffer[], regionStarts: number[]): FirstPass {
  const kept = results.reduce((a, r) => a + r.rows, 0);
  const offsets = results.map((_, i) => results.slice(0, i).reduce((a, r) => a + r.rows, 0));
  const lineOffsets = results.map((_, i) => results.slice(0, i).reduce((a, r) => a + r.lines, 0));
  const misfitLine = new Int32Array(plan.kinds.length);
  const columns = plan.kinds.map((kind, c): Column | null => {
    const misfit = results.find((r) => r.misfitLines[c] > 0);
    if (misfit) {
      misfitLine[c] = misfit.misfitLines[c] + lineOffsets[misfit.part];
      return null;
    }
    const wide = BUILD_BYTES[kind] === 8;
    const all = wide ? new Float64Array(buffers[c]) : new Int32Array(buffers[c]);
    // Move each region's rows down to follow the previous part's (copyWithin: no second buffer).
    results.forEach((r, i) => {
      if (regionStarts[i] !== offsets[i]) all.copyWithin(offsets[i], regionStarts[i], regionStarts[i] + r.rows);
    });
    const name = plan.names[c];
    if (kind === 'numeric') return numericOrBoolean(name, (all as Float64Array).subarray(0, kept), !plan.forced[c] && results.every((r) => r.only01[c]));
    if (kind === 'datetime') return { kind: 'datetime', name, values: (all as Float64Array).subarray(0, kept) };
    if (kind === 'boolean') {
      const labels: [string, string] = ['', ''];
      for (const r of results) {
        const seen = r.booleanLabels[c]!;
        labels[0] ||= seen[0];
        labels[1] ||= seen[1];
      }
      return booleanColumn(name, (all as Int32Array).subarray(0, kept), labels);
    }
    // Categorical / text: one dictionary, later parts' codes renumbered into it.
    const codes = (all as Int32Array).subarray(0, kept);
    const categories = [...results[0].categories[c]!];
    const index = new Map(categories.map((v, k) => [v, k]));
    results.forEach((r, i) => {
      if (i === 0) return;
      const remap = r.categories[c]!.map((v) => {
        let k = index.get(v);
        if (k === undefined) {
          k = categories.push(v) - 1;
          index.set(v, k);
        }
        return k;
      });
      for (let row = offsets[i]; row < offsets[i] + r.rows; row++) if (codes[row] >= 0) codes[row] = remap[codes[row]];
    });
    const totalLength = results.reduce((a, r) => a + r.totalLengths[c], 0);
    return codedColumn(name, codes, categories, totalLength, plan.forced[c] ? (kind as 'categorical' | 'text') : null);
  });
  const raggedLines = results.flatMap((r) => r.raggedLines.map((l) => l + lineOffsets[r.part])).slice(0, 20);
  return {
    columns,
    kept,
    rowsInFile: results.reduce((a, r) => a + r.rowsInFile, 0),
    dropped: results.reduce((a, r) => a + r.dropped, 0),
    padded: results.reduce((a, r) => a + r.padded, 0),
    raggedLines,
    misfitLine,
    invalid: plan.kinds.map((_, c) => results.reduce((a, r) => a + r.invalid[c], 0)),
  };
}
