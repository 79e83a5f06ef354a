import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, SAPLING_VERSION, type UnsupervisedModelFile } from '../artifact/modelFile';
import { predictionsOf } from '../artifact/predictTable';
import type { ModelDefinition } from '../models/definition';
import type { FittedModel } from '../models/model';
import { getModel } from '../models/registry';
import type { MonitorReference } from '../monitor/types';
import type { InputColumn } from '../prep/pipeline';
import { buildReference } from '../monitor/reference';
import { resolveParams } from '../params';
import { cleanRows, fitPipeline, toMatrix, transformPipeline } from '../prep/recipe';
import { type UnsupervisedTask, isUnsupervised } from '../problem';
import { type DataTable, fingerprintTable } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import { createRng } from '../util/rng';
import type { UnsupervisedConfig } from './config';
import type { UnsupervisedReport } from './report';
import type { RunContext } from './singleRun';

/**
 * The path of a model without a target (clustering, projection): clean rows, fit the pipeline and
 * the model on every row (there is nothing to hold out a test set for), summarise what it found
 * (cluster sizes, silhouette, elbow; explained variance) and package the model file.
 */
export async function runUnsupervised(table: DataTable, config: UnsupervisedConfig, ctx: RunContext = {}): Promise<{ file: UnsupervisedModelFile; report: UnsupervisedReport }> {
  const now = ctx.now ?? (() => performance.now());
  const t0 = now();
  ctx.onStage?.('prepare');
  const definition = getModel(config.model.id);
  const task = definition.tasks.find(isUnsupervised);
  if (!task || !definition.summarise) {
    throw new SaplingError('model-task', `model "${definition.id}" needs a target column (it does: ${definition.tasks.join(', ')}); give one with --target`);
  }
  const params = resolveParams(definition.schema, config.model.params, `model "${definition.id}"`);
  const rng = createRng(config.seed);
  const cleaned = cleanRows(table, null, config.recipe.dropDuplicateRows);
  const data = cleaned.table;
  if (data.rowCount === 0) throw new SaplingError('empty-data', 'the data has no rows to learn from');
  const pipeline = fitPipeline(data, config.recipe.steps, { seed: config.seed });
  const X = toMatrix(transformPipeline(pipeline, data), pipeline.features);
  const train = { X, n: data.rowCount, d: pipeline.features.length, y: new Float32Array(0) };
  const t1 = now();

  ctx.onStage?.('train');
  const fitted = await definition.fit(train, { task, classes: [] }, params, { ...ctx, rng });
  const t2 = now();
  ctx.onStage?.('evaluate');
  const summary = await definition.summarise(fitted, train, { ...ctx, rng });
  const fingerprint = fingerprintTable(table);
  const monitoring = await unsupervisedReference(definition, fitted, data, pipeline.inputs, task, X, train.d);
  const t3 = now();

  const report: UnsupervisedReport = {
    task,
    model: definition.id,
    params,
    seed: config.seed,
    rows: data.rowCount,
    dropped: { duplicates: cleaned.report.duplicates },
    features: train.d,
    feature_names: pipeline.features.map((f) => f.name),
    summary,
    stop_reason: fitted.stopReason,
    data_fingerprint: fingerprint,
    timings_ms: { prepare: round(t1 - t0), train: round(t2 - t1), evaluate: round(t3 - t2), total: round(t3 - t0) },
  };
  const file: UnsupervisedModelFile = {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    saplingVersion: SAPLING_VERSION,
    createdAt: new Date().toISOString(),
    problem: { target: null, task, classes: [] },
    inputSchema: pipeline.inputs,
    config: { ...config, task, model: { id: definition.id, params } },
    dataFingerprint: fingerprint,
    pipeline,
    model: fitted,
    report,
    monitoring,
  };
  return { file, report };
}

/** Rows of the training data whose clusters or coordinates make the reference's prediction sketch. */
const PREDICTION_SAMPLE = 10_000;

/**
 * The monitoring reference of a model without a target: the input sketches over every row, and the
 * prediction sketch (clusters, or the first component) over evenly spaced rows, at most
 * PREDICTION_SAMPLE of them (there is no test set, and DBSCAN's prediction costs a neighbour search
 * per row). No metrics, performance or calibration: there is no truth to score against.
 */
async function unsupervisedReference(
  definition: ModelDefinition,
  fitted: FittedModel,
  data: DataTable,
  inputSchema: readonly InputColumn[],
  task: UnsupervisedTask,
  X: Float32Array,
  d: number,
): Promise<MonitorReference> {
  const step = Math.max(1, Math.ceil(data.rowCount / PREDICTION_SAMPLE));
  const rows = Int32Array.from({ length: Math.ceil(data.rowCount / step) }, (_, i) => i * step);
  const sample = step === 1 ? X : Float32Array.from({ length: rows.length * d }, (_, t) => X[rows[Math.floor(t / d)] * d + (t % d)]);
  const predictor = await definition.load(fitted);
  let outputs: Float32Array;
  try {
    outputs = predictor.outputs(sample, rows.length);
  } finally {
    predictor.dispose();
  }
  const predictions = predictionsOf({ target: null, task, classes: [] }, outputs, rows.length);
  return buildReference({ inputs: data, inputSchema, task, classes: [], predictions, yTest: null, metrics: {} });
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
