import { getModel } from '../models/registry';
import { isClassification } from '../problem';
import type { ParamSchema } from '../params';
import { type DataTable, selectRows } from '../table/DataTable';
import { CancelledError, SaplingError } from '../util/errors';
import { createRng, shuffleInPlace } from '../util/rng';
import type { TrainConfig } from '../train/config';
import type { ModelFile } from '../artifact/modelFile';
import type { Dimension, TrainReport, Trial, TuneStrategy, TuningReport } from '../train/report';
import { runTraining } from '../train/runTraining';
import type { RunContext } from '../train/singleRun';
import { splitForRun } from '../train/singleRun';
import { gridParams, sampleParams, searchSpace } from './space';
import { type TrialRunner, openTrialRunner } from './trialRunner';

export interface TuneOptions {
  readonly strategy: TuneStrategy;
  /** Candidates to try (halving: candidates in its first round). */
  readonly trials: number;
  /** Stop starting trials after this many ms (the trial running finishes). */
  readonly budgetMs?: number;
  /** Cross-validation folds each candidate is scored with. */
  readonly folds: number;
  /** Whether the defaults are the first candidate (default true; Auto has scored them already). */
  readonly includeDefaults?: boolean;
}

export interface TuneResult {
  /** The metric trials are ranked by: accuracy for classification, R² for regression. */
  readonly metric: 'accuracy' | 'r2';
  readonly space: readonly Dimension[];
  readonly trials: readonly Trial[];
  /** The best candidate on all the training rows (halving: of its last round). */
  readonly best: Trial;
  readonly stopReason: string;
}

/** The report's account of a search. */
export function tuningReport(result: TuneResult, options: TuneOptions): TuningReport {
  return {
    strategy: options.strategy,
    metric: result.metric,
    folds: options.folds,
    ...(options.budgetMs !== undefined ? { budget_s: options.budgetMs / 1000 } : {}),
    space: result.space,
    trials: result.trials,
    best: result.best,
    stop_reason: result.stopReason,
  };
}

/** How a person asks for a search (the studio's Tune form; the CLI's flags mirror it). */
export const tuneSchema = {
  strategy: {
    type: 'choice',
    label: 'Search',
    default: 'random',
    options: [
      { value: 'random', label: 'Random' },
      { value: 'grid', label: 'Grid (low, middle, high)' },
      { value: 'halving', label: 'Successive halving' },
    ],
    help: 'Random search finds good settings in few trials when only some settings matter. A grid tries every combination of three levels (or a seeded selection of them). Successive halving scores many candidates on a third of the rows and keeps the best third for the next round.',
  },
  trials: { type: 'number', label: 'Trials', default: 20, min: 1, max: 500, integer: true, help: 'Candidates to score, the current settings first (halving: candidates in its first round).' },
  budget: { type: 'number', label: 'Time budget (seconds)', default: 0, min: 0, max: 3600, integer: true, help: '0 = no limit. Otherwise no new trial starts after this long; the best so far is then trained on all training rows.' },
  folds: { type: 'number', label: 'Cross-validation folds', default: 3, min: 2, max: 10, integer: true, help: 'Each candidate is scored by cross-validation on the training rows (the test rows stay unseen until the end).' },
} as const satisfies ParamSchema;

/**
 * A search on the training rows of a run: the rows `runTraining` would train on with this config
 * (its test rows set aside the same way); the caller then trains the best on them and tests once.
 */
export function tuneForRun(table: DataTable, config: TrainConfig, options: TuneOptions, ctx: TuneContext = {}, heldOut?: DataTable): Promise<TuneResult> {
  const { data, split } = splitForRun(table, config, heldOut);
  return tuneModel(selectRows(data, split.train), config, options, ctx);
}

/**
 * `sapling tune` and the studio's Tune: a search on the run's training rows, then the best
 * settings (over the config's own) trained on all of them and tested once; the report, also in
 * the file, carries the search (`report.tuning`). `onTuned` hears the search's result before the
 * final training starts.
 */
export async function tuneAndTrain(table: DataTable, config: TrainConfig, options: TuneOptions, ctx: TuneContext & { readonly onTuned?: (result: TuneResult) => void } = {}): Promise<{ file: ModelFile; report: TrainReport; result: TuneResult }> {
  const result = await tuneForRun(table, config, options, ctx);
  if (ctx.shouldStop?.()) throw new CancelledError();
  ctx.onTuned?.(result);
  const trained = await runTraining(table, { ...config, model: { id: config.model.id, params: { ...config.model.params, ...result.best.params } } }, ctx);
  if (ctx.shouldStop?.()) throw new CancelledError();
  const report = { ...trained.report, tuning: tuningReport(result, options) };
  return { file: { ...trained.file, report }, report, result };
}

