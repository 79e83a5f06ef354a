import type { ReadSettings } from './reader';
import type { ByteSource } from './source';
import { type ReadRows, replayRows } from './verbatim';
import { TextChunker, type TextSink } from '../util/textChunks';

/**
 * Writing CSV for people: fields quoted as RFC 4180 asks, text that a spreadsheet would run as a
 * formula made inert (OWASP "CSV injection"), and the output handed on in chunks of bounded size
 * so no file is ever one string (V8 refuses strings past ~2^29 characters).
 */

/** Quotes a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
export function csvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/**
 * A number as spreadsheets read it, with optional surrounding spaces: an optional sign, digits
 * with `.` or `,` separators (`1,000.5`, a decimal comma `-3,2`), and an optional exponent
 * (`-1e-3`). Such a cell cannot call a function, so it is written unescaped. Not numbers: `-`,
 * `+`, `-inf`, `-0x1`, `-2+3`, `- 3`.
 */
const PLAIN_NUMBER = /^ *[+-]?(?:\d[\d.,]*|[.,]\d[\d.,]*)(?:[eE][+-]?\d+)? *$/;

/** Characters that make a spreadsheet read a cell as a formula when they come first (OWASP, plus NUL as ASVS 1.2.10 lists). */
const FORMULA_START = /^(?:[\t\r\0]|[ \n]*[=+\-@])/;

/**
 * The text with a leading `'` when a spreadsheet would read it as a formula: it starts with `=`,
 * `+`, `-`, `@`, a tab, a carriage return or NUL, or with spaces or line breaks before `=`, `+`,
 * `-` or `@` (some spreadsheets trim them on import). Plain numbers such as `-3.2` stay as they are.
 */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** A cell for a CSV that people open: formula-escaped, then quoted as needed. */
export function csvCell(value: string): string {
  return csvField(formulaSafe(value));
}

/** One CSV line (no line end) of cells for people. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(cells[i]);
  return line;
}

/** Extra columns appended to a table when writing it: a header and a cell getter per row. */
export interface ExtraColumn {
  readonly name: string;
  readonly cell: (row: number) => string;
}

/**
 * Writes the rows of a read CSV, as they were in the file, followed by extra computed columns
 * (predictions), to `write` in chunks of bounded size. The header is the table's column names;
 * each input cell is its original text (leading zeros, offsets, long integers, `NA`, spaces kept),
 * re-read from `source` row by row in step with the table (`replayRows`). Every cell and header
 * is formula-escaped (`formulaSafe`) and quoted as needed; lines end with LF.
 */
export async function writeRowsCsv(
  source: ByteSource,
  read: ReadRows,
  settings: Pick<ReadSettings, 'ragged' | 'sample' | 'seed'>,
  extra: readonly ExtraColumn[],
  write: TextSink,
  chunkChars?: number,
): Promise<void> {
  const chunker = new TextChunker(chunkChars);
  const flush = async () => {
    for (const chunk of chunker.take()) await write(chunk);
  };
  chunker.add(csvLine([...read.table.columns.map((c) => c.name), ...extra.map((e) => e.name)]) + '\n');
  await replayRows(source, read, settings, (fields, row) => {
    let line = csvLine(fields);
    for (const e of extra) line += ',' + csvCell(e.cell(row));
    chunker.add(line + '\n');
  }, flush);
  chunker.end();
  await flush();
}
