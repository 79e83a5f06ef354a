import { basename } from 'node:path';
import type { CsvMeta } from '../../core/ingest/reader';
import { type DataProfile, profileTableWith } from '../../core/profile/profile';
import type { DataWarning } from '../../core/warnings';
import type { WorkerPool } from '../parallel';
import { formatProfile } from '../format';
import { readCsvFile, writeOut } from '../io';

/** `sapling profile <data.csv> [--out profile.json] [--target col]`. */
export async function profileCommand(path: string, options: { out?: string; target?: string }, pool: WorkerPool): Promise<void> {
  const { table, meta, warnings } = await readCsvFile(path, {}, pool);
  const profile = await profileTableWith(table, { target: options.target }, pool);
  report(path, options, profile, meta, warnings);
}

function report(path: string, options: { out?: string }, profile: DataProfile, meta: CsvMeta, warnings: readonly DataWarning[]): void {
  const all = { ...profile, warnings: [...warnings, ...profile.warnings] };
  console.log(formatProfile(basename(path), all, meta));
  if (options.out) {
    const json = { rows: all.rows, delimiter: meta.delimiter, encoding: meta.encoding, columns: all.columns, warnings: all.warnings };
    writeOut(options.out, JSON.stringify(json, null, 2) + '\n');
    console.log(`\nprofile written to ${options.out}`);
  }
}
