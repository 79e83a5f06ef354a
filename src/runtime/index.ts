/**
 * Sapling's prediction runtime: a model file in, predictions out, with no TF.js, no training code and
 * no UI. Built by `npm run build` into `dist/runtime/sapling-runtime.js`, one ES module with no
 * imports; the CLI's `serve` and the one-file prediction page use the same code.
 *
 *   const model = await loadModel(json);
 *   model.predict([{ bill_length_mm: 39.1, island: 'Torgersen' }]);
 *   // → [{ prediction: 'Adelie', proba_Adelie: 0.98, … }]
 */
import { validateModelFile } from '../core/artifact/load';
import type { AnyModelFile } from '../core/artifact/modelFile';
import { type Predictions, predictMatrix, predictTable } from '../core/artifact/predictTable';
import { numericPlan } from '../core/prep/numericPlan';
import { SaplingError } from '../core/util/errors';
import { roundSignificant } from '../core/util/significant';
import { loadPredictor } from './predictors';
import { planMatrix, rowsToTable } from './rows';
import type * as Api from './types';

export type { ColumnKind, InputRow, InputSchemaColumn, ModelFileData, OutputRow, OutputValue, Task } from './types';

/** A loaded model, ready to predict (its `file` typed as the core's model file). */
export type SaplingModel = Api.SaplingModel<AnyModelFile>;

export { SaplingError };

/**
 * Loads a Sapling model file (its JSON text or the parsed object) of any family and any version this
 * Sapling reads; a file that is not one gets the same clear error as the CLI.
 */
export async function loadModel(json: string | object): Promise<SaplingModel> {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new SaplingError('bad-model-file', `not a Sapling model file: it is not valid JSON (${(e as Error).message})`);
    }
  }
  const file = validateModelFile(data);
  // The runtime's own family map (predictors.ts), not the core registry: no fitting code, no TF.js.
  const predictor = await loadPredictor(file.model);
  const loaded = { file, predictor, dispose: () => predictor.dispose() };
  const classes = file.problem.classes;
  const task = file.problem.task;
  const outputColumns = outputColumnsOf(file);
  const plan = numericPlan(file.pipeline);
  return {
    task,
    classes,
    target: file.problem.target,
    inputSchema: file.inputSchema.map((c) => ({ name: c.name, kind: c.kind })),
    outputColumns,
    family: file.model.model,
    threshold: 'decision' in file && file.decision ? file.decision.threshold : null,
    file,
    predict(rows) {
      // Rows of finite numbers for a pipeline that only rescales go straight into the matrix.
      const X = plan && planMatrix(rows, plan);
      if (X && rows.length > 0) return outputRows(predictMatrix(loaded, X, rows.length));
      const table = rowsToTable(rows, file.pipeline.inputs);
      if (table.rowCount === 0) return [];
      return outputRows(predictTable(loaded, table));
    },
  };
}

/** The prediction columns of a model file, as `sapling predict` appends them. */
function outputColumnsOf(file: AnyModelFile): string[] {
  const task = file.problem.task;
  if (task === 'clustering') return ['cluster'];
  if (task === 'projection') {
    const k = (file.model.state as { nComponents: number }).nComponents;
    return Array.from({ length: k }, (_, i) => `pc${i + 1}`);
  }
  if (task === 'regression') return ['prediction'];
  return ['prediction', ...file.problem.classes.map((c) => `proba_${c}`)];
}

/**
 * Predictions as row objects, numbers rounded as the CLI's CSV prints them (probabilities to 6
 * significant digits, values and coordinates to 7, about what float32 carries), so the runtime, the
 * server and `sapling predict` agree to the digit.
 */
function outputRows(p: Predictions): Api.OutputRow[] {
  const out: Api.OutputRow[] = new Array(p.rows);
  const k = p.classes.length;
  // Column names made once: a name built per row is a new string every row, and storing under it
  // costs more than the prediction (measured: 150 ms of 440 for 100,000 rows).
  const probaKeys = p.classes.map((c) => `proba_${c}`);
  const pcKeys = Array.from({ length: p.components ?? 0 }, (_, c) => `pc${c + 1}`);
  for (let i = 0; i < p.rows; i++) {
    const row: Api.OutputRow = {};
    if (p.clusters) row.cluster = p.clusters[i];
    else if (p.projection) {
      const m = pcKeys.length;
      for (let c = 0; c < m; c++) row[pcKeys[c]] = roundSignificant(p.projection[i * m + c], 7);
    } else if (p.values) row.prediction = roundSignificant(p.values[i], 7);
    else {
      row.prediction = p.labels?.[i] ?? '';
      for (let j = 0; j < k; j++) row[probaKeys[j]] = roundSignificant(p.proba?.[i * k + j] ?? NaN, 6);
    }
    out[i] = row;
  }
  return out;
}
