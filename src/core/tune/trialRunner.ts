import { getModelInfo } from '../models/info';
import type { DataTable } from '../table/DataTable';
import type { RunContext } from '../train/singleRun';
import { nestedContext } from '../train/singleRun';
import { CancelledError, errorMessage, isCancelled } from '../util/errors';
import { scoreTrial, shareTable } from './trialHost';
import type { TrialHost, TrialJob, TrialOutcome, TrialSetup } from './trialProtocol';

/** A scored job: its metrics (or why it failed) and how long it took. */
export interface ScoredJob {
  readonly outcome: Exclude<TrialOutcome, { cancelled: true }>;
  readonly ms: number;
}

/** What a batch of jobs tells its caller: whether job `i` may start (false: no more start), and each result as it completes. */
export interface BatchHooks {
  readonly canStart: (i: number) => boolean;
  readonly onDone: (i: number, scored: ScoredJob) => void;
}

/** Where a search's trials run: one after another on this thread, or spread over the host's trial threads. */
export interface TrialRunner {
  /** The table the jobs' rows index (the search's training rows). */
  readonly table: DataTable;
  /** Trials at once: 1 on this thread, else the host's trial threads. */
  readonly parallel: number;
  /**
   * Whether a search of `model` alone should use this runner (Auto hands its runner on to the
   * tuning of its leaders): not a parallel runner for the families that thread themselves.
   */
  suits(model: string): boolean;
  /**
   * Starts the jobs in order, as many at once as `parallel`, asking `canStart` before each; results
   * reach `onDone` in completion order, each with its job's index. Returns the started jobs' results
   * by index (a prefix of `jobs`). Throws CancelledError on Cancel (`ctx.shouldStop`), without
   * waiting for the threads: they are told to stop.
   */
  run(jobs: readonly TrialJob[], hooks: BatchHooks): Promise<ScoredJob[]>;
  /** The search is over: the threads forget its table. */
  close(): void;
}

/**
 * Families whose fits already spread over the host's helper threads (boosting's histogram helper,
 * the forest's tree chunks): a search of one of them alone stays on the old path, where they do.
 * Measured for boosting (20 trials on 5,000 rows, 2 cores): trials side by side were slower.
 */
const THREADED = new Set(['gbdt', 'forest']);
/** How often a parallel search looks at Cancel while it waits for its threads. */
const CANCEL_POLL_MS = 50;
/** Tells one search's tables apart on the threads. */
let searches = 0;

/**
 * The runner for a search over `table` whose candidates are of the `models` families: parallel when
 * the host has two or more trial threads and shared memory, and some family can run there and
 * does not thread itself (TF.js families only where the threads load TF.js; the others then run
 * here, one at a time, in their turn); otherwise one trial after another on this thread, whose models may use the host's helper
 * threads themselves. Either way each trial's score is the same: only the speed differs.
 */
export function openTrialRunner(table: DataTable, models: readonly string[], ctx: RunContext): TrialRunner {
  const trials = ctx.host?.trials;
  const remote = (model: string) => Boolean(trials && (trials.tfjs || !getModelInfo(model).tfjs));
  if (!trials || trials.workers < 2 || typeof SharedArrayBuffer === 'undefined' || !models.some((m) => remote(m) && !THREADED.has(m))) return sequentialRunner(table, ctx);
  return parallelRunner(table, trials, remote, ctx);
}

/** Candidates one after another on this thread (the models get the host's helper threads). */
function sequentialRunner(table: DataTable, ctx: RunContext): TrialRunner {
  const now = ctx.now ?? (() => performance.now());
  const inner = nestedContext(ctx);
  return {
    table,
    parallel: 1,
    suits: () => true,
    async run(jobs, { canStart, onDone }) {
      const results: ScoredJob[] = [];
      for (let i = 0; i < jobs.length && canStart(i); i++) {
        if (ctx.shouldStop?.()) throw new CancelledError();
        const t0 = now();
        const outcome = await local(table, jobs[i], inner);
        results.push({ outcome, ms: now() - t0 });
        onDone(i, results[i]);
        await ctx.yieldToEvents?.();
      }
      return results;
    },
    close() {},
  };
}

