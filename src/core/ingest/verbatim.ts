import { SaplingError } from '../util/errors';
import { createRng } from '../util/rng';
import { type EncodingGuess, detectEncoding } from './decode';
import { FieldDecoder } from './fields';
import { readHead } from './plan';
import { type CsvReadOptions, type CsvReadResult, stream } from './reader';
import { BuildSink } from './rowSink';
import type { ByteSource } from './source';
import { type CsvTokenizer, ESCAPED, type RowSink } from './tokenizer';

/**
 * The rows of a table read from CSV, as they were written in the file. The table keeps parsed
 * values (`00501` is the number 501, `NA` is missing); a predictions file copies the input as it
 * was, so the file is read a second time, by the same tokenizer and the same row selection
 * (`BuildSink`: header, ragged rows dropped or padded, head or random samples), and each kept row's
 * fields are handed on as text, in step with the table's rows. Nothing is kept in memory: a
 * column's text would cost far more than its numbers, and the second pass costs one more read.
 */

/**
 * Bytes of the file per step of the replay, after which `afterChunk` passes the output on. Smaller
 * than the reader's 4 MB because output can be far larger than its input (12-byte rows with 100
 * class probabilities each make ~80 times as much text), and it waits in memory until then.
 */
const REPLAY_CHUNK_BYTES = 256 << 10;

/** What replaying needs of a read: how the file was read, and the table it gave. */
export type ReadRows = Pick<CsvReadResult, 'meta'> & { readonly table: { readonly rowCount: number; readonly columns: readonly { readonly name: string }[] } };

/** Called with each kept row's fields (decoded, unquoted, otherwise untouched; the array is reused, so copy what you keep) and its row in the table. */
export type RowText = (fields: readonly string[], row: number) => void;

/** Hands on the kept rows of a file that only replays the reader's choices of rows. */
class VerbatimSink implements RowSink {
  /** The reader's own row selection, with no columns to build. */
  private readonly select: BuildSink;
  private emitted = 0;
  private next = 0;
  private readonly fields: string[];

  constructor(
    private readonly width: number,
    header: boolean,
    options: Pick<CsvReadOptions, 'ragged' | 'sample' | 'seed'>,
    /** With a random sample: the kept file rows, ascending (the table is in file order). */
    private readonly keptRows: Int32Array | null,
    private readonly decoder: FieldDecoder,
    private readonly onRow: RowText,
  ) {
    const sample = keptRows ? undefined : options.sample;
    this.select = new BuildSink(new Array(width).fill(null), header, options.ragged ?? 'drop', sample, null);
    this.fields = new Array<string>(width);
  }

  get kept(): number {
    return this.emitted;
  }

  get full(): boolean {
    return this.select.full;
  }

  row(t: CsvTokenizer, buf: Uint8Array, line: number): void {
    const fileRow = this.select.rowsInFile;
    const before = this.select.kept;
    this.select.row(t, buf, line);
    // Not counted: the header, or a row past a complete head sample. Not kept: a dropped ragged row.
    if (this.select.rowsInFile === fileRow || this.select.kept === before) return;
    if (this.keptRows) {
      if (this.keptRows[this.next] !== fileRow) return;
      this.next++;
    }
    const n = Math.min(t.count, this.width);
    for (let c = 0; c < this.width; c++) this.fields[c] = c < n ? this.decoder.decode(buf, t.starts[c], t.ends[c], t.flags[c] === ESCAPED) : '';
    this.onRow(this.fields, this.emitted++);
  }
}

/**
 * Reads `source` again as `read` read it (`options`: the ragged, sample and seed options given to
 * `readCsv`) and calls `onRow` with each kept row's original text, in table order; `afterChunk` is
 * awaited after each chunk of the file (to pass output on). Refuses a file that changed meanwhile.
 */
export async function replayRows(source: ByteSource, read: ReadRows, options: Pick<CsvReadOptions, 'ragged' | 'sample' | 'seed'>, onRow: RowText, afterChunk: () => Promise<void>): Promise<void> {
  const { meta } = read;
  const width = read.table.columns.length;
  const plan = { delimiter: meta.delimiter, quote: meta.quote, encoding: await encodingOf(source, meta.encoding) };
  const decoder = new FieldDecoder(meta.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', meta.quote.charCodeAt(0));
  let keptRows: Int32Array | null = null;
  if (options.sample?.mode === 'random') {
    // Reservoir sampling keeps rows out of order: replay it first (same seed) to learn which rows.
    const sampled = new BuildSink(new Array(width).fill(null), meta.header, options.ragged ?? 'drop', options.sample, createRng(options.seed ?? 42));
    await stream(source, plan, sampled, {}, false);
    keptRows = sampled.order!.slice(0, sampled.kept).sort();
  }
  const sink = new VerbatimSink(width, meta.header, options, keptRows, decoder, onRow);
  await stream(source, plan, sink, { yieldToEvents: afterChunk }, false, REPLAY_CHUNK_BYTES);
  if (sink.kept !== read.table.rowCount) {
    throw new SaplingError('file-changed', `${source.name} changed while it was being read (${sink.kept} rows now, ${read.table.rowCount} before); read it again`);
  }
}

/** The encoding and byte-order mark of a source read before as `encoding` (from the same head the reader looked at). */
async function encodingOf(source: ByteSource, encoding: CsvReadResult['meta']['encoding']): Promise<EncodingGuess> {
  return detectEncoding(await readHead(source), encoding);
}
