import { proxyMarker } from 'comlink';
import { type AnyModelFile, type ModelFile, isUnsupervisedFile } from '../core/artifact/modelFile';
import { usingModel } from '../core/artifact/predict';
import type { ColumnKind } from '../core/table/column';
import { type CsvReadOptions, readCsv } from '../core/ingest/reader';
import { blobSource } from '../core/ingest/source';
import type { MonitorOptions, MonitorReport } from '../core/monitor/types';
import { type DataTable, concatTables, findColumn, fingerprintTable, selectRows } from '../core/table/DataTable';
import { type RetrainMode, metricsOn, retrainRows } from '../core/train/retrain';
import { runTraining } from '../core/train/runTraining';
import { type RunContext, splitForRun } from '../core/train/singleRun';
import { CancelledError, SaplingError } from '../core/util/errors';
import { byFile } from './monitorChunks';
import type { MonitorData, MonitorRun, MonitorSplit, RetrainResult } from './monitorProtocol';
import type { JobProgress, ModelSummary, SupervisedModelSummary } from './protocol';

/** A monitoring run of new rows against a model (the engine part's `monitorTable`; tests hand in a stand-in). */
export type MonitorFunction = (file: AnyModelFile, current: DataTable, options?: MonitorOptions, referenceTable?: DataTable) => Promise<MonitorReport>;

/** What monitoring needs of the engine: its current model and loaded table, a job's stop check and run context, and a way to make a model current. */
export interface MonitorSource {
  model(): AnyModelFile | null;
  table(): DataTable | null;
  /** The loaded table's file name (the old rows of a retraining). */
  tableName(): string;
  startJob(): () => boolean;
  runContext(stopped: () => boolean): RunContext;
  /** Reading options of the engine (memory budget) for the new files. */
  readOptions(): CsvReadOptions;
  summarise(file: ModelFile, name: string): ModelSummary;
  /** Makes `file` the engine's current model. */
  becomeCurrent(file: ModelFile): void;
}

/**
 * The engine's monitoring module (issue 14), exposed beside it as `engine.monitor` (comlink follows
 * the property: `proxyMarker` types it as a remote object): holds the new rows, monitors them
 * against the current model, and retrains the model's recipe on them, keeping the retrained model
 * as a candidate until it is adopted.
 */
export class MonitorJobs {
  readonly [proxyMarker] = true as const;
  private fresh: { name: string; table: DataTable }[] = [];
  private candidate: { file: ModelFile; name: string } | null = null;

  constructor(
    private readonly source: MonitorSource,
    private readonly monitor: MonitorFunction,
  ) {}

  /** Reads new CSV files as the current model reads its inputs and keeps them (replacing those held). */
  async load(files: readonly (Blob & { name?: string })[], onProgress: (p: JobProgress) => void): Promise<MonitorData> {
    const model = this.requireModel();
    const stopped = this.source.startJob();
    if (!files.length) throw new SaplingError('no-data', 'choose one or more CSV files of new data');
    const kinds: Record<string, ColumnKind> = Object.fromEntries(model.inputSchema.map((c) => [c.name, c.kind]));
    // The target is read as it was in training, so new labelled rows join the old ones.
    const target = model.problem.target;
    const trained = target ? this.source.table() && findColumn(this.source.table()!, target) : undefined;
    if (target && trained) kinds[target] = trained.kind;
    const read: { name: string; table: DataTable }[] = [];
    for (const [i, file] of files.entries()) {
      const name = file.name ?? `new-${i + 1}.csv`;
      onProgress({ kind: 'stage', stage: `reading ${name}`, fraction: i / files.length });
      const { table } = await readCsv(blobSource(file), { ...this.source.readOptions(), kinds, shouldStop: stopped });
      if (stopped()) throw new CancelledError();
      read.push({ name, table });
    }
    this.fresh = read;
    this.candidate = null;
    return this.describe();
  }

