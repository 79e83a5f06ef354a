import { parseAnyModelFile } from '../core/artifact/load';
import { type AnyModelFile, isUnsupervisedFile } from '../core/artifact/modelFile';
import { loadModel, predictionColumns, predictTable, usingModel } from '../core/artifact/predict';
import { type RowMap, colourSeries, evenRows, mapRows } from '../core/artifact/rowMap';
import { tfjsPair } from '../core/artifact/tfjsPair';
import { type TreeDescription, describeFittedTree, fittedTrees } from '../core/models/trees/describe';
import type { CurveRange } from '../core/explain/curveRange';
import { readCsv } from '../core/ingest/reader';
import { blobSource } from '../core/ingest/source';
import { writeRowsCsv } from '../core/ingest/writeCsv';
import type { DataTable } from '../core/table/DataTable';
import { displayCell } from '../core/table/column';
import type { TrainConfig, UnsupervisedConfig } from '../core/train/config';
import { runTraining } from '../core/train/runTraining';
import { type AutoOptions, autoReport, chooseForRun } from '../core/tune/auto';
import { type TuneOptions, tuneAndTrain } from '../core/tune/tune';
import { runUnsupervised } from '../core/train/runUnsupervised';
import { CancelledError, SaplingError } from '../core/util/errors';
import { jsonChunks } from '../core/util/jsonChunks';
import { blobFromChunks, writeAll } from '../core/util/textChunks';
import { isClassification } from '../core/problem';
import { getModelInfo } from '../core/models/info';
import type { EpochLog } from '../core/models/model';
import { type BackendName, type BackendReport, chooseBackend, switchBackend } from './backend';
import { createGpuDenseTrainer } from './gpuDense';
import { type JobProgress, type ModelSummary, type PredictionResult, ROW_MAP_SAMPLE, type RowMapResult } from './protocol';
import { ModelReadings } from './modelReadings';
import { MonitorJobs } from './monitorJobs';
import { monitorTable } from '../core/monitor/monitorTable';
import { PartPool } from './partPool';
import { PrepareJobs } from './prepareJobs';
import { DataJobs, PREVIEW_ROWS, browserMemoryBudget } from './dataJobs';
import { featureSources } from '../core/prep/featureSources';
import { createYield } from './yieldToEvents';

/**
 * The engine that lives in the worker: it holds the current model, with the loaded table in its
 * data module (`engine.data`), and exposes core functions to the page. Long calls take a progress callback and honour `cancel()`.
 */

export class Engine {
  private model: AnyModelFile | null = null;
  /** The rows of the last predicted file, kept so a row of its preview can be explained ("why?"). */
  private predicted: DataTable | null = null;
  /** The 2-D map of the current model over the loaded table, kept while both stay the same. */
  private rowMap: { model: AnyModelFile; table: DataTable; map: RowMap } | null = null;
  private backend: BackendReport | null = null;
  /** Counts Cancel presses: a job stops once the count differs from the one it started with (see `startJob`). */
  private cancels = 0;
  private readonly parts = new PartPool();
  private readonly yieldToEvents = createYield();
  /** The loaded table, a module of its own: the page calls `engine.data.…`. */
  readonly data = new DataJobs({ parts: this.parts, yieldToEvents: this.yieldToEvents, startJob: () => this.startJob() });
  private readonly readings = new ModelReadings({
    table: () => this.data.table(),
    requireTable: () => this.data.requireTable(),
    model: () => this.model,
    predicted: () => this.predicted,
    startJob: () => this.startJob(),
    runContext: (stopped) => this.runContext(stopped),
  });
  /** Monitoring and retraining (issue 14), a module of its own: the page calls `engine.monitor.…`. */
  readonly monitor = new MonitorJobs({
    model: () => this.model, table: () => this.data.table(), tableName: () => this.data.fileName() ?? 'the loaded data', startJob: () => this.startJob(), runContext: (stopped) => this.runContext(stopped),
    readOptions: () => ({ memoryBudget: browserMemoryBudget() }), summarise: (file, name) => summarise(file, 'trained', name), becomeCurrent: (file) => this.becomeCurrent(file),
  }, monitorTable);

  /** Prepare's recipe preview and prepared data set (issue 15): the page calls `engine.prepare.…`. */
  readonly prepare = new PrepareJobs(() => this.data.requireTable());

  /** Picks the fastest TF.js backend on this device (or `preferred`). */
  async initBackend(preferred?: BackendName): Promise<BackendReport> {
    this.backend = await chooseBackend(preferred);
    return this.backend;
  }

  /** Switches to another backend. */
  async setBackend(name: BackendName): Promise<BackendReport> {
    this.backend = this.backend ? await switchBackend(name, this.backend) : await chooseBackend(name);
    return this.backend;
  }

