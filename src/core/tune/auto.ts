import { MODEL_CATALOG, getModelInfo } from '../models/info';
import { isClassification } from '../problem';
import { type DataTable, selectRows } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import type { TrainConfig } from '../train/config';
import type { AutoReport, LeaderboardRow, RescoredBest, Trial } from '../train/report';
import type { RunContext } from '../train/singleRun';
import type { AutoResult } from './autoResult';
import { nestedContext, splitForRun } from '../train/singleRun';
import { considerEnsemble, ensembleReserve } from './ensembleChoice';
import { searchSpace } from './space';
import { type TrialRunner, openTrialRunner } from './trialRunner';
import { tuneModel } from './tune';

export type { AutoResult } from './autoResult';

export interface AutoOptions {
  /** Total time for comparing and tuning, in ms (the final refit comes after). */
  readonly budgetMs: number;
  readonly folds: number;
  /** How many leading families are tuned with what is left of the budget. */
  readonly tuneTop?: number;
  /**
   * Tuning trials per leading family. Given, Auto ignores the clock (every family is compared and
   * this many candidates are tried, fewer where a search space has fewer distinct ones), so the
   * same data, config and seed choose the same model on any machine; without it, the budget
   * decides how far Auto gets.
   */
  readonly trials?: number;
}

/**
 * Families Auto compares first, cheapest and strongest first, so a short budget still covers the
 * usual winners; the network comes last (slow to train, rarely best on tables).
 */
const ORDER = ['logistic', 'linear', 'gbdt', 'forest', 'svm', 'knn', 'naive-bayes', 'tree', 'mlp'];

/**
 * Auto: compares every family that fits the task with its defaults on the same cross-validation
 * folds of `table` (the training rows), then spends what is left of the budget tuning the leading
 * families (random search from their defaults), scores their best settings and the leaders'
 * average again on fresh folds, and names the winner by the one-standard-error rule, saying why. The caller refits the winner on all training rows and tests it once.
 */
export async function autoModel(table: DataTable, config: TrainConfig, options: AutoOptions, ctx: AutoContext = {}): Promise<AutoResult> {
  // One runner for the comparison and the tuning: its threads get the table once.
  const runner = openTrialRunner(table, families(config.problem.task).map((f) => f.id), ctx);
  try {
    return await compareAndTune(table, config, options, ctx, runner);
  } finally {
    runner.close();
  }
}

/**
 * Hooks of an Auto run: a run's, each family as it starts being compared (`onTry`, phase 'compare')
 * or tuned ('tune'), and each leaderboard row and tuning trial as they are scored.
 */
export type AutoContext = RunContext & {
  readonly onTry?: (model: string, phase: 'compare' | 'tune') => void;
  readonly onRow?: (row: LeaderboardRow) => void;
  readonly onTrial?: (trial: Trial & { model: string }) => void;
};

/** The families that fit the task, in ORDER. */
function families(task: TrainConfig['problem']['task']) {
  return MODEL_CATALOG.filter((m) => m.tasks.includes(task) && !m.composite).sort((a, b) => rank(a.id) - rank(b.id));
}

