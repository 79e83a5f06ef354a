import type { MonitorReport } from '../core/monitor/types';
import { SaplingError, errorMessage } from '../core/util/errors';
import type { InputRow, OutputRow, SaplingModel } from '../runtime';
import { MIN_MONITOR_ROWS } from './flags';
import type { LogLine, ModelStore, ServedModel } from './modelStore';
import { RowWindow } from './monitorWindow';

/** Makes the drift report of a window's rows (served inputs, oldest first, and their predictions) against the model file's own reference. */
export type MonitorReporter = (model: SaplingModel, window: { readonly inputs: readonly InputRow[]; readonly outputs: readonly OutputRow[] }) => Promise<MonitorReport>;


/** How `--monitor` watches the served models. */
export interface ServerMonitorSettings {
  /** Rows kept per model (the newest). */
  readonly window: number;
  /** Makes the report; the server's is the engine's `monitorTable` (monitorReporter.ts), tests inject their own. */
  readonly report: MonitorReporter;
  /** Fewest rows before a report is made (default MIN_MONITOR_ROWS, at most `window`). */
  readonly minRows?: number;
  /** A report is reused for at least this long whatever arrives (default 1 s), so clients polling fast under heavy traffic do not keep the server testing … */
  readonly minAgeMs?: number;
  /** … and for up to this long while rows arrive (default 10 s) … */
  readonly maxAgeMs?: number;
  /** … unless this many rows arrived since it was made (default a tenth of the window). */
  readonly refreshRows?: number;
  /** The clock (injected for tests). */
  readonly now?: () => number;
}

/** A 409 (the server's state, not the request, stands in the way), said in one line. */
function conflict(code: string, message: string): SaplingError {
  return Object.assign(new SaplingError(code, message), { statusCode: 409 });
}

interface Entry {
  /** The model file's version the rows were served by: a swapped file starts a new window (its reference changed). */
  readonly version: string;
  readonly window: RowWindow;
  cached?: { readonly total: number; readonly at: number; readonly report: Promise<MonitorReport> };
}

/** What /metrics shows of one model's monitoring: its window's size, and the report when one can be made. */
export interface MonitorGauges {
  readonly model: string;
  readonly rows: number;
  readonly report?: MonitorReport;
}

/**
 * The rolling windows of `--monitor`, one per served model, and their reports. Recording is on the
 * request path and only copies values into the window; a report (the drift tests) is made when
 * asked for (GET …/monitor, a /metrics scrape), then reused (and shared by the requests that ask
 * meanwhile) while the window has not moved, for `minAgeMs` in any case, and until `maxAgeMs` has
 * passed or `refreshRows` rows have arrived.
 */
export class Monitoring {
  private readonly windows = new Map<string, Entry>();
  private readonly minRows: number;
  private readonly minAgeMs: number;
  private readonly maxAgeMs: number;
  private readonly refreshRows: number;
  private readonly now: () => number;

  constructor(
    private readonly models: ModelStore,
    private readonly settings: ServerMonitorSettings,
    private readonly log: LogLine = () => {},
  ) {
    this.minRows = Math.min(settings.minRows ?? MIN_MONITOR_ROWS, settings.window);
    this.minAgeMs = settings.minAgeMs ?? 1000;
    this.maxAgeMs = settings.maxAgeMs ?? 10_000;
    this.refreshRows = settings.refreshRows ?? Math.max(1, Math.ceil(settings.window / 10));
    this.now = settings.now ?? Date.now;
  }

  /** Adds rows a model predicted without error to its window (a request still holding a model since swapped out adds nothing). */
  record(served: ServedModel, inputs: readonly InputRow[], outputs: readonly OutputRow[]): void {
    if (this.models.get(served.name)?.version !== served.version) return;
    this.entry(served, true)?.window.add(inputs, outputs);
  }

  /** Rows in the window of `served` now (0 after a swap until rows are served again). */
  rows(served: ServedModel): number {
    return this.entry(served, false)?.window.rows ?? 0;
  }

  /** The drift report of `served`'s window; a 409 SaplingError when the file has no reference or the window has too few rows. */
  report(served: ServedModel): Promise<MonitorReport> {
    if (!served.model.file.monitoring) {
      return Promise.reject(
        conflict(
          'no-reference',
          `the model file of "${served.name}" has no monitoring reference (files written from model-file version 4 on carry one): retrain it with this Sapling, or monitor it with \`sapling monitor ${served.name}.json new.csv --reference train.csv\``,
        ),
      );
    }
    const entry = this.entry(served, false);
    const rows = entry?.window.rows ?? 0;
    if (!entry || rows < this.minRows) {
      return Promise.reject(
        conflict('window-too-small', `the monitoring window of "${served.name}" holds ${rows} row${rows === 1 ? '' : 's'}; a report needs at least ${this.minRows} (rows served since the model file was loaded; the window keeps the newest ${this.settings.window})`),
      );
    }
    const now = this.now();
    const { cached, window } = entry;
    if (cached) {
      const age = now - cached.at;
      const moved = window.total - cached.total;
      if (moved === 0 || age < this.minAgeMs || (age < this.maxAgeMs && moved < this.refreshRows)) return cached.report;
    }
    const report = this.settings.report(served.model, window.snapshot());
    const made = { total: window.total, at: now, report };
    entry.cached = made;
    // A report that failed is not kept: the next ask tries again.
    report.catch(() => {
      if (entry.cached === made) entry.cached = undefined;
    });
    return report;
  }

  /** Every served model's window size and, where one can be made, its report (for /metrics; a failing report is logged, not thrown). */
  async gauges(): Promise<MonitorGauges[]> {
    const served = this.models.all();
    // Windows of models no longer served are dropped here, so a removed file's rows do not linger.
    for (const name of this.windows.keys()) if (!this.models.get(name)) this.windows.delete(name);
    return Promise.all(
      served.map(async (s): Promise<MonitorGauges> => {
        const rows = this.rows(s);
        if (!s.model.file.monitoring || rows < this.minRows) return { model: s.name, rows };
        try {
          return { model: s.name, rows, report: await this.report(s) };
        } catch (e) {
          this.log(`${s.name}: the monitoring report failed: ${errorMessage(e)}`);
          return { model: s.name, rows };
        }
      }),
    );
  }

  /** The window of `served`'s file version: a window of an older version is dropped (and, when `create`, a new one made). */
  private entry(served: ServedModel, create: boolean): Entry | undefined {
    const entry = this.windows.get(served.name);
    if (entry?.version === served.version) return entry;
    if (entry) this.windows.delete(served.name);
    if (!create) return undefined;
    const made: Entry = { version: served.version, window: new RowWindow(served.model.inputSchema.map((c) => c.name), this.settings.window, served.model.outputColumns) };
    this.windows.set(served.name, made);
    return made;
  }
}