  /** Asks the running jobs to stop at their next check (between batches). */
  cancel(): void {
    this.cancels++;
  }

  /**
   * A job's stop check: true once Cancel was pressed after the job started. Each job has its own,
   * so a job starting never clears a Cancel meant for one still running (a single flag did).
   */
  private startJob(): () => boolean {
    const at = this.cancels;
    return () => this.cancels !== at;
  }

  /** Trains on the loaded table; the result becomes the current model. */
  async train(config: TrainConfig, onProgress: (p: JobProgress) => void): Promise<ModelSummary> {
    const table = this.data.requireTable();
    const stopped = this.startJob();
    const epochs = epochSender(onProgress);
    const { file } = await runTraining(table, config, {
      ...this.runContext(stopped),
      onStage: (stage) => onProgress({ kind: 'stage', stage }),
      onFold: (fold, folds) => onProgress({ kind: 'stage', stage: `cross-validating: fold ${fold} of ${folds}`, fraction: (fold - 1) / folds }),
      onEpoch: epochs.add,
    }).finally(epochs.flush);
    if (stopped()) throw new CancelledError();
    this.becomeCurrent(file);
    return summarise(file, 'trained', `${config.model.id} → ${config.problem.target}`);
  }

  /**
   * Auto on the loaded table: compares the families and tunes the leaders on the training rows,
   * then trains the winner (live chart and all); the report says how it chose.
   */
  async trainAuto(config: TrainConfig, options: AutoOptions, onProgress: (p: JobProgress) => void): Promise<ModelSummary> {
    const table = this.data.requireTable();
    const stopped = this.startJob();
    const epochs = epochSender(onProgress);
    const common = this.runContext(stopped);
    const started = performance.now();
    const fraction = () => Math.min(0.99, (performance.now() - started) / options.budgetMs);
    // The status says which model Auto is trying and the best score so far (with whose it is).
    const label = (id: string) => getModelInfo(id).label;
    const metric = isClassification(config.problem.task) ? 'accuracy' : 'R²';
    let lead: { model: string; score: number } | undefined;
    const running: string[] = [];
    let tries = 0;
    const say = (doing: string) => onProgress({ kind: 'stage', stage: `${doing}${lead ? `; best so far ${label(lead.model)}, ${metric} ${lead.score.toFixed(4)}` : ''}`, fraction: fraction() });
    const better = (model: string, score: number) => {
      if (!Number.isNaN(score) && score > (lead?.score ?? -Infinity)) lead = { model, score };
    };
    const result = await chooseForRun(table, config, options, {
      ...common,
      onTry: (model, phase) => {
        if (phase === 'compare') running.push(model);
        else tries = 0;
        say(phase === 'compare' ? `Trying ${label(model)} with its default settings` : `Trying tuned settings of ${label(model)}`);
      },
      onRow: (row) => {
        running.splice(running.indexOf(row.model), 1);
        better(row.model, row.score);
        // Families run side by side: while another is still being compared, say that one.
        const still = running.at(-1);
        say(still ? `Trying ${label(still)} with its default settings` : `Compared ${row.label}: ${Number.isNaN(row.score) ? 'failed' : row.score.toFixed(4)}`);
      },
      onTrial: (trial) => {
        better(trial.model, trial.score);
        say(`Trying tuned settings of ${label(trial.model)}: ${++tries} tried`);
      },
    });
    if (stopped()) throw new CancelledError();
    const { winner } = result;
    const { file, report } = await runTraining(table, { ...config, model: { id: winner.model, params: winner.params } }, {
      ...common,
      onStage: (stage) => onProgress({ kind: 'stage', stage: `Training the winner, ${label(winner.model)}: ${stage}` }),
      onEpoch: epochs.add,
    }).finally(epochs.flush);
    if (stopped()) throw new CancelledError();
    const withAuto = { ...report, auto: autoReport(result, options) };
    const chosen = { ...file, report: withAuto };
    this.becomeCurrent(chosen);
    return summarise(chosen, 'trained', `auto → ${winner.model} → ${config.problem.target}`);
  }

  /**
   * Tunes the configured model on the loaded table's training rows (each trial streamed as it is
   * scored), then trains the best settings on all training rows and tests them once.
   */
  async tune(config: TrainConfig, options: TuneOptions, onProgress: (p: JobProgress) => void): Promise<ModelSummary> {
    const table = this.data.requireTable();
    const stopped = this.startJob();
    const epochs = epochSender(onProgress);
    const common = this.runContext(stopped);
    const started = performance.now();
    // The share of the work done: of the time budget, or of the trials (halving's later rounds add a few).
    const fraction = (trials: number) => Math.min(0.99, options.budgetMs ? (performance.now() - started) / options.budgetMs : trials / options.trials);
    let scored = 0;
    const { file: tuned } = await tuneAndTrain(table, config, options, {
      ...common,
      onTrial: (trial) => onProgress({ kind: 'trial', trial, fraction: fraction(++scored) }),
      onStage: (stage) => onProgress({ kind: 'stage', stage: `training the best settings: ${stage}` }),
      onEpoch: epochs.add,
    }).finally(epochs.flush);
    this.becomeCurrent(tuned);
    return summarise(tuned, 'trained', `tuned ${config.model.id} → ${config.problem.target}`);
  }