async function compareAndTune(table: DataTable, config: TrainConfig, options: AutoOptions, ctx: AutoContext, runner: TrialRunner): Promise<AutoResult> {
  const task = config.problem.task;
  const metric = isClassification(task) ? 'accuracy' : 'r2';
  const now = ctx.now ?? (() => performance.now());
  const started = now();
  const counted = options.trials !== undefined;
  const left = () => (counted ? Infinity : options.budgetMs - (now() - started));
  const compared = families(task);

  const rows: LeaderboardRow[] = [];
  const jobs = compared.map((f) => ({ config: { ...config, validation: undefined, model: { id: f.id, params: {} } }, folds: options.folds, rows: null }));
  // Rows reach onRow as they finish and stay in the families' order (ties on the board keep it).
  await runner.run(jobs, {
    canStart: (i) => {
      const starts = i === 0 || left() > 0;
      if (starts) ctx.onTry?.(compared[i].id, 'compare');
      return starts;
    },
    onDone: (i, { outcome, ms }) => {
      const family = compared[i];
      rows[i] = 'metrics' in outcome ? { model: family.id, label: family.label, metrics: outcome.metrics, score: outcome.metrics[metric].mean, ms } : { model: family.id, label: family.label, metrics: {}, score: NaN, ms, error: 'error' in outcome ? outcome.error : '' };
      ctx.onRow?.(rows[i]);
    },
  });
  const skipped = compared.slice(rows.length).map((f) => f.id);
  const leaderboard = [...rows].sort((a, b) => (Number.isNaN(a.score) ? 1 : 0) - (Number.isNaN(b.score) ? 1 : 0) || b.score - a.score);
  if (!leaderboard.length || Number.isNaN(leaderboard[0].score)) throw new SaplingError('auto-failed', `no model could be scored: ${rows[0]?.error ?? 'none ran'}`);

  // Tune the leaders, sharing what is left of the budget, best first.
  const top = leaderboard.filter((r) => !Number.isNaN(r.score) && searchSpace(getModelInfo(r.model).schema, config.problem.task).length > 0).slice(0, options.tuneTop ?? 2);
  const trials: (Trial & { model: string })[] = [];
  // Candidates: every family's defaults, and each tuned family's best trial (scored again on fresh folds).
  const candidates: AutoResult['winner'][] = leaderboard.filter((r) => !Number.isNaN(r.score)).map((r) => ({ model: r.model, params: {}, score: r.score, std: r.metrics[metric].std }));
  // Time kept back for scoring the tuned leaders again on fresh folds, and the leaders' average
  // (its members are cross-validated once more): about their rows' times on the leaderboard.
  const reserve = counted ? 0 : top.reduce((sum, r) => sum + r.ms, 0) + ensembleReserve(leaderboard);
  const tunedBests: { model: string; best: Trial }[] = [];
  for (let i = 0; i < top.length && left() - reserve > 0 && options.trials !== 0; i++) {
    const share = counted ? undefined : (left() - reserve) / (top.length - i);
    ctx.onTry?.(top[i].model, 'tune');
    // The defaults were scored on the leaderboard already (same folds, same score).
    const result = await tuneModel(table, { ...config, model: { id: top[i].model, params: {} } }, { strategy: 'random', trials: options.trials ?? 1000, folds: options.folds, budgetMs: share, includeDefaults: false }, {
      ...nestedContext(ctx),
      now: ctx.now,
      trialRunner: runner,
      onTrial: (t) => ctx.onTrial?.({ ...t, model: top[i].model }),
    });
    trials.push(...result.trials.map((t) => ({ ...t, model: top[i].model })));
    if (!Number.isNaN(result.best.score)) tunedBests.push({ model: top[i].model, best: result.best });
  }
  // Fresh folds (and model seeds) for the tuned bests and the leaders' average.
  const fresh = { ...config, seed: config.seed ^ FRESH_FOLDS_SEED };
  const { rescored, failed } = await scoredAfresh(runner, fresh, options.folds, tunedBests, metric);
  candidates.push(...rescored.map(({ model, params, score, std }) => ({ model, params, score, std })));

  // The one-standard-error rule: the best score is partly luck (the more candidates, the more), so
  // among candidates within one standard error of it (at least one row of a fold, for accuracy),
  // take the most robust: defaults before tuned settings, and families in ORDER (linear models
  // first, the network last).
  const top1 = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  // Accuracy moves in steps of one row of a fold: a lead smaller than that is no evidence, even when
  // every fold of the leader scored the same (a spread of 0, common at perfect scores on small data).
  const step = metric === 'accuracy' ? options.folds / table.rowCount : 0;
  const margin = Math.max(cvStandardError(top1.std, options.folds), step);
  const robustness = (c: AutoResult['winner']) => rank(c.model) * 2 + (Object.keys(c.params).length ? 1 : 0);
  const winner = candidates.filter((c) => c.score >= top1.score - margin).sort((a, b) => robustness(a) - robustness(b) || b.score - a.score)[0];

  const tuned = Object.keys(winner.params).length > 0;
  const fmt = (v: number) => v.toFixed(4);
  const name = getModelInfo(winner.model).label;
  const settings = tuned ? `tuned (${Object.entries(winner.params).map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(3)) : v}`).join(', ')})` : 'with its default settings';
  // A tuned winner's score is from fresh folds: say what the search's own folds gave it.
  const again = tuned ? rescored.find((r) => r.model === winner.model) : undefined;
  const afresh = again ? ` (scored again on fresh folds: on the search's own, ${fmt(again.searched)} was the best of ${trials.filter((t) => t.model === winner.model).length} tries, partly luck)` : '';
  const why =
    winner === top1
      ? `the best cross-validated ${metric === 'accuracy' ? 'accuracy' : 'R²'} ${fmt(winner.score)} ± ${fmt(winner.std)} over ${options.folds} folds of the training rows`
      : `cross-validated ${metric === 'accuracy' ? 'accuracy' : 'R²'} ${fmt(winner.score)} ± ${fmt(winner.std)} over ${options.folds} folds, within one standard error (${fmt(margin)}) of the top score (${getModelInfo(top1.model).label}${Object.keys(top1.params).length ? ', tuned' : ''}: ${fmt(top1.score)}), and it is the more robust choice, so the small lead is not taken for real`;
  const runnerUp = leaderboard.find((r) => r.model !== winner.model);
  const explanation =
    `${name}, ${settings}: ${why}${afresh}` +
    (runnerUp ? `; the next best other family, ${runnerUp.label}, scored ${fmt(runnerUp.score)} with defaults` : '') +
    `. ${rows.length} famil${rows.length === 1 ? 'y was' : 'ies were'} compared on the same folds${trials.length ? ` and ${trials.length} tuned candidates tried` : ''}.`;
  const stopReason =
    (skipped.length ? `the budget ran out before ${skipped.join(', ')} could be compared` : trials.length ? `compared ${rows.length} families, tuned the best ${top.length}` : `compared ${rows.length} families`) +
    (failed.length ? `; the tuned best of ${failed.join(', ')} failed when scored again on fresh folds and did not compete` : '');
  // The average is scored on the fresh folds too: on the search's, a tuned member's out-of-fold
  // outputs are the very ones its settings were picked for, and would flatter the average.
  return considerEnsemble(table, fresh, options.folds, { metric, leaderboard, trials, winner, rescored, explanation, stopReason }, candidates, top1, ctx, left() > 0, margin);
}

