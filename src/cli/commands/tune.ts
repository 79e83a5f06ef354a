import { basename } from 'node:path';
import { defaultModelFor } from '../../core/models/info';
import { getModel } from '../../core/models/registry';
import { parseParamText } from '../../core/params';
import { defaultRecipe } from '../../core/prep/recipe';
import { recipeFacts } from '../../core/profile/profile';
import { resolveProblem } from '../../core/problem';
import { DEFAULT_SEED } from '../../core/train/config';
import { splitForRun } from '../../core/train/singleRun';
import { tuneAndTrain } from '../../core/tune/tune';
import type { TuneStrategy, Trial } from '../../core/train/report';
import { SaplingError } from '../../core/util/errors';
import { formatMetrics, num } from '../format';
import { readCsvFile } from '../io';
import { foldsOption, positiveOption, wholeOption } from '../options';
import type { WorkerPool } from '../parallel';
import { type TrainOptions, parseTask, stepsOption, writeFiles } from './train';

/** Options of `sapling tune`: those of `train`, and how to search. */
export interface TuneCommandOptions extends TrainOptions {
  budget?: string;
  trials?: string;
  strategy?: string;
}

const STRATEGIES: readonly TuneStrategy[] = ['random', 'grid', 'halving'];

/**
 * `sapling tune <data.csv> --target <col> --model <id>`: searches the model's parameters by
 * cross-validation on the training rows (the test rows are set aside first, as `train` sets them
 * aside), refits the best on all training rows, tests it once, and writes it like `train`.
 */
export async function tuneCommand(path: string, options: TuneCommandOptions, tfjsBackend: () => Promise<string>, pool?: WorkerPool): Promise<void> {
  if (!options.target) throw new SaplingError('missing-target', 'tune needs --target <column>');
  const strategy = (options.strategy ?? 'random') as TuneStrategy;
  if (!STRATEGIES.includes(strategy)) throw new SaplingError('bad-param', `--strategy must be ${STRATEGIES.join(', ')}, got "${options.strategy}"`);
  const trials = wholeOption('--trials', options.trials, strategy === 'halving' ? 27 : 20, 1);
  const folds = foldsOption(options.cv, 3);
  const budgetMs = options.budget === undefined ? undefined : positiveOption('--budget', options.budget, 0) * 1000;
  const seed = wholeOption('--seed', options.seed, DEFAULT_SEED, -(2 ** 31));
  const testSize = positiveOption('--test-size', options.testSize, 0.2);
  const steps = options.steps !== undefined ? stepsOption(options.steps) : undefined;

  const { table, warnings } = await readCsvFile(path, options.read ?? {}, pool);
  for (const w of warnings) console.log(`warning: ${w.message}`);
  const problem = resolveProblem(table, options.target, parseTask(options.task));
  const model = getModel(options.model ?? defaultModelFor(problem.task));
  const fixed = Object.fromEntries((options.param ?? []).map((p) => parseParamText(model.schema, p, `model "${model.id}"`)));
  const recipe = { ...defaultRecipe(recipeFacts(table), problem.target), testSize, ...(steps ? { steps } : {}) };
  const backend = model.tfjs ? await tfjsBackend() : undefined;
  const config = { problem, recipe, model: { id: model.id, params: fixed }, seed, ...(options.read && Object.keys(options.read).length ? { read: options.read } : {}) };

  const { split } = splitForRun(table, config);
  console.log(`tuning ${model.label} (${model.id}) on ${basename(path)}: ${split.train.length} training rows (${split.test.length} set aside for the test), ${strategy} search, ${folds}-fold cross-validation${budgetMs ? `, budget ${num(budgetMs / 1000)} s` : ''}, seed ${seed}`);
  let best = -Infinity;
  const searchOptions = { strategy, trials, folds, budgetMs };
  const { file, report } = await tuneAndTrain(table, config, searchOptions, {
    host: pool,
    backend,
    onTrial: (t) => {
      best = Math.max(best, Number.isNaN(t.score) ? -Infinity : t.score);
      console.log(trialLine(t, best, strategy === 'halving'));
    },
    onTuned: (result) => console.log(`\n${result.stopReason}; best ${result.metric} ${num(result.best.score)} ± ${num(result.best.std)} with ${describe(result.best.params)}`),
  });
  console.log(`refitted on ${report.split.train} training rows, tested on ${report.split.test}:\n`);
  console.log(formatMetrics(report.metrics));
  await writeFiles(file, report, options);
}

/** One printed line per trial: its parameters, its score ± spread, its time, and the best so far. */
function trialLine(t: Trial, best: number, rounds: boolean): string {
  const score = Number.isNaN(t.score) ? `failed: ${t.error}` : `${num(t.score)} ± ${num(t.std)}`;
  const rows = rounds ? `  round ${t.rung + 1}, ${t.rows} rows` : '';
  return `trial ${t.index + 1}  ${describe(t.params)}  ${score}${rows}  ${num(t.ms / 1000)} s  best ${num(best)}`;
}

function describe(params: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(params);
  return entries.length ? entries.map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : String(v)}`).join(' ') : '(defaults)';
}