  /** Permutation importance of the current model on its test rows (see `ModelReadings`). */
  permutationImportance(repeats: number) {
    return this.readings.permutationImportance(repeats);
  }

  /** The learning curve of the current model's config on its training rows. */
  learningCurve(folds: number, onProgress: (p: JobProgress) => void) {
    return this.readings.learningCurve(folds, onProgress);
  }

  /** The current model's validation curve over one of its tunable settings. */
  validationCurve(param: string, folds: number, range: CurveRange | undefined, onProgress: (p: JobProgress) => void) {
    return this.readings.validationCurve(param, folds, range, onProgress);
  }

  /** Why the model predicted row `row` of the last predicted file. */
  explainPrediction(row: number) {
    return this.readings.explainPrediction(row);
  }

  /** Partial dependence and ICE of the current model on `column`. */
  dependence(column: string) {
    return this.readings.dependence(column);
  }

  /** A new current model; the last predictions (and their "why?") belonged to the one before. */
  private becomeCurrent(file: AnyModelFile): void {
    this.model = file;
    this.predicted = null;
  }

  /** Threads, backend and Cancel of the engine's runs (progress callbacks are each run's own). */
  private runContext(stopped: () => boolean) {
    // Networks train on the fused WebGPU trainer only where the probe chose a hardware WebGPU adapter.
    const realGpu = this.backend?.active === 'webgpu' && this.backend.candidates.some((c) => c.name === 'webgpu' && c.available && !c.software);
    return { host: this.parts, backend: this.backend?.active, shouldStop: stopped, yieldToEvents: this.yieldToEvents, ...(realGpu ? { gpuDenseTrainer: createGpuDenseTrainer } : {}) };
  }

  /**
   * Saves a binary model's decision threshold in the current model (its file, exports and
   * predictions use it); null goes back to the more probable class.
   */
  setThreshold(threshold: number | null): number | null {
    const file = this.model;
    if (!file || isUnsupervisedFile(file) || file.problem.task !== 'binary') throw new SaplingError('not-binary', 'only a model with two classes has a decision threshold');
    if (threshold !== null && !(threshold >= 0 && threshold <= 1)) throw new SaplingError('bad-param', `a threshold is between 0 and 1, got ${threshold}`);
    const { decision: _old, ...rest } = file;
    this.model = threshold === null ? rest : { ...rest, decision: { threshold } };
    return threshold;
  }

  /** Fits a model without a target (clustering, projection) on every loaded row; it becomes the current model. */
  async trainUnsupervised(config: UnsupervisedConfig, onProgress: (p: JobProgress) => void): Promise<ModelSummary> {
    const table = this.data.requireTable();
    const stopped = this.startJob();
    const { file } = await runUnsupervised(table, config, {
      host: this.parts,
      onStage: (stage) => onProgress({ kind: 'stage', stage }),
      shouldStop: () => stopped(),
      yieldToEvents: this.yieldToEvents,
    });
    if (stopped()) throw new CancelledError();
    this.becomeCurrent(file);
    return summarise(file, 'trained', `${config.model.id} (${config.task})`);
  }

  /**
   * A sample of the loaded rows (at most 2,000, evenly spaced) placed in 2-D for the current model
   * without a target, with their clusters, coloured by column `colourBy` when given. The positions
   * are computed once per model and table; another colour only reads the column.
   */
  async mapRows(colourBy: string | null): Promise<RowMapResult> {
    const table = this.data.requireTable();
    const file = this.requireModel();
    if (!isUnsupervisedFile(file)) throw new SaplingError('model-task', 'the 2-D map of the rows is for clustering and projection models');
    if (this.rowMap?.model !== file || this.rowMap.table !== table) {
      this.rowMap = { model: file, table, map: await usingModel(file, (model) => mapRows(model, table, evenRows(table.rowCount, ROW_MAP_SAMPLE))) };
    }
    const { map } = this.rowMap;
    return { ...map, totalRows: table.rowCount, colour: colourBy === null ? null : colourSeries(table, colourBy, map.rows) };
  }

  /** Tree `index` of the current model (a tree model) in the data's terms, cut to its first levels if large. */
  describeTree(index: number): TreeDescription {
    const file = this.requireModel();
    if (isUnsupervisedFile(file)) throw new SaplingError('no-tree', `a ${file.model.model} model has no trees`);
    return describeFittedTree(file.model, file.pipeline, index);
  }

