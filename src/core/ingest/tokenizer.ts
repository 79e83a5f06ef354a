/**
 * A byte-level CSV tokenizer (RFC 4180 plus what real files do): any one-byte delimiter and quote,
 * quoted fields with doubled quotes and embedded delimiters and line breaks, LF, CRLF and lone-CR
 * line ends, blank lines skipped. It works on ASCII-compatible bytes (UTF-8, Windows-1252), never
 * builds a string, and hands complete rows to a sink as field offsets into the buffer.
 */

/** How a field was written: plain, quoted, or quoted with `""` escapes inside. */
export const PLAIN = 0;
export const QUOTED = 1;
export const ESCAPED = 2;

const LF = 10;
const CR = 13;

/** Per byte value: 1 where an unquoted field may end (delimiter, LF, CR). One table per delimiter. */
function stopTable(delimiter: number): Uint8Array {
  const t = new Uint8Array(256);
  t[delimiter] = 1;
  t[LF] = 1;
  t[CR] = 1;
  return t;
}

/** Receives rows as the tokenizer finds them. */
export interface RowSink {
  /** Fields 0..count-1 of `t` are buf[t.starts[i], t.ends[i]); `line` is the row's first physical line. */
  row(t: CsvTokenizer, buf: Uint8Array, line: number): void;
}

/** Splits CSV bytes into rows of fields, across chunk boundaries. */
export class CsvTokenizer {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  count = 0;
  /** The physical line (1-based) where the next row starts. */
  line = 1;
  /** Rows whose closing quote never came (the field ran to the end of the file). */
  unterminatedQuoteLine = 0;

  private readonly stops: Uint8Array;

  constructor(
    readonly delimiter: number,
    readonly quote: number,
  ) {
    this.stops = stopTable(delimiter);
  }

  /**
   * Tokenizes the complete rows in buf[from, to) and returns the offset where an incomplete row
   * starts (to if none). With `final`, the data ends at `to` and the last row is complete.
   */
  rows(buf: Uint8Array, from: number, to: number, final: boolean, sink: RowSink): number {
    const delimiter = this.delimiter;
    const quote = this.quote;
    let i = from;
    let rowStart = from;
    let newlines = 0; // line breaks inside quoted fields of the current row
    this.count = 0;
    while (i < to) {
      let s: number;
      let e: number;
      let flag = PLAIN;
      if (buf[i] === quote) {
        s = i + 1;
        let j = s;
        for (;;) {
          j = buf.indexOf(quote, j);
          if (j < 0 || j >= to) {
            if (!final) return rowStart;
            // An unterminated quote: the field runs to the end of the data.
            this.unterminatedQuoteLine = this.line;
            j = to;
            break;
          }
          if (j + 1 < to && buf[j + 1] === quote) {
            flag = ESCAPED;
            j += 2;
            continue;
          }
          if (j + 1 >= to && !final) return rowStart; // could be the first half of ""
          break;
        }
        e = j;
        if (flag === PLAIN) flag = QUOTED;
        for (let k = s; k < e; k++) if (buf[k] === LF || (buf[k] === CR && buf[k + 1] !== LF)) newlines++;
        i = j + 1;
        // Text between the closing quote and the next delimiter (`"ab"cd`) is kept, as papaparse does.
        if (i < to && buf[i] !== delimiter && buf[i] !== LF && buf[i] !== CR) {
          while (i < to && buf[i] !== delimiter && buf[i] !== LF && buf[i] !== CR) i++;
          e = i;
          s = s - 1;
          flag = PLAIN;
        }
      } else {
        s = i;
        const stops = this.stops;
        while (i < to && stops[buf[i]] === 0) i++;
        e = i;
      }
      this.push(s, e, flag);
      if (i >= to) {
        if (!final) return rowStart;
        break;
      }
      const c = buf[i];
      if (c === delimiter) {
        i++;
        if (i >= to) {
          if (!final) return rowStart;
          this.push(i, i, PLAIN); // a trailing delimiter ends with an empty field
        }
        continue;
      }
      // A line break: CRLF, LF, or a lone CR.
      if (c === CR) {
        if (i + 1 >= to && !final) return rowStart;
        i += buf[i + 1] === LF ? 2 : 1;
      } else {
        i++;
      }
      this.endRow(buf, sink, newlines);
      newlines = 0;
      rowStart = i;
    }
    if (this.count > 0) this.endRow(buf, sink, newlines);
    return to;
  }

  private push(s: number, e: number, flag: number): void {
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.starts[this.count] = s;
    this.ends[this.count] = e;
    this.flags[this.count] = flag;
    this.count++;
  }

  private endRow(buf: Uint8Array, sink: RowSink, newlines: number): void {
    const line = this.line;
    this.line += 1 + newlines;
    // A blank line (one unquoted field of nothing but spaces) is skipped.
    let blank = this.count === 1 && this.flags[0] === PLAIN;
    for (let k = this.starts[0]; blank && k < this.ends[0]; k++) blank = buf[k] === 32 || buf[k] === 9;
    if (!blank) sink.row(this, buf, line);
    this.count = 0;
  }
}
