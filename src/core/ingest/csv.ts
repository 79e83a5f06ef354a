import Papa from 'papaparse';
import { type DataTable, createTable } from '../table/DataTable';
import type { Column, ColumnKind } from '../table/column';
import { buildColumn, inferKind } from '../table/infer';
import { SaplingError } from '../util/errors';
import { MAX_WARNING_LINES, type DataWarning } from '../warnings';
import { type TextEncoding, decodeBytes } from './decode';
import { sniffDelimiter } from './dialect';

/** Choices a person (or the model file's input schema) can impose on reading a CSV. */
export interface CsvReadOptions {
  /** Field delimiter; guessed from the first lines when absent. */
  readonly delimiter?: string;
  /** Text encoding; detected (BOM, UTF-8 validity, Windows-1252 fallback) when absent. */
  readonly encoding?: TextEncoding;
  /** Column kinds to use instead of inferring them, by column name. */
  readonly kinds?: Readonly<Record<string, ColumnKind>>;
  /** Progress callback, called with the fraction of the text parsed. */
  readonly onProgress?: (fraction: number) => void;
}

/** What reading a CSV found out besides the table itself. */
export interface CsvMeta {
  readonly delimiter: string;
  readonly encoding: TextEncoding;
  readonly linebreak: string;
  /** Data rows in the file (excluding the header and blank lines). */
  readonly rowsInFile: number;
  /** Rows dropped because their field count did not match the header. */
  readonly rowsDropped: number;
}

/** A table read from CSV, with how it was read and what went wrong along the way. */
export interface CsvReadResult {
  readonly table: DataTable;
  readonly meta: CsvMeta;
  readonly warnings: DataWarning[];
}

/** Reads CSV file bytes: decode, detect the dialect, parse, infer column kinds. */
export function readCsvBytes(bytes: Uint8Array, options: CsvReadOptions = {}): CsvReadResult {
  const { text, encoding } = decodeBytes(bytes, options.encoding);
  return readCsvText(text, { ...options, encoding });
}

/** Reads CSV text (already decoded). Throws a user-facing error when there is nothing to read. */
export function readCsvText(text: string, options: CsvReadOptions = {}): CsvReadResult {
  if (text.trim().length === 0) throw new SaplingError('empty-file', 'the file is empty (no text in it)');
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const warnings: DataWarning[] = [];

  let header: string[] | null = null;
  let raw: string[][] = [];
  let rowsInFile = 0;
  const raggedLines: number[] = [];
  let raggedCount = 0;
  // Physical line bookkeeping: newlines counted up to `scanned`, so each row's first line is known.
  let scanned = 0;
  let newlinesBefore = 0;
  let lastProgress = 0;

  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (row) => {
      const cursor = row.meta.cursor;
      const startLine = newlinesBefore + 1;
      for (let i = scanned; i < cursor; i++) if (text.charCodeAt(i) === 10) newlinesBefore++;
      scanned = cursor;
      const fields = row.data;
      if (fields.length === 1 && fields[0] === '') return; // blank line
      if (header === null) {
        header = fields;
        raw = header.map(() => []);
        return;
      }
      rowsInFile++;
      if (fields.length !== header.length) {
        raggedCount++;
        if (raggedLines.length < MAX_WARNING_LINES) raggedLines.push(startLine);
        return;
      }
      for (let c = 0; c < fields.length; c++) raw[c].push(fields[c]);
      if (options.onProgress && cursor - lastProgress > 1 << 20) {
        lastProgress = cursor;
        options.onProgress(cursor / text.length);
      }
    },
  });

  const headerRow = header as string[] | null;
  if (headerRow === null) throw new SaplingError('empty-file', 'the file has no rows');
  if (rowsInFile === 0) {
    throw new SaplingError(
      'no-data-rows',
      `the file has a header row (${headerRow.length} column${headerRow.length === 1 ? '' : 's'}) but no data rows`,
    );
  }
  if (raggedCount > 0) {
    warnings.push({
      code: 'ragged-rows',
      message:
        `${raggedCount} row${raggedCount === 1 ? '' : 's'} had a different number of fields than the header ` +
        `(${headerRow.length}) and ${raggedCount === 1 ? 'was' : 'were'} dropped; first at line${raggedLines.length === 1 ? '' : 's'} ` +
        raggedLines.slice(0, 10).join(', '),
      lines: raggedLines,
    });
  }
  if (rowsInFile === raggedCount) {
    throw new SaplingError(
      'no-data-rows',
      `none of the ${rowsInFile} data rows has the header's ${headerRow.length} fields (first bad line ${raggedLines[0]}); ` +
        'is the delimiter right?',
    );
  }

  const names = uniqueNames(headerRow, warnings);
  const columns: Column[] = names.map((name, c) => {
    const kind = options.kinds?.[name] ?? inferKind(raw[c]);
    const { column, invalid } = buildColumn(name, raw[c], kind);
    if (invalid > 0) {
      warnings.push({
        code: 'invalid-values',
        column: name,
        message: `column "${name}": ${invalid} value${invalid === 1 ? '' : 's'} could not be read as ${kind} and ${invalid === 1 ? 'is' : 'are'} treated as missing`,
      });
    }
    return column;
  });
  options.onProgress?.(1);
  return {
    table: createTable(columns),
    meta: {
      delimiter,
      encoding: options.encoding ?? 'utf-8',
      linebreak: parsed.meta.linebreak,
      rowsInFile,
      rowsDropped: raggedCount,
    },
    warnings,
  };
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
    warnings.push({
      code: 'renamed-headers',
      message: `empty or repeated header names were renamed: ${renamed.join(', ')}`,
      lines: [1],
    });
  }
  return names;
}
