import { parseAnyModelFile } from '../../core/artifact/load';
import { loadModel, predictionColumns, predictTable } from '../../core/artifact/predict';
import { writeRowsCsv } from '../../core/ingest/writeCsv';
import { fileSource, readCsvFile, readModelFile, writeOut, writeStdout } from '../io';
import type { WorkerPool } from '../parallel';
import type { ReadSettings } from '../../core/ingest/reader';

/**
 * `sapling predict <model.json> <data.csv> [--out predictions.csv]`: the input rows as they are in
 * the file, then the predictions, streamed to the file or standard output.
 */
export async function predictCommand(modelPath: string, dataPath: string, options: { out?: string; read?: ReadSettings }, pool?: WorkerPool): Promise<void> {
  const file = readModelFile(modelPath, parseAnyModelFile);
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  // Columns the model reads keep the kinds it was trained with; the rest are inferred.
  const read = await readCsvFile(dataPath, { ...options.read, kinds: { ...options.read?.kinds, ...kinds } }, pool);
  for (const w of read.warnings) console.error(`warning: ${w.message}`);
  const model = await loadModel(file);
  let predictions;
  try {
    predictions = predictTable(model, read.table);
  } finally {
    model.dispose();
  }
  // The input columns are copied from the file itself (a second read), not from the parsed table.
  const extra = predictionColumns(predictions);
  const produce = (write: (chunk: string) => void | Promise<void>) => writeRowsCsv(fileSource(dataPath), read, options.read ?? {}, extra, write);
  if (options.out) {
    await writeOut(options.out, produce);
    console.log(`${predictions.rows} predictions written to ${options.out}`);
  } else {
    await writeStdout(produce);
  }
}