  /** Monitors the held new rows against the current model, cut into chunks as `split` says. */
  async run(split: MonitorSplit, onProgress: (p: JobProgress) => void): Promise<MonitorRun> {
    const model = this.requireModel();
    const current = this.freshTable();
    const stopped = this.source.startJob();
    const reference = model.monitoring ? undefined : this.trainingRows(model);
    onProgress({ kind: 'stage', stage: `comparing ${current.rowCount.toLocaleString('en-US')} new rows with the ${reference ? 'training rows' : 'model’s reference'}` });
    const options: MonitorOptions = split.kind === 'chunks' ? { chunks: split.chunks } : split.kind === 'by' ? { by: { column: split.column, period: split.period } } : {};
    let report = await this.monitor(model, current, options, reference);
    if (split.kind === 'files' && this.fresh.length > 1) {
      // Each file one chunk: the files monitored one by one make the timeline.
      const each: MonitorReport[] = [];
      for (const [i, f] of this.fresh.entries()) {
        if (stopped()) throw new CancelledError();
        onProgress({ kind: 'stage', stage: `chunk ${i + 1} of ${this.fresh.length}: ${f.name}`, fraction: i / this.fresh.length });
        each.push(await this.monitor(model, f.table, {}, reference));
      }
      report = byFile(report, this.fresh.map((f) => f.name), each);
    }
    if (stopped()) throw new CancelledError();
    return { ...this.describe(), report, split, reference: reference ? 'training rows' : 'model' };
  }

  /**
   * Runs the current model's recipe again on the rows `mode` names (see `retrainRows`), tests it on
   * the newest labelled new rows, and scores the current model on those same rows. The retrained
   * model is kept as the candidate that `adopt` makes current.
   */
  async retrain(mode: RetrainMode, onProgress: (p: JobProgress) => void): Promise<RetrainResult> {
    const model = this.requireModel();
    if (isUnsupervisedFile(model)) throw new SaplingError('model-task', 'retraining compares models on labelled rows: it is for models with a target');
    const old = this.source.table();
    const { train, newest } = retrainRows(model, old, this.freshTable(), mode);
    const stopped = this.source.startJob();
    const config = { ...model.config, validation: undefined };
    const { file } = await runTraining(train, config, { ...this.source.runContext(stopped), onStage: (stage) => onProgress({ kind: 'stage', stage: `retraining: ${stage}` }) }, newest);
    if (stopped()) throw new CancelledError();
    const current = await usingModel(model, (loaded) => metricsOn(loaded, newest));
    const name = [...(mode.kind === 'new' ? [] : [this.source.tableName()]), ...this.fresh.map((f) => f.name)].join(' + ');
    this.candidate = { file, name: `retrained ${model.model.model} → ${model.problem.target}` };
    const summary = this.source.summarise(file, this.candidate.name) as SupervisedModelSummary;
    return {
      mode,
      trainRows: train.rowCount,
      newestRows: newest.rowCount,
      current,
      retrained: file.report.metrics.test,
      summary,
      config,
      data: { name, fingerprint: fingerprintTable(train), rows: train.rowCount + newest.rowCount, columns: train.columns.length },
    };
  }

  /** Makes the retrained candidate the engine's current model; its summary. */
  adopt(): ModelSummary {
    if (!this.candidate) throw new SaplingError('no-model', 'retrain the model first');
    const { file, name } = this.candidate;
    this.candidate = null;
    this.source.becomeCurrent(file);
    return this.source.summarise(file, name);
  }

  private describe(): MonitorData {
    const model = this.source.model();
    const target = model?.problem.target;
    const table = this.freshTable();
    const column = target ? findColumn(table, target) : undefined;
    const labelled = column !== undefined && (column.kind === 'categorical' || column.kind === 'text' ? column.codes.some((c) => c >= 0) : Array.from(column.values as ArrayLike<number>).some((v) => !Number.isNaN(v)));
    return {
      files: this.fresh.map((f) => ({ name: f.name, rows: f.table.rowCount })),
      rows: table.rowCount,
      dateColumns: table.columns.filter((c) => c.kind === 'datetime').map((c) => c.name),
      labelled,
    };
  }

  /** The held new rows as one table (files one after the other). */
  private freshTable(): DataTable {
    if (!this.fresh.length) throw new SaplingError('no-data', 'load new data to monitor first');
    return this.fresh.slice(1).reduce((all, f) => concatTables(all, f.table), this.fresh[0].table);
  }

  /**
   * The training rows of a model file without a reference of its own (made before references): the
   * loaded table's training split, when the loaded table is the one the model was trained on.
   */
  private trainingRows(file: AnyModelFile): DataTable {
    const table = this.source.table();
    if (!table || fingerprintTable(table) !== file.dataFingerprint) {
      throw new SaplingError('no-reference', 'this model file has no monitoring reference (it was made before Sapling kept one): load the data it was trained on (Data) and monitor again');
    }
    if (isUnsupervisedFile(file)) return table;
    const { data, split } = splitForRun(table, file.config);
    return selectRows(data, split.train);
  }

  private requireModel(): AnyModelFile {
    const model = this.source.model();
    if (!model) throw new SaplingError('no-model', 'there is no model yet: train one or import a model file');
    return model;
  }
}
