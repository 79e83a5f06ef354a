import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type CsvReadOptions, type CsvReadResult, readCsvBytes } from '../core/ingest/csv';
import { SaplingError } from '../core/util/errors';

/** Reads a file's bytes, turning file-system failures into one-line user errors. */
export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new SaplingError('cannot-read', `cannot read ${path}: ${why}`);
  }
}

/** Reads a CSV file; errors name the file. */
export function readCsvFile(path: string, options: CsvReadOptions = {}): CsvReadResult {
  const bytes = readBytes(path);
  try {
    return readCsvBytes(bytes, options);
  } catch (e) {
    if (e instanceof SaplingError) throw new SaplingError(e.code, `${basename(path)}: ${e.message}`);
    throw e;
  }
}

/** Writes text or bytes, turning file-system failures into one-line user errors. */
export function writeOut(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new SaplingError('cannot-write', `cannot write ${path}: ${(e as Error).message}`);
  }
}
