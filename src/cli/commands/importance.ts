import { basename } from 'node:path';
import { parseModelFile } from '../../core/artifact/load';
import { loadModel } from '../../core/artifact/predict';
import { permutationImportance } from '../../core/explain/permutation';
import { DEFAULT_SEED } from '../../core/train/config';
import { createRng } from '../../core/util/rng';
import { num, table } from '../format';
import { readCsvFile, readModelFile, writeJson } from '../io';
import { wholeOption } from '../options';
import type { WorkerPool } from '../parallel';
import type { ReadSettings } from '../../core/ingest/reader';

/**
 * `sapling importance <model.json> <data.csv> [--repeats N] [--seed N] [--out importance.json]`:
 * permutation importance of a model with a target on rows that hold the target (best on rows it
 * did not train on, such as a test file).
 */
export async function importanceCommand(modelPath: string, dataPath: string, options: { out?: string; repeats?: string; seed?: string; read?: ReadSettings }, pool?: WorkerPool): Promise<void> {
  const file = readModelFile(modelPath, parseModelFile);
  const repeats = wholeOption('--repeats', options.repeats, 5, 1);
  const seed = wholeOption('--seed', options.seed, DEFAULT_SEED, 1);
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  const { table: data } = await readCsvFile(dataPath, { ...options.read, kinds: { ...options.read?.kinds, ...kinds } }, pool);
  const model = await loadModel(file);
  try {
    const result = permutationImportance(model, data, repeats, createRng(seed));
    const metric = result.metric === 'r2' ? 'R²' : 'accuracy';
    console.log(`permutation importance of ${file.model.model} on ${basename(dataPath)}: ${result.rows} rows, ${repeats} shuffles per column, ${metric} ${num(result.baseline)} unshuffled\n`);
    const top = Math.max(...result.columns.map((c) => c.mean), 1e-12);
    const rows = [['column', `${metric} drop (mean ± std)`, '']];
    for (const c of result.columns) rows.push([c.column, `${num(c.mean)} ± ${num(c.std)}`, '█'.repeat(Math.max(0, Math.round((20 * c.mean) / top)))]);
    console.log(table(rows));
    if (options.out) {
      await writeJson(options.out, result);
      console.log(`\nwritten to ${options.out}`);
    }
  } finally {
    model.dispose();
  }
}