/** Mixed into the seed for the tuner's own generator (candidates, halving's row order). */
const TUNE_SEED = 0x7a11_5eed;
/** Halving keeps the best third of each round and triples the rows. */
const ETA = 3;
/** Rows per fold below which a halving round would say little. */
const MIN_ROWS_PER_FOLD = 20;

/** Hooks of a search: a run's, each trial as it is scored, and (Auto's) a runner already holding the table. */
export type TuneContext = RunContext & { readonly onTrial?: (trial: Trial) => void; readonly trialRunner?: TrialRunner };

/**
 * Searches a model's parameters over the ranges its schema marks for tuning (`tune`), scoring each
 * candidate by cross-validation on `table` (the training rows: the caller keeps its test rows
 * apart). The first candidate is always the defaults (with the config's own parameters), so
 * tuning never ends below them on its own measure. Seeded: the same config and options try the
 * same candidates. Cancel through `ctx.shouldStop`; a time budget stops starting new trials.
 * Trials run side by side where the host has trial threads (`openTrialRunner`), with the same
 * candidates, scores and result as one after another.
 */
export async function tuneModel(table: DataTable, config: TrainConfig, options: TuneOptions, ctx: TuneContext = {}): Promise<TuneResult> {
  const definition = getModel(config.model.id);
  const space = searchSpace(definition.schema, config.problem.task);
  if (!Number.isInteger(options.trials) || options.trials < 1) throw new SaplingError('bad-param', `tuning needs at least 1 trial, got ${options.trials}`);
  const metric = isClassification(config.problem.task) ? 'accuracy' : 'r2';
  const rng = createRng(config.seed ^ TUNE_SEED);
  const now = ctx.now ?? (() => performance.now());
  const started = now();
  const overBudget = () => options.budgetMs !== undefined && now() - started >= options.budgetMs;
  const trials: Trial[] = [];

  // Auto hands over the runner of its comparison (its threads hold this table already).
  // Auto's runner already holds the table; a family that threads itself is tuned on the old path.
  const runner = ctx.trialRunner?.table === table && ctx.trialRunner.suits(config.model.id) ? ctx.trialRunner : openTrialRunner(table, [config.model.id], ctx);
  try {
    return await search(runner);
  } finally {
    if (runner !== ctx.trialRunner) runner.close();
  }

  async function search(runner: TrialRunner): Promise<TuneResult> {
    /**
     * Scores a round of candidates (on `rows` of the table, or all), as many at once as the runner
     * runs; starts none once over budget (after the first trial). Trials reach `onTrial` as they
     * finish, numbered in candidate order, and are kept in that order whatever order they finished in.
     */
    const scoreRound = async (round: readonly Record<string, number | string | boolean>[], rows: Int32Array | null, rung: number): Promise<Trial[]> => {
      const base = trials.length;
      const scored: Trial[] = [];
      const jobs = round.map((params) => ({ config: { ...config, validation: undefined, model: { id: config.model.id, params: { ...config.model.params, ...params } } }, folds: options.folds, rows }));
      await runner.run(jobs, {
        canStart: (i) => base + i === 0 || !overBudget(),
        onDone: (i, { outcome, ms }) => {
          const common = { index: base + i, params: round[i], rows: rows ? rows.length : table.rowCount, rung, ms };
          const m = 'metrics' in outcome ? outcome.metrics[metric] : null;
          const trial: Trial = m ? { ...common, score: m.mean, std: m.std, folds: m.folds } : { ...common, score: NaN, std: NaN, folds: [], error: 'error' in outcome ? outcome.error : '' };
          scored.push(trial);
          ctx.onTrial?.(trial);
        },
      });
      scored.sort((a, b) => a.index - b.index);
      trials.push(...scored);
      return scored;
    };

    // Without the defaults, one more is drawn so that `trials` candidates are still tried.
    // The defaults written out in full, so that random search does not draw them again.
    const defaults = Object.fromEntries(space.map((d) => [d.name, config.model.params[d.name] ?? definition.schema[d.name]?.default]));
    const candidates = options.includeDefaults === false ? candidatesFor({ ...options, trials: options.trials + 1 }, space, rng, defaults).slice(1) : candidatesFor(options, space, rng, defaults);
    if (!candidates.length) throw new SaplingError('nothing-to-tune', `model "${config.model.id}" has no parameters marked for tuning`);
    let stopReason = '';
    let finalists: Trial[] = [];
    if (options.strategy !== 'halving') {
      finalists = await scoreRound(candidates, null, 0);
      if (finalists.length < candidates.length) stopReason = `time budget reached after ${trials.length} of ${candidates.length} trials`;
      const usedUp = options.strategy === 'random' && candidates.length < options.trials ? ` (${MAX_REDRAWS.toLocaleString('en')} draws in a row found no new one: the search space is used up)` : '';
      stopReason ||= `tried ${candidates.length} candidate${candidates.length === 1 ? '' : 's'}${usedUp}`;
    } else {
      // Nested subsets of one seeded row order: each round's rows include the last round's.
      const order = shuffleInPlace(Int32Array.from({ length: table.rowCount }, (_, i) => i), rng);
      const minRows = Math.min(table.rowCount, options.folds * MIN_ROWS_PER_FOLD);
      let rungs = 1;
      while (ETA ** rungs <= candidates.length && table.rowCount / ETA ** rungs >= minRows) rungs++;
      let alive = candidates;
      for (let rung = 0; rung < rungs && alive.length; rung++) {
        const last = rung === rungs - 1;
        const count = last ? table.rowCount : Math.max(minRows, Math.floor(table.rowCount / ETA ** (rungs - 1 - rung)));
        const rows = last ? null : Int32Array.from(order.subarray(0, count)).sort();
        const scored = await scoreRound(alive, rows, rung);
        if (scored.length < alive.length || (!last && overBudget())) {
          finalists = scored.length ? scored : finalists;
          stopReason = `time budget reached in round ${rung + 1} of ${rungs} (${trials.length} trials)`;
          break;
        }
        finalists = scored;
        if (!last) alive = ranked(scored).slice(0, Math.max(1, Math.ceil(scored.length / ETA))).map((t) => t.params);
      }
      stopReason ||= `successive halving: ${candidates.length} candidates, ${rungs} round${rungs === 1 ? '' : 's'}, ${trials.length} trials`;
    }
    const best = ranked(finalists)[0] ?? ranked(trials)[0];
    if (!best || Number.isNaN(best.score)) throw new SaplingError('tuning-failed', `no candidate could be scored: ${trials[0]?.error ?? 'no trials ran'}`);
    return { metric, space, trials, best, stopReason };
  }
}

