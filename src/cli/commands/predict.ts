import { parseAnyModelFile } from '../../core/artifact/load';
import { loadModel, predictionColumns, predictTable } from '../../core/artifact/predict';
import { tableToCsv } from '../../core/ingest/writeCsv';
import { getModelInfo } from '../../core/models/info';
import { readCsvFile, readModelFile, writeOut } from '../io';
import type { WorkerPool } from '../parallel';
import type { ReadSettings } from '../../core/ingest/reader';

/** `sapling predict <model.json> <data.csv> [--out predictions.csv]`. */
export async function predictCommand(modelPath: string, dataPath: string, options: { out?: string; read?: ReadSettings }, tfjsBackend: () => Promise<string>, pool?: WorkerPool): Promise<void> {
  const file = readModelFile(modelPath, parseAnyModelFile);
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  // Columns the model reads keep the kinds it was trained with; the rest are inferred.
  const { table, warnings } = await readCsvFile(dataPath, { ...options.read, kinds: { ...options.read?.kinds, ...kinds } }, pool);
  for (const w of warnings) console.error(`warning: ${w.message}`);
  if (getModelInfo(file.model.model).tfjs) await tfjsBackend();
  const model = await loadModel(file);
  try {
    const predictions = predictTable(model, table);
    const csv = tableToCsv(table, predictionColumns(predictions));
    if (options.out) {
      writeOut(options.out, csv);
      console.log(`${predictions.rows} predictions written to ${options.out}`);
    } else {
      process.stdout.write(csv);
    }
  } finally {
    model.dispose();
  }
}
