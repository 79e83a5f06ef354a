import { proxyMarker } from 'comlink';
import { type CsvReadOptions, readCsv } from '../core/ingest/reader';
import { blobSource } from '../core/ingest/source';
import { type Task, classTarget, inferTask, resolveProblem } from '../core/problem';
import { type AssociationMatrix, associationMatrix, targetRelations } from '../core/profile/association';
import { profileTableWith } from '../core/profile/profile';
import { classImbalance, leakageWarnings } from '../core/profile/warnings';
import { type DataTable, fingerprintTable, getColumn } from '../core/table/DataTable';
import { clipForDisplay, displayCell } from '../core/table/column';
import { sortRows } from '../core/table/sort';
import { CancelledError, SaplingError, errorMessage } from '../core/util/errors';
import type { PartPool } from './partPool';
import type { DatasetSummary, JobProgress, TargetSummary } from './protocol';

/** Rows of a table or a predicted file the page gets as its preview. */
export const PREVIEW_ROWS = 50;

/**
 * The bytes a table may take in this tab: half the device memory the browser reports (Chrome caps
 * `deviceMemory` at 8 GB), at most 4 GB, or 2 GB when the browser does not say.
 */
export function browserMemoryBudget(): number {
  const gb = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return Math.min(4, gb ? gb / 2 : 2) * 1024 ** 3;
}

/** What the data module needs of the engine: its part workers, its yield and its per-job Cancel check. */
export interface DataJobsContext {
  readonly parts: PartPool;
  readonly yieldToEvents: () => Promise<void>;
  readonly startJob: () => () => boolean;
}

/**
 * The loaded table, a module of the engine (the page calls `engine.data.…`): reading a CSV and
 * reading it again with other settings, its rows for the grid, associations and the target's
 * description. The model jobs read the table through `table()` / `requireTable()`.
 */
export class DataJobs {
  // Read through the engine's property: `proxyMarker` types it as a remote object (as MonitorJobs).
  readonly [proxyMarker] = true as const;
  private loaded: DataTable | null = null;
  /** The file the table came from, kept to re-read it with other settings. */
  private file: (Blob & { name?: string }) | null = null;
  private sorted: { table: DataTable; key: string; order: Int32Array } | null = null;

  constructor(private readonly ctx: DataJobsContext) {}

  /** The loaded table, or null before the first file. */
  table(): DataTable | null {
    return this.loaded;
  }

  /** The loaded table; a clear error before the first file. */
  requireTable(): DataTable {
    if (!this.loaded) throw new SaplingError('no-data', 'load a CSV file first');
    return this.loaded;
  }

  /** The loaded file's name, for messages and run names. */
  fileName(): string | undefined {
    return this.file?.name;
  }

  /**
   * Streams a CSV file into a table (never holding it whole), profiles it, and keeps the table here.
   * The previous table stays until this succeeds; Cancel stops between chunks.
   */
  async loadCsv(file: Blob & { name?: string }, options: CsvReadOptions, onProgress: (p: JobProgress) => void): Promise<DatasetSummary> {
    const stopped = this.ctx.startJob();
    let last = 0;
    const { table, meta, warnings } = await readCsv(blobSource(file), {
      memoryBudget: browserMemoryBudget(),
      parallel: this.ctx.parts.reader(file),
      ...options,
      shouldStop: () => stopped(),
      yieldToEvents: this.ctx.yieldToEvents,
      onProgress: (p) => {
        const now = performance.now();
        if (now - last > 100 || p.bytesRead === p.totalBytes) {
          last = now;
          onProgress({ kind: 'ingest', ...p });
        }
      },
    });
    onProgress({ kind: 'stage', stage: 'profiling' });
    await this.ctx.yieldToEvents();
    if (stopped()) throw new CancelledError();
    const profile = await profileTableWith(table, {}, this.ctx.parts);
    this.loaded = table;
    this.file = file;
    const names = table.columns.map((c) => c.name);
    const rows: string[][] = [];
    for (let i = 0; i < Math.min(PREVIEW_ROWS, table.rowCount); i++) rows.push(table.columns.map((c) => displayCell(c, i)));
    return {
      name: file.name ?? 'data.csv',
      bytes: file.size,
      meta,
      // Long values are cut before they reach the page: a 20 MB field would otherwise be a text node.
      profile: { ...profile, columns: profile.columns.map((c) => (c.top ? { ...c, top: c.top.map((t) => ({ ...t, value: clipForDisplay(t.value) })) } : c)) },
      warnings: [...warnings, ...profile.warnings],
      preview: { columns: names, rows },
      fingerprint: fingerprintTable(table),
    };
  }

  /** Reads the same file again with other settings (delimiter, encoding, column kinds, sampling). */
  async rereadCsv(options: CsvReadOptions, onProgress: (p: JobProgress) => void): Promise<DatasetSummary> {
    if (!this.file) throw new SaplingError('no-data', 'load a CSV file first');
    return this.loadCsv(this.file, options, onProgress);
  }

  /** Associations between the loaded table's columns (on at most 100,000 evenly spaced rows). */
  associations(): AssociationMatrix {
    return associationMatrix(this.requireTable());
  }

  /**
   * Rows [start, start + count) of the loaded table as display strings, each led by its 1-based
   * row number in the file; in file order or sorted by a column (missing values last). The sort
   * order is computed once per column and direction.
   */
  rows(start: number, count: number, sort?: { column: string; descending: boolean }): string[][] {
    const table = this.requireTable();
    const order = sort ? this.sortOrder(table, sort.column, sort.descending) : null;
    const end = Math.min(table.rowCount, start + count);
    const out: string[][] = [];
    for (let r = start; r < end; r++) {
      const i = order ? order[r] : r;
      out.push([String(i + 1), ...table.columns.map((c) => displayCell(c, i))]);
    }
    return out;
  }

  private sortOrder(table: DataTable, column: string, descending: boolean): Int32Array {
    const key = `${column}\u0000${descending}`;
    if (this.sorted?.table === table && this.sorted.key === key) return this.sorted.order;
    const order = sortRows(getColumn(table, column), descending);
    this.sorted = { table, key, order };
    return order;
  }

  /**
   * The target column's task (given, or inferred) and class counts, with the reason it cannot be
   * trained on if so (single class, not numeric for regression, …).
   */
  describeTarget(target: string, task?: Task | 'classification'): TargetSummary {
    const table = this.requireTable();
    const column = getColumn(table, target);
    const inferred = inferTask(column);
    let error: string | undefined;
    let resolved: Task = task === 'classification' ? (inferred === 'regression' ? 'multiclass' : inferred) : (task ?? inferred);
    try {
      resolved = resolveProblem(table, target, task).task;
    } catch (e) {
      error = errorMessage(e);
    }
    if (resolved === 'regression' || column.kind === 'datetime') {
      const relations = error || column.kind !== 'numeric' ? [] : targetRelations(table, target, 'regression');
      return { task: resolved, inferred, classes: null, error, relations, warnings: leakageWarnings(relations, target) };
    }
    const { classes, y } = classTarget(column);
    const counts = new Array<number>(classes.length).fill(0);
    for (const k of y) if (k >= 0) counts[k]++;
    const imbalance = classImbalance(table, target);
    const relations = targetRelations(table, target, resolved);
    const warnings = [...(imbalance ? [imbalance] : []), ...leakageWarnings(relations, target)];
    return { task: resolved, inferred, classes: classes.map((value, k) => ({ value, count: counts[k] })), error, relations, warnings };
  }
}