/** Trials best first (failed ones last; ties to the earlier trial). */
/**
 * The leading trial so far, as the search itself would rank it: a later round of halving (more
 * rows, a fairer score) before an earlier one, then the higher score, then the earlier trial;
 * failed trials never lead. Undefined while none has a score.
 */
export function leadingTrial(trials: readonly Trial[]): Trial | undefined {
  let best: Trial | undefined;
  for (const t of trials) {
    if (Number.isNaN(t.score)) continue;
    if (!best || t.rung > best.rung || (t.rung === best.rung && (t.score > best.score || (t.score === best.score && t.index < best.index)))) best = t;
  }
  return best;
}

function ranked(trials: readonly Trial[]): Trial[] {
  return [...trials].sort((a, b) => (Number.isNaN(a.score) ? 1 : 0) - (Number.isNaN(b.score) ? 1 : 0) || b.score - a.score || a.index - b.index);
}

/** The candidates to try: the defaults first, then random points or grid points (a seeded selection when the grid has more). */
function candidatesFor(options: TuneOptions, space: readonly Dimension[], rng: ReturnType<typeof createRng>, defaultValues: Readonly<Record<string, unknown>>): Record<string, number | string | boolean>[] {
  const defaults = {};
  if (space.length === 0) return [defaults];
  if (options.strategy === 'grid') {
    const grid = gridParams(space);
    if (grid.length + 1 <= options.trials) return [defaults, ...grid];
    const picked = shuffleInPlace(Int32Array.from({ length: grid.length }, (_, i) => i), rng).subarray(0, options.trials - 1);
    return [defaults, ...Array.from(picked).sort((a, b) => a - b).map((i) => grid[i])];
  }
  // A point drawn twice would be scored twice for nothing, and small spaces (k-NN's k, weights and
  // distance; a forest's integer settings) repeat often over Auto's hundreds of draws: draw again,
  // and end the list once MAX_REDRAWS draws in a row find nothing new (the space is used up).
  const seen = new Set<string>([JSON.stringify(defaultValues)]);
  const drawn: Record<string, number | string | boolean>[] = [];
  for (let misses = 0; drawn.length < options.trials - 1 && misses < MAX_REDRAWS; ) {
    const params = sampleParams(space, rng);
    const key = JSON.stringify(params);
    if (seen.has(key)) {
      misses++;
      continue;
    }
    seen.add(key);
    drawn.push(params);
    misses = 0;
  }
  return [defaults, ...drawn];
}

/** Draws in a row that may repeat earlier candidates before random search takes its space as used up. */
const MAX_REDRAWS = 1000;
