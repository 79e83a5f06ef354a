import { parseAnyModelFile } from '../../core/artifact/load';
import type { ReadSettings } from '../../core/ingest/reader';
import { writeFeaturesCsv } from '../../core/prep/featuresCsv';
import { transformPipeline } from '../../core/prep/replay';
import { readCsvFile, readModelFile, writeOut, writeStdout } from '../io';
import type { WorkerPool } from '../parallel';

/**
 * `sapling transform <model.json> <data.csv> [--out features.csv]`: the model file's fitted recipe
 * replayed on the rows (as prediction replays it, with the state learned in training), written as
 * the columns the model sees, named by lineage, to the file or standard output.
 */
export async function transformCommand(modelPath: string, dataPath: string, options: { out?: string; read?: ReadSettings }, pool?: WorkerPool): Promise<void> {
  const file = readModelFile(modelPath, parseAnyModelFile);
  // Columns the model reads keep the kinds it was trained with, as `sapling predict` reads them.
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  const read = await readCsvFile(dataPath, { ...options.read, kinds: { ...options.read?.kinds, ...kinds } }, pool);
  for (const w of read.warnings) console.error(`warning: ${w.message}`);
  const table = transformPipeline(file.pipeline, read.table);
  const features = file.pipeline.features;
  const produce = (write: (chunk: string) => void | Promise<void>) => writeFeaturesCsv(table, features, write);
  if (options.out) {
    await writeOut(options.out, produce);
    console.log(`${table.rowCount} rows × ${features.length} features written to ${options.out}`);
  } else {
    await writeStdout(produce);
  }
}
