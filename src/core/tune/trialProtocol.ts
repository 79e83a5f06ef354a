import type { DataTable } from '../table/DataTable';
import type { TrainConfig } from '../train/config';
import type { CvMetrics } from '../train/report';

/*
 * Tuning trials on helper threads: what crosses between the search (`trialRunner.ts`) and the
 * threads (`trialHost.ts` is what a thread does with it). Each thread gets the search's table once
 * (its columns in shared memory, so nothing is copied per thread) and then candidates to
 * cross-validate. Types only: a training host names them without importing the tuner.
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