/** Mixed into the seed for the fresh folds tuned settings are scored on again. */
export const FRESH_FOLDS_SEED = 0x0f7e_5a1d;

/**
 * Each tuned leader's best settings, cross-validated again on fresh folds (as many, drawn from
 * `fresh`'s seed, FRESH_FOLDS_SEED mixed in) as Auto's candidates. The search's best score is the highest of many tries on the
 * same folds, so partly luck, and would flatter tuned settings against the families' defaults
 * (scored once each): on Titanic a tuned forest led on the search's folds with 0.795 and then
 * scored 0.759 on the test file, below its defaults' 0.780.
 */
async function scoredAfresh(runner: TrialRunner, fresh: TrainConfig, folds: number, bests: readonly { model: string; best: Trial }[], metric: 'accuracy' | 'r2'): Promise<{ rescored: RescoredBest[]; failed: string[] }> {
  const jobs = bests.map(({ model, best }) => ({ config: { ...fresh, validation: undefined, model: { id: model, params: best.params } }, folds, rows: null }));
  const scored: RescoredBest[] = [];
  const failed: string[] = [];
  // Started whatever the clock says (time was kept back for them): without them tuned settings cannot compete.
  await runner.run(jobs, {
    canStart: () => true,
    onDone: (i, { outcome }) => {
      const { model, best } = bests[i];
      if ('metrics' in outcome) scored[i] = { model, params: best.params, searched: best.score, score: outcome.metrics[metric].mean, std: outcome.metrics[metric].std };
      else failed.push(`${model} (${'error' in outcome ? outcome.error : 'failed'})`);
    },
  });
  return { rescored: scored.filter(Boolean), failed };
}

/**
 * The standard error of a k-fold cross-validated mean whose fold scores have population standard
 * deviation `std` (as `meanAndStd` reports). Not std/√k: every two folds' models share most of
 * their training rows, so their scores are not independent and std/√k understates the uncertainty.
 * The correction of Nadeau & Bengio (Machine Learning 52, 2003), derived for repeated random
 * splits and commonly applied to k-fold scores (Bouckaert & Frank 2004; scikit-learn's example on
 * comparing models after a grid search, on paired differences): the variance s²·(1/k + n_test/n_train),
 * with s² the sample variance (k/(k − 1)·std²) and n_test/n_train = 1/(k − 1). For 5 folds that is
 * 0.75·std, where std/√k gave 0.45·std: a heuristic, but a less overconfident one.
 */
export function cvStandardError(std: number, folds: number): number {
  const k = folds;
  return std * Math.sqrt((k / (k - 1)) * (1 / k + 1 / (k - 1)));
}

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i < 0 ? ORDER.length : i;
}

/** The report's account of an Auto run. */
export function autoReport(result: AutoResult, options: AutoOptions): AutoReport {
  return { metric: result.metric, budget_s: options.budgetMs / 1000, folds: options.folds, ...(options.trials !== undefined ? { trials_per_model: options.trials } : {}), leaderboard: result.leaderboard, trials: result.trials, winner: result.winner, rescored: result.rescored, explanation: result.explanation, stop_reason: result.stopReason };
}

/**
 * Auto on the training rows of a run: the rows `runTraining` would train on with this config (the
 * test rows set aside the same way), compared and tuned; the caller then trains the winner.
 */
export function chooseForRun(table: DataTable, config: TrainConfig, options: AutoOptions, ctx: AutoContext = {}, heldOut?: DataTable): Promise<AutoResult> {
  const { data, split } = splitForRun(table, config, heldOut);
  return autoModel(selectRows(data, split.train), config, options, ctx);
}
