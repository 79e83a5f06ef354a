import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, SAPLING_VERSION, type ModelFile } from '../artifact/modelFile';
import { predictionsOf } from '../artifact/predictTable';
import { baselineOf } from '../evaluate/baseline';
import { computeMetrics, evaluationDetails } from '../evaluate/evaluate';
import type { TrainContext } from '../models/definition';
import { getModel } from '../models/registry';
import { type SketchHost, buildReference } from '../monitor/reference';
import { resolveParams } from '../params';
import { cleanRows, fitRecipe, toMatrix, transformPipeline } from '../prep/recipe';
import { trainTestSplit } from '../prep/split';
import { classTarget, isClassification, regressionTarget, validateProblem } from '../problem';
import { type DataTable, concatTables, dropColumns, fingerprintTable, getColumn, selectRows } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import { type Rng, createRng, shuffleInPlace } from '../util/rng';
import type { TrainConfig } from './config';
import type { CvMetrics, TrainReport, ValidationReport } from './report';

/** Hooks for a training run: progress, cancellation, and an injectable clock. */
export type RunContext = Omit<TrainContext, 'rng' | 'onTrainingOutputs'> & {
  /** Called as the run moves through its stages. */
  readonly onStage?: (stage: 'prepare' | 'train' | 'evaluate') => void;
  readonly now?: () => number;
  /** The TF.js backend in use, for the report (networks only; other families report "none"). */
  readonly backend?: string;
  /** Cross-validation progress: fold `fold` of `folds` is starting (before the final fit). */
  readonly onFold?: (fold: number, folds: number) => void;
  /**
   * True for runs whose model file is thrown away (cross-validation folds, tuning trials, curve
   * points): they skip the monitoring reference, which costs ~0.1–0.5 s a run at 100,000 rows.
   */
  readonly nested?: boolean;
  /**
   * Another thread for the training inputs' sketches (the monitoring reference's largest part),
   * made there while this thread scores the test rows; without it (or if it fails) they are made here.
   */
  readonly sketchHost?: SketchHost;
};

/**
 * What a nested run (a cross-validation fold, a tuning trial, a curve's point) inherits of its
 * caller's context: the threads, the backend and Cancel; not the progress callbacks, which belong
 * to the caller's own run.
 */
export function nestedContext(ctx: RunContext): RunContext {
  return { host: ctx.host, backend: ctx.backend, gpuDenseTrainer: ctx.gpuDenseTrainer, shouldStop: ctx.shouldStop, yieldToEvents: ctx.yieldToEvents, nested: true };
}

/**
 * The rows of a run and how they split, as a run draws them: rows without a target (and,
 * if the recipe says, duplicates) dropped, then a seeded (stratified) train/test split, or with
 * `heldOut` every row training and those testing. The same config gives the same split, so a
 * tuner can search on exactly the training rows the final run will use. `rng` has drawn the split
 * and goes on to seed the model.
 */
export function splitForRun(table: DataTable, config: TrainConfig, heldOut?: DataTable) {
  const { problem, recipe } = config;
  const rng = createRng(config.seed);
  const cleaned = cleanRows(table, problem.target, recipe.dropDuplicateRows);
  const cleanedTest = heldOut ? cleanRows(heldOut, problem.target, false) : null;
  const data = cleanedTest ? concatTables(cleaned.table, cleanedTest.table) : cleaned.table;
  const encoded = isClassification(problem.task) ? classTarget(getColumn(data, problem.target)) : null;
  const split = cleanedTest
    ? { train: Int32Array.from({ length: cleaned.table.rowCount }, (_, i) => i), test: Int32Array.from({ length: cleanedTest.table.rowCount }, (_, i) => cleaned.table.rowCount + i) }
    : trainTestSplit(data.rowCount, recipe.testSize, rng, encoded && recipe.stratify ? encoded.y : undefined);
  return { rng, cleaned, data, encoded, split };
}

/** Cross-validates a run's training rows (`runTraining` passes `crossValidate`). */
export type ValidateRows = (trainingRows: DataTable) => Promise<{ metrics: CvMetrics; validation: ValidationReport }>;

/**
 * One training run on one table: clean rows, split (seeded, stratified), fit the pipeline on the
 * training split only, train the model, evaluate on both splits, and package the model file. With
 * `heldOut`, every row of `table` trains and `heldOut` is the test set (no split). `validate`,
 * when given, scores the training rows first (`metrics.cv`); this module never cross-validates by
 * itself, so that cross-validation's folds can run here without an import cycle. Callers want
 * `runTraining`, which passes `crossValidate` when the config asks for it.
 */
