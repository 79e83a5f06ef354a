import { type CsvReadOptions, type CsvReadResult, readCsv } from './reader';
import { bytesSource } from './source';

export type { CsvMeta, CsvReadOptions, CsvReadResult, IngestProgress } from './reader';

/** Reads CSV bytes already in memory (tests, small uploads); files stream through `readCsv`. */
export function readCsvBytes(bytes: Uint8Array, options: CsvReadOptions = {}, name = 'data.csv'): Promise<CsvReadResult> {
  return readCsv(bytesSource(bytes, name), options);
}

/** Reads CSV text (tests and examples). */
export function readCsvText(text: string, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  return readCsvBytes(new TextEncoder().encode(text), options);
}
