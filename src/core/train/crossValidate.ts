import type { ModelFile } from '../artifact/modelFile';
import { type SplitIndices, kFoldSplits, repeatedHoldout } from '../prep/split';
import { classTarget, isClassification } from '../problem';
import { type DataTable, getColumn, selectRows } from '../table/DataTable';
import type { Column } from '../table/column';
import { SaplingError } from '../util/errors';
import { createRng } from '../util/rng';
import type { TrainConfig, ValidationSpec } from './config';
import type { CvMetrics, ValidationReport } from './report';
import { type RunContext, nestedContext, singleRun } from './singleRun';

/**
 * k-fold cross-validation of a config on `table` (its rows with a target): stratified by class for
 * classification (unless the recipe says not to stratify), grouped when the spec names a group
 * column, folds drawn from the run's seed. Each fold is a whole training run on the other folds
 * (the recipe fitted on them alone) scored on the fold, so no fold's rows leak into its own
 * model. Every metric comes back as the mean and the (population) standard deviation over the
 * folds, with the per-fold values. `onFoldModel` sees each fold's model and its held-out rows
 * (Auto scores averages of models from them).
 */
export async function crossValidate(table: DataTable, config: TrainConfig, spec: ValidationSpec, ctx: RunContext & { readonly onFoldModel?: (file: ModelFile, heldOut: DataTable) => void | Promise<void> } = {}): Promise<{ metrics: CvMetrics; validation: ValidationReport }> {
  const { splits, method } = cvFolds(table, config, spec);
  const inner: TrainConfig = { ...config, validation: undefined };
  // Fold runs report no epochs (the live chart is the final model's) but can be cancelled.
  const foldContext: RunContext = { ...nestedContext(ctx), now: ctx.now };
  const scores: Record<string, number>[] = [];
  for (let f = 0; f < splits.length; f++) {
    ctx.onFold?.(f + 1, splits.length);
    const heldOut = selectRows(table, splits[f].test);
    const { file, report } = await singleRun(selectRows(table, splits[f].train), inner, foldContext, heldOut);
    await ctx.onFoldModel?.(file, heldOut);
    scores.push({ ...report.metrics.test });
  }
  return { metrics: aggregateFolds(scores), validation: { method, folds: spec.folds, ...(spec.method === 'holdout' ? { test_size: config.recipe.testSize } : {}), ...(spec.group !== undefined ? { group: spec.group } : {}), fold_rows: splits.map((s) => s.test.length) } };
}

/**
 * The k folds (or holdout splits) of `table` for a config, as every cross-validation of it draws
 * them: stratified by class for classification (unless the recipe says not to stratify), grouped
 * when `spec` names a group column, from their own stream of the seed (so adding cross-validation
 * leaves the model unchanged).
 */
export function cvFolds(table: DataTable, config: TrainConfig, spec: ValidationSpec): { splits: SplitIndices[]; method: ValidationReport['method'] } {
  const groups = spec.group !== undefined ? groupCodes(table, spec.group) : undefined;
  const strata = !groups && isClassification(config.problem.task) && config.recipe.stratify ? classTarget(getColumn(table, config.problem.target)).y : undefined;
  const rng = createRng(config.seed ^ FOLD_SEED);
  const kind = groups ? 'grouped ' : strata ? 'stratified ' : '';
  if (spec.method === 'holdout') {
    if (!Number.isInteger(spec.folds) || spec.folds < 2) throw new SaplingError('bad-param', `repeated holdout needs at least 2 repeats, got ${spec.folds}`);
    return { splits: repeatedHoldout(table.rowCount, config.recipe.testSize, spec.folds, rng, { strata, groups }), method: `${kind}repeated holdout` };
  }
  return { splits: kFoldSplits(table.rowCount, spec.folds, rng, { strata, groups }), method: `${kind}k-fold` };
}

/** Every metric's mean, spread and per-fold values, from each fold's metrics. */
export function aggregateFolds(scores: readonly Readonly<Record<string, number>>[]): CvMetrics {
  const metrics: Record<string, { mean: number; std: number; folds: number[] }> = {};
  for (const key of Object.keys(scores[0])) {
    const folds = scores.map((s) => s[key]);
    metrics[key] = { ...meanAndStd(folds), folds };
  }
  return metrics;
}

/** The mean and the population standard deviation (as numpy's std) of scores over folds or repeats. */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}

/** Mixed into the seed for the folds' generator. */
export const FOLD_SEED = 0x5eed_f01d;

/** A code per row for the group column's values (−1 where missing). */
function groupCodes(table: DataTable, name: string): Int32Array {
  if (!table.columns.some((c) => c.name === name)) throw new SaplingError('unknown-column', `the group column "${name}" is not in the data`);
  const column: Column = getColumn(table, name);
  if (column.kind === 'categorical' || column.kind === 'text') return Int32Array.from(column.codes);
  const codes = new Map<number, number>();
  // Missing: NaN for numbers and dates, −1 for booleans.
  return Int32Array.from(column.values, (v: number) => (Number.isNaN(v) || (column.kind === 'boolean' && v < 0) ? -1 : code(codes, v)));
}

function code(codes: Map<number, number>, v: number): number {
  let c = codes.get(v);
  if (c === undefined) codes.set(v, (c = codes.size));
  return c;
}
