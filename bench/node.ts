import { readFileSync } from 'node:fs';
import { initNodeBackend } from '../src/cli/backend';
import { enableRelaxedSimd } from '../src/cli/wasmFeatures';
import { denseKernelVariant } from '../src/core/models/mlp/dense';
import { readCsvText } from '../src/core/ingest/csv';
import { mlpModel } from '../src/core/models/mlp/mlp';
import { resolveParams } from '../src/core/params';
import { toMatrix } from '../src/core/prep/recipe';
import { dropColumns, getColumn } from '../src/core/table/DataTable';
import type { NumericColumn } from '../src/core/table/column';
import { createRng } from '../src/core/util/rng';

/**
 * Per-epoch time of Sapling's MLP (`mlpModel.fit`, as the CLI runs it) in Node, for each batch size,
 * on the dense trainer (what the CLI uses) and on the TF.js loop it replaced.
 */
export async function nodeEpochTimes(csvPath: string, epochs: number, batches: readonly number[]): Promise<{ backend: string; variant: string; dense: number[]; tfjs: number[] }> {
  // As the CLI does (src/cli/main.ts): the dense trainer's relaxed-SIMD kernels where Node has them behind a flag.
  enableRelaxedSimd();
  const backend = await initNodeBackend();
  const table = (await readCsvText(readFileSync(csvPath, 'utf8'))).table;
  const features = dropColumns(table, ['y']);
  const X = toMatrix(features, features.columns.map((c) => ({ name: c.name, source: c.name, sources: [c.name] })));
  const y = Float32Array.from((getColumn(table, 'y') as NumericColumn).values);
  const n = table.rowCount;
  const d = features.columns.length;
  const epochMs = async (batchSize: number, networkTrainer: 'dense' | 'tfjs'): Promise<number> => {
    const params = resolveParams(mlpModel.schema, { epochs, batchSize, earlyStopping: false, l2: 0 });
    const t0 = performance.now();
    await mlpModel.fit({ X, n, d, y }, { task: 'binary', classes: ['0', '1'] }, params, { rng: createRng(1), networkTrainer });
    return (performance.now() - t0) / epochs;
  };
  const dense: number[] = [];
  const tfjs: number[] = [];
  for (const batch of batches) {
    dense.push(await epochMs(batch, 'dense'));
    tfjs.push(await epochMs(batch, 'tfjs'));
  }
  return { backend, variant: denseKernelVariant() === 'relaxed' ? 'relaxed SIMD' : 'SIMD', dense, tfjs };
}