/** A trial on this thread; a failure is the trial's result, a cancellation is thrown. */
async function local(table: DataTable, job: TrialJob, ctx: RunContext): Promise<ScoredJob['outcome']> {
  try {
    return { metrics: await scoreTrial(table, job, ctx) };
  } catch (e) {
    if (isCancelled(e)) throw e;
    return { error: errorMessage(e) };
  }
}

/**
 * Candidates on the host's trial threads, dispatched as threads free up. The table goes to each
 * thread once, in shared memory. Jobs of families the threads cannot run (TF.js in the page) run
 * on this thread in their turn, one at a time, holding a thread's place so the cores are not
 * oversubscribed; models never get helper threads inside a parallel search.
 */
function parallelRunner(table: DataTable, host: TrialHost, remote: (model: string) => boolean, ctx: RunContext): TrialRunner {
  const now = ctx.now ?? (() => performance.now());
  const search = ++searches;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  let setup: TrialSetup | null = null;
  const told = new Set<number>();
  const here: RunContext = { backend: ctx.backend, shouldStop: ctx.shouldStop, yieldToEvents: ctx.yieldToEvents };
  let localTurn: Promise<unknown> = Promise.resolve();

  // A job's time runs from when it starts: a job here first waits for its turn behind the others.
  const execute = (job: TrialJob, thread: number): Promise<{ outcome: TrialOutcome; ms: number }> => {
    const timed = async (run: () => Promise<TrialOutcome>) => {
      const t0 = now();
      const outcome = await run();
      return { outcome, ms: now() - t0 };
    };
    if (!remote(job.config.model.id)) {
      const turn = localTurn.then(() => timed(() => local(table, job, here)));
      localTurn = turn.catch(() => undefined);
      return turn;
    }
    const shared = (setup ??= { table: shareTable(table), stop });
    const first = !told.has(thread);
    told.add(thread);
    return timed(() => host.run(thread, { search, job, ...(first ? { setup: shared } : {}) }).catch((e: unknown) => ({ error: errorMessage(e) })));
  };

  return {
    table,
    parallel: host.workers,
    suits: (model) => !THREADED.has(model),
    async run(jobs, { canStart, onDone }) {
      const results: ScoredJob[] = [];
      let next = 0;
      // halted: no more jobs start (the budget); aborted: a failure or Cancel, results no longer wanted.
      let halted = false;
      let aborted = false;
      const loop = async (thread: number) => {
        while (!halted && !aborted && next < jobs.length) {
          if (!canStart(next)) {
            halted = true;
            break;
          }
          if (ctx.shouldStop?.()) throw new CancelledError();
          const i = next++;
          const { outcome, ms } = await execute(jobs[i], thread);
          if (aborted) return;
          if ('cancelled' in outcome) throw new CancelledError();
          results[i] = { outcome, ms };
          onDone(i, results[i]);
        }
      };
      let timer: ReturnType<typeof setInterval> | undefined;
      const cancelled = new Promise<never>((_, reject) => {
        timer = setInterval(() => ctx.shouldStop?.() && reject(new CancelledError()), CANCEL_POLL_MS);
      });
      try {
        await Promise.race([Promise.all(Array.from({ length: host.workers }, (_, t) => loop(t))), cancelled]);
        return results;
      } catch (e) {
        // Stop the other threads' trials; their replies are no longer awaited.
        aborted = true;
        Atomics.store(stop, 0, 1);
        throw e;
      } finally {
        clearInterval(timer);
        cancelled.catch(() => undefined);
      }
    },
    close() {
      for (const thread of told) void host.end(thread, search).catch(() => undefined);
      told.clear();
    },
  };
}