  /** The current model file as a JSON Blob, for download (written in chunks: a model may exceed a string's limit). */
  async exportModel(): Promise<Blob> {
    const file = this.requireModel();
    return blobFromChunks((write) => writeAll(jsonChunks(file), write), 'application/json');
  }

  /** The current model as a TF.js pair: `model.json` text and `weights.bin` bytes (transferred). */
  exportTfjs(): { modelJson: string; weights: Uint8Array } {
    const file = this.requireModel();
    if (isUnsupervisedFile(file)) throw new SaplingError('no-tfjs', `a ${file.model.model} model is not a neural network; use the Sapling model file`);
    const pair = tfjsPair(file);
    return { modelJson: JSON.stringify(pair.modelJson, null, 2), weights: pair.weights };
  }

  /** Reads a model file; it becomes the current model. The previous one stays if this fails. */
  async importModel(file: Blob & { name?: string }): Promise<ModelSummary> {
    const parsed = parseAnyModelFile(await file.text());
    // Loading checks that the network deserialises before the file replaces the current model.
    (await loadModel(parsed)).dispose();
    this.becomeCurrent(parsed);
    return summarise(parsed, 'imported', file.name ?? 'model.json');
  }

  /**
   * Predicts every row of a CSV with the current model. The CSV for download is a Blob written in
   * chunks: the file's rows as they were written, read again, then the predictions.
   */
  async predict(file: Blob & { name?: string }, onProgress: (p: JobProgress) => void): Promise<PredictionResult> {
    const modelFile = this.requireModel();
    onProgress({ kind: 'stage', stage: 'reading' });
    const kinds = Object.fromEntries(modelFile.inputSchema.map((c) => [c.name, c.kind]));
    const read = await readCsv(blobSource(file), { kinds, memoryBudget: browserMemoryBudget() });
    const { table, warnings } = read;
    onProgress({ kind: 'stage', stage: 'predicting' });
    const predictions = await usingModel(modelFile, (model) => predictTable(model, table));
    this.predicted = table;
    const extra = predictionColumns(predictions);
    const columns = [...table.columns.map((c) => c.name), ...extra.map((e) => e.name)];
    const preview: string[][] = [];
    for (let i = 0; i < Math.min(PREVIEW_ROWS, table.rowCount); i++) {
      preview.push([...table.columns.map((c) => displayCell(c, i)), ...extra.map((e) => e.cell(i))]);
    }
    onProgress({ kind: 'stage', stage: 'writing' });
    const csv = await blobFromChunks((write) => writeRowsCsv(blobSource(file), read, {}, extra, write), 'text/csv');
    return { rows: table.rowCount, columns, added: extra.length, preview, csv, warnings };
  }

  private requireModel(): AnyModelFile {
    if (!this.model) throw new SaplingError('no-model', 'there is no model yet: train one or import a model file');
    return this.model;
  }
}

/** How often held-back epoch logs go to the page. */
const EPOCH_SEND_MS = 50;

/**
 * Epoch logs to the page at most every EPOCH_SEND_MS, as one message: the dense trainer runs a
 * small data set's epochs in well under a millisecond, and a comlink call per epoch flooded the
 * page's main thread (a 1.2 s task in e2e/training.spec.ts). `flush` sends what is left.
 */
function epochSender(onProgress: (p: JobProgress) => void): { add: (log: EpochLog) => void; flush: () => void } {
  let held: EpochLog[] = [];
  let last = performance.now();
  const flush = () => {
    last = performance.now();
    if (!held.length) return;
    onProgress({ kind: 'epochs', logs: held });
    held = [];
  };
  return {
    add: (log) => {
      held.push(log);
      if (performance.now() - last >= EPOCH_SEND_MS) flush();
    },
    flush,
  };
}

function summarise(file: AnyModelFile, source: ModelSummary['source'], name: string): ModelSummary {
  const state = file.model.state as { network?: unknown } | null;
  const base = { source, name, inputSchema: file.inputSchema, model: file.model.model, hasNetwork: Boolean(state?.network) };
  if (isUnsupervisedFile(file)) return { ...base, kind: 'unsupervised', problem: file.problem, report: file.report };
  const values = file.model.importance;
  const importance = values ? file.pipeline.features.map((f, i) => ({ feature: f.name, source: f.source, sources: featureSources(f), value: values[i] })).sort((a, b) => b.value - a.value) : null;
  // Only the small description of the first tree crosses to the page, never the fitted trees.
  const tree = fittedTrees(file.model)?.length ? describeFittedTree(file.model, file.pipeline, 0) : null;
  return { ...base, kind: 'supervised', problem: file.problem, report: file.report, importance, tree, threshold: file.decision?.threshold ?? null };
}
