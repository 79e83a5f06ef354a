import { type DataTable, selectRows } from '../table/DataTable';
import type { Column } from '../table/column';
import { crossValidate } from '../train/crossValidate';
import type { CvMetrics } from '../train/report';
import { errorMessage, isCancelled } from '../util/errors';
import { shared } from '../util/shared';
import type { TrialJob, TrialOutcome, TrialRequest, TrialSetup } from './trialProtocol';

/*
 * Tuning trials on a helper thread: what a thread does with the requests of `trialProtocol.ts`.
 */

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
