import type { AutoWinner, LeaderboardRow, RescoredBest, Trial } from '../train/report';

/*
 * Auto's result as plain data. Its own module so that the ensemble choice (`ensembleChoice.ts`),
 * which Auto calls, names it without importing Auto.
 */

/** What Auto did and chose, and why, in words a person reads. */
export interface AutoResult {
  readonly metric: 'accuracy' | 'r2';
  /** Families with their defaults, best first. */
  readonly leaderboard: readonly LeaderboardRow[];
  /** The tuning trials of the leading families. */
  readonly trials: readonly (Trial & { readonly model: string })[];
  readonly winner: AutoWinner;
  /** Each tuned leader's best settings, scored again on fresh folds: `score` ± `std` there, `searched` on the search's folds. */
  readonly rescored: readonly RescoredBest[];
  readonly explanation: string;
  readonly stopReason: string;
}