export async function singleRun(table: DataTable, config: TrainConfig, ctx: RunContext = {}, heldOut?: DataTable, validate?: ValidateRows): Promise<{ file: ModelFile; report: TrainReport }> {
  const now = ctx.now ?? (() => performance.now());
  const t0 = now();
  const { problem, recipe } = config;
  ctx.onStage?.('prepare');
  validateProblem(table, problem);
  const definition = getModel(config.model.id);
  if (!definition.tasks.includes(problem.task)) {
    throw new SaplingError('model-task', `model "${definition.id}" cannot do ${problem.task} ${problem.task === 'regression' ? '' : 'classification '}(it does: ${definition.tasks.join(', ')})`);
  }
  const params = resolveParams(definition.schema, config.model.params, `model "${definition.id}"`);
  const { rng, cleaned, data, encoded, split } = splitForRun(table, config, heldOut);
  const classes = encoded?.classes ?? [];
  const yAll: Int32Array | Float64Array = encoded ? encoded.y : regressionTarget(getColumn(data, problem.target));
  const ySplit = pick(yAll, split.train);
  const yTest = pick(yAll, split.test);
  if (encoded && new Set(ySplit).size < 2) {
    throw new SaplingError('single-class-target', `the training split has a single class of "${problem.target}"; more rows are needed`);
  }

  // Cross-validation on the training rows only: the test set stays unseen until the end.
  const tcv = now();
  const cv = validate ? await validate(selectRows(data, split.train)) : null;
  const cvMs = now() - tcv;

  const features = dropColumns(data, [problem.target]);
  const trainTable = selectRows(features, split.train);
  const testTable = selectRows(features, split.test);
  // Supervised steps (target encoding, selection) see the training rows' target; steps that remove
  // training rows (duplicates) leave `rows`, and the model trains on those rows' targets. The
  // training matrix is the fit's own output: cross-fitted encodings, not the replayed ones.
  const target = { task: problem.task, y: Float64Array.from(ySplit), classes };
  const fittedRecipe = fitRecipe(trainTable, recipe.steps, { target, seed: config.seed });
  const { pipeline } = fittedRecipe;
  const yTrain = fittedRecipe.rows ? pick(ySplit, fittedRecipe.rows) : ySplit;
  const nTrain = yTrain.length;
  const XTrain = toMatrix(fittedRecipe.train, pipeline.features);
  const XTest = toMatrix(transformPipeline(pipeline, testTable), pipeline.features);
  const d = pipeline.features.length;
  const t1 = now();

  ctx.onStage?.('train');
  let trainOut: Float32Array | undefined;
  const fitted = await definition.fit(
    { X: XTrain, n: nTrain, d, y: Float32Array.from(yTrain), sources: pipeline.features.map((f) => f.source) },
    { task: problem.task, classes },
    params,
    { ...ctx, rng, onTrainingOutputs: (outputs) => (trainOut = outputs) },
  );
  const t2 = now();

  ctx.onStage?.('evaluate');
  // Started first, so the other thread sketches while this one predicts and scores.
  const sketching = ctx.nested ? undefined : ctx.sketchHost?.inputSketches(trainTable, pipeline.inputs).catch(() => undefined);
  const predictor = await definition.load(fitted);
  // Families whose predictions cost in proportion to the training set score a sample of it.
  const sampled = !trainOut && definition.trainMetricsRows && nTrain > definition.trainMetricsRows ? sampleRows(nTrain, definition.trainMetricsRows, rng) : null;
  const yTrainScored = sampled ? pick(yTrain, sampled) : yTrain;
  let testOut: Float32Array;
  try {
    trainOut ??= sampled ? predictor.outputs(rowsOf(XTrain, d, sampled), sampled.length) : predictor.outputs(XTrain, nTrain);
    testOut = predictor.outputs(XTest, split.test.length);
  } finally {
    predictor.dispose();
  }
  const k = classes.length;
  const metrics = { train: computeMetrics(problem.task, yTrainScored, trainOut, k), test: computeMetrics(problem.task, yTest, testOut, k) };
  const fingerprint = fingerprintTable(table);
  // What monitoring compares new rows against: sketches of the training inputs, the test predictions.
  const predictions = predictionsOf({ target: problem.target, task: problem.task, classes }, testOut, split.test.length);
  // Work that does not need the sketches is done before waiting for them.
  const baseline = baselineOf(problem.task, yTrain, yTest, classes);
  const evaluation = evaluationDetails(problem.task, yTest, testOut, classes);
  const sketched = sketching ? await sketching : undefined;
  const monitoring = ctx.nested
    ? undefined
    : buildReference({ inputs: trainTable, inputSchema: pipeline.inputs, task: problem.task, classes, predictions, yTest, metrics: metrics.test, ...(sketched ? { inputSketches: sketched } : {}) });
  const t3 = now();

  const report: TrainReport = {
    task: problem.task,
    target: problem.target,
    model: definition.id,
    params,
    seed: config.seed,
    rows: data.rowCount,
    split: { train: split.train.length, test: split.test.length },
    dropped: { missing_target: cleaned.report.missingTarget, duplicates: cleaned.report.duplicates },
    features: d,
    feature_names: pipeline.features.map((f) => f.name),
    classes,
    metrics: cv ? { ...metrics, cv: cv.metrics } : metrics,
    ...(cv ? { validation: cv.validation } : {}),
    ...(sampled ? { train_metrics_rows: sampled.length } : {}),
    baseline,
    evaluation,
    history: fitted.history,
    stop_reason: fitted.stopReason,
    backend: definition.tfjs ? (ctx.backend ?? 'unknown') : 'none',
    data_fingerprint: fingerprint,
    timings_ms: { prepare: round(t1 - t0 - cvMs), ...(cv ? { cross_validate: round(cvMs) } : {}), train: round(t2 - t1), evaluate: round(t3 - t2), total: round(t3 - t0) },
  };
  const file: ModelFile = {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    saplingVersion: SAPLING_VERSION,
    createdAt: new Date().toISOString(),
    problem: { target: problem.target, task: problem.task, classes },
    inputSchema: pipeline.inputs,
    config: { ...config, model: { id: definition.id, params } },
    dataFingerprint: fingerprint,
    pipeline,
    model: fitted,
    report,
    ...(monitoring ? { monitoring } : {}),
  };
  return { file, report };
}

function pick<T extends Int32Array | Float64Array>(values: T, rows: Int32Array): T {
  const out = new (values.constructor as { new (n: number): T })(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** `count` of the row indices 0 … n − 1, seeded, ascending. */
function sampleRows(n: number, count: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(all, rng);
  return all.slice(0, count).sort();
}

/** The listed rows of a row-major matrix with d columns. */
function rowsOf(X: Float32Array, d: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(X.subarray(r * d, (r + 1) * d), i * d));
  return out;
}
