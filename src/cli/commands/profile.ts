import { basename } from 'node:path';
import type { CsvMeta, ReadSettings } from '../../core/ingest/reader';
import { targetRelations } from '../../core/profile/association';
import { leakageWarnings } from '../../core/profile/warnings';
import { resolveProblem } from '../../core/problem';
import { type DataProfile, profileTableWith } from '../../core/profile/profile';
import type { DataWarning } from '../../core/warnings';
import type { WorkerPool } from '../parallel';
import { formatProfile } from '../format';
import { readCsvFile, writeJson } from '../io';

/** `sapling profile <data.csv> [--out profile.json] [--target col]`. */
export async function profileCommand(path: string, options: { out?: string; target?: string; read?: ReadSettings }, pool: WorkerPool): Promise<void> {
  const { table, meta, warnings } = await readCsvFile(path, options.read ?? {}, pool);
  const profile = await profileTableWith(table, { target: options.target }, pool);
  const extra: DataWarning[] = [];
  if (options.target) {
    // With a target, also say which features give it away.
    const problem = resolveProblem(table, options.target);
    extra.push(...leakageWarnings(targetRelations(table, problem.target, problem.task), problem.target));
  }
  await report(path, options, { ...profile, warnings: [...profile.warnings, ...extra] }, meta, warnings);
}

async function report(path: string, options: { out?: string }, profile: DataProfile, meta: CsvMeta, warnings: readonly DataWarning[]): Promise<void> {
  const all = { ...profile, warnings: [...warnings, ...profile.warnings] };
  console.log(formatProfile(basename(path), all, meta));
  if (options.out) {
    const json = { rows: all.rows, delimiter: meta.delimiter, encoding: meta.encoding, columns: all.columns, warnings: all.warnings };
    await writeJson(options.out, json);
    console.log(`\nprofile written to ${options.out}`);
  }
}
