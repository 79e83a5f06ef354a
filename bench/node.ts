import { readFileSync } from 'node:fs';
import { initNodeBackend } from '../src/cli/backend';
import { readCsvText } from '../src/core/ingest/csv';
import { modelFitEpochMs } from './referenceModel';
import { mlpModel } from '../src/core/models/mlp/mlp';
import { resolveParams } from '../src/core/params';
import { toMatrix } from '../src/core/prep/recipe';
import { dropColumns, getColumn } from '../src/core/table/DataTable';
import type { NumericColumn } from '../src/core/table/column';
import { createRng } from '../src/core/util/rng';

/** Per-epoch time of Sapling's MLP loop and of `model.fit`, same network and batch size, in Node. */
export async function nodeEpochTimes(csvPath: string, epochs: number, batchSize: number): Promise<{ backend: string; saplingMs: number; fitMs: number }> {
  const backend = await initNodeBackend();
  const table = (await readCsvText(readFileSync(csvPath, 'utf8'))).table;
  const features = dropColumns(table, ['y']);
  const X = toMatrix(features, features.columns.map((c) => ({ name: c.name, source: c.name, sources: [c.name] })));
  const y = Float32Array.from((getColumn(table, 'y') as NumericColumn).values);
  const n = table.rowCount;
  const d = features.columns.length;
  const params = resolveParams(mlpModel.schema, { epochs, batchSize, earlyStopping: false, l2: 0 });

  const t0 = performance.now();
  await mlpModel.fit({ X, n, d, y }, { task: 'binary', classes: ['0', '1'] }, params, { rng: createRng(1) });
  const saplingMs = (performance.now() - t0) / epochs;

  const fitMs = await modelFitEpochMs(X, y, n, d, epochs, batchSize);
  return { backend, saplingMs, fitMs };
}
