import { basename } from 'node:path';
import { profileTable } from '../../core/profile/profile';
import { formatProfile } from '../format';
import { readCsvFile, writeOut } from '../io';

/** `sapling profile <data.csv> [--out profile.json] [--target col]`. */
export async function profileCommand(path: string, options: { out?: string; target?: string }): Promise<void> {
  const { table, meta, warnings } = await readCsvFile(path);
  const profile = profileTable(table, { target: options.target });
  const all = { ...profile, warnings: [...warnings, ...profile.warnings] };
  console.log(formatProfile(basename(path), all, meta));
  if (options.out) {
    const json = { rows: all.rows, delimiter: meta.delimiter, encoding: meta.encoding, columns: all.columns, warnings: all.warnings };
    writeOut(options.out, JSON.stringify(json, null, 2) + '\n');
    console.log(`\nprofile written to ${options.out}`);
  }
}
