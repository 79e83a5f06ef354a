import { type DataTable, selectRows } from '../table/DataTable';
import type { Column } from '../table/column';
import type { TrainConfig } from '../train/config';
import { crossValidate } from '../train/crossValidate';
import type { CvMetrics } from '../train/report';
import { errorMessage, isCancelled } from '../util/errors';
import { shared } from '../util/shared';

/**
 * Tuning trials on helper threads: what crosses between the search (`trialRunner.ts`) and the
 * threads, and what a thread does with it. Each thread gets the search's table once (its columns
 * in shared memory, so nothing is copied per thread) and then candidates to cross-validate.
 */

/** One candidate to score: its whole config (model and parameters), the folds, and on which rows of the search's table (null: all). */
export interface TrialJob {
  readonly config: TrainConfig;
  readonly folds: number;
  readonly rows: Int32Array | null;
}

/** What a thread needs once per search: the table (shared memory) and the stop flag. */
export interface TrialSetup {
  readonly table: DataTable;
  /** Shared Int32Array of one element: non-zero asks the thread to stop (the trial's `shouldStop`). */
  readonly stop: Int32Array;
}

/** A request to a thread: a job of search `search`, with the setup the first time that thread sees the search. */
export interface TrialRequest {
  readonly search: number;
  readonly job: TrialJob;
  readonly setup?: TrialSetup;
}

/** A trial's outcome: the cross-validated metrics, or why it failed, or that it was stopped. */
export type TrialOutcome = { readonly metrics: CvMetrics } | { readonly error: string } | { readonly cancelled: true };

/**
 * Helper threads that run tuning trials (the CLI's worker threads, the engine's part workers).
 * Thread `thread` is 0 … workers − 1: the runner sends a search's setup once to each.
 */
export interface TrialHost {
  readonly workers: number;
  /** Whether the threads can train TF.js families (neither the CLI's nor the page's load TF.js today). */
  readonly tfjs: boolean;
  run(thread: number, request: TrialRequest): Promise<TrialOutcome>;
  /** The search is over: the thread forgets its table. */
  end(thread: number, search: number): Promise<void>;
}

/**
 * A trial as every path scores it, on this thread or another: the candidate's cross-validation on
 * its rows. `ctx` decides only the speed (helper threads) and Cancel, never the score.
 */
export async function scoreTrial(table: DataTable, job: TrialJob, ctx: Parameters<typeof crossValidate>[3]): Promise<CvMetrics> {
  const data = job.rows ? selectRows(table, job.rows) : table;
  const { metrics } = await crossValidate(data, job.config, { folds: job.folds }, ctx);
  return metrics;
}

/**
 * The thread's side: keeps each search's setup and scores its jobs. Models inside get no helper
 * threads (a trial already has a thread of its own; nesting only adds contention).
 */
export class TrialServer {
  private readonly searches = new Map<number, TrialSetup>();

  async run(request: TrialRequest): Promise<TrialOutcome> {
    if (request.setup) this.searches.set(request.search, request.setup);
    const setup = this.searches.get(request.search);
    if (!setup) return { error: `internal error: no table for search ${request.search} on this thread` };
    const shouldStop = () => Atomics.load(setup.stop, 0) !== 0;
    if (shouldStop()) return { cancelled: true };
    try {
      return { metrics: await scoreTrial(setup.table, request.job, { shouldStop }) };
    } catch (e) {
      return isCancelled(e) ? { cancelled: true } : { error: errorMessage(e) };
    }
  }

  end(search: number): void {
    this.searches.delete(search);
  }
}

/** The table with its column arrays in shared memory (copied there unless they already are), so every thread reads the same bytes. */
export function shareTable(table: DataTable): DataTable {
  return { rowCount: table.rowCount, columns: table.columns.map(shareColumn) };
}

function shareColumn(column: Column): Column {
  if (column.kind === 'categorical' || column.kind === 'text') return { ...column, codes: shared(column.codes) };
  return { ...column, values: shared(column.values) } as Column;
}
