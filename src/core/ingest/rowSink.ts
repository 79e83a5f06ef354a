import { MAX_WARNING_LINES } from '../warnings';
import type { Rng } from '../util/rng';
import { type ColumnBuilder, NumericBuilder } from './builders';
import type { CsvTokenizer, RowSink } from './tokenizer';

/** What to do with rows whose field count differs from the header's. */
export type RaggedRows = 'drop' | 'pad';

/** Reading only part of a file: the first N rows, or N rows drawn at random (reservoir sampling). */
export interface SampleSpec {
  readonly mode: 'head' | 'random';
  readonly rows: number;
}

/**
 * Puts each tokenized row into the column builders: skips the header, drops or pads ragged rows,
 * samples when asked, and notes columns whose values stop fitting their kind.
 */
export class BuildSink implements RowSink {
  /** Data rows seen in the file (after the header, blank lines skipped). */
  rowsInFile = 0;
  kept = 0;
  dropped = 0;
  padded = 0;
  readonly raggedLines: number[] = [];
  /** Per column: the first line whose value did not fit the column's kind (0 = all fit). */
  readonly misfitLine: Int32Array;
  /** With random sampling: the file row number of each kept slot, to restore file order. */
  readonly order: Int32Array | null;
  /** Set once a head sample is complete: the reader stops reading. */
  full = false;

  constructor(
    private readonly builders: (ColumnBuilder | null)[],
    private skipHeader: boolean,
    private readonly ragged: RaggedRows,
    private readonly sample: SampleSpec | undefined,
    private readonly rng: Rng | null,
  ) {
    this.misfitLine = new Int32Array(builders.length);
    this.order = sample?.mode === 'random' ? new Int32Array(sample.rows) : null;
    builders.forEach((b, c) => {
      if (b instanceof NumericBuilder) {
        this.numericIndex.push(c);
        this.numericBuilders.push(b);
      } else if (b) {
        this.otherIndex.push(c);
        this.otherBuilders.push(b);
      }
    });
  }

  row(t: CsvTokenizer, buf: Uint8Array, line: number): void {
    if (this.skipHeader) {
      this.skipHeader = false;
      return;
    }
    if (this.full) return;
    const width = this.builders.length;
    const n = t.count;
    const fileRow = this.rowsInFile++;
    if (n !== width) {
      if (this.raggedLines.length < MAX_WARNING_LINES) this.raggedLines.push(line);
      if (this.ragged === 'drop') {
        this.dropped++;
        return;
      }
      this.padded++;
    }
    const sample = this.sample;
    if (sample?.mode === 'random') {
      // Algorithm R: the k-th candidate row replaces a random slot with probability N / (k + 1).
      const k = this.seen++;
      let slot = k;
      if (k >= sample.rows) {
        slot = this.rng!.int(k + 1);
        if (slot >= sample.rows) return;
      } else {
        this.kept++;
      }
      this.order![slot] = fileRow;
      this.writeRow(t, buf, slot, line, Math.min(n, width));
      return;
    }
    this.writeRow(t, buf, this.kept++, line, Math.min(n, width));
    if (sample?.mode === 'head' && this.kept >= sample.rows) this.full = true;
  }

  /** Candidate rows seen by random sampling. */
  private seen = 0;

  private writeRow(t: CsvTokenizer, buf: Uint8Array, index: number, line: number, n: number): void {
    const starts = t.starts;
    const ends = t.ends;
    const flags = t.flags;
    // Numeric columns first, through one monomorphic call site (most fields of most files).
    const numIdx = this.numericIndex;
    const numB = this.numericBuilders;
    for (let k = 0; k < numIdx.length; k++) {
      const c = numIdx[k];
      const b = numB[k];
      if (b === null) continue;
      if (c >= n) b.writeMissing(index);
      else if (!b.write(index, buf, starts[c], ends[c])) this.misfit(c, line);
    }
    const otherIdx = this.otherIndex;
    const otherB = this.otherBuilders;
    for (let k = 0; k < otherIdx.length; k++) {
      const c = otherIdx[k];
      const b = otherB[k];
      if (b === null) continue;
      if (c >= n) b.writeMissing(index);
      else if (!b.write(index, buf, starts[c], ends[c], flags[c])) this.misfit(c, line);
    }
  }

  /** A value of column `c` did not fit: stop building it; the reader re-reads it as text. */
  private misfit(c: number, line: number): void {
    this.misfitLine[c] = line;
    this.builders[c] = null;
    const k = this.numericIndex.indexOf(c);
    if (k >= 0) this.numericBuilders[k] = null;
    else this.otherBuilders[this.otherIndex.indexOf(c)] = null;
  }

  private readonly numericIndex: number[] = [];
  private readonly numericBuilders: (NumericBuilder | null)[] = [];
  private readonly otherIndex: number[] = [];
  private readonly otherBuilders: (ColumnBuilder | null)[] = [];
}
