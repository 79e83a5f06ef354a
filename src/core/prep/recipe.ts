import { type ParamSchema, type ParamsOf, resolveParams } from '../params';
import type { RecipeFacts } from '../profile/profile';
import { type DataTable, getColumn, selectRows } from '../table/DataTable';
import { type ColumnKind, isMissingAt } from '../table/column';
import { SaplingError } from '../util/errors';
import type { FeatureInfo, FittedPipeline, FittedStep } from './pipeline';
import type { FitContext, StepDefinition } from './step';
import type { RecipeSpec, StepSpec } from './recipeSpec';
import { getStep } from './registry';

// The recipe's and the fitted pipeline's types live in leaves (recipeSpec.ts, pipeline.ts), so a
// config or a model file names them without importing the steps' fitting code; replaying a fitted
// pipeline is replay.ts (no fitting code, for the prediction runtime).
export type { FeatureInfo, FittedPipeline, FittedStep, InputColumn } from './pipeline';
export type { RecipeSpec, StepSpec } from './recipeSpec';
export type { FitContext, StepTarget } from './step';
export { toMatrix, transformPipeline } from './replay';

/** Kinds a model matrix can be built from directly. */
const MATRIX_KINDS: readonly ColumnKind[] = ['numeric', 'boolean'];

/** A fitted pipeline, and the training rows left after steps that remove rows (null: all of them). */
export interface FittedRecipe {
  readonly pipeline: FittedPipeline;
  /** Indices into the fitted table's rows, ascending; the model trains on these rows' targets. */
  readonly rows: Int32Array | null;
  /** The training rows as the fit left them (its own transforms: cross-fitted where a step cross-fits). */
  readonly train: DataTable;
}

/** The context of a fit without a target. */
const NO_TARGET: FitContext = { seed: 0 };

/** Fits each step in turn on the training features (target already removed); `fitRecipe` also says which rows remain. */
export function fitPipeline(features: DataTable, specs: readonly StepSpec[], context: FitContext = NO_TARGET): FittedPipeline {
  return fitRecipe(features, specs, context).pipeline;
}

/**
 * Fits the steps in order, each on what the steps before it made from the training rows. A step may
 * appear more than once. Lineage follows every made column back to the original columns it comes
 * from; the model's inputs are the original columns some feature comes from (an unused column is
 * not asked for at prediction time).
 */
export function fitRecipe(features: DataTable, specs: readonly StepSpec[], context: FitContext = NO_TARGET): FittedRecipe {
  const fitted = fitSteps(features, specs, context);
  checkMatrixReady(fitted.train);
  return fitted;
}

/**
 * `fitRecipe` without asking that every column end up a number: for previews of a recipe being
 * written (the studio's Prepare), and for testing steps on their own.
 */
export function fitSteps(features: DataTable, specs: readonly StepSpec[], context: FitContext = NO_TARGET): FittedRecipe {
  const steps: FittedStep[] = [];
  // Each column of the current table → the original columns it comes from.
  const lineage = new Map<string, readonly string[]>(features.columns.map((c) => [c.name, [c.name]]));
  let table = features;
  let ctx = context;
  let rows: Int32Array | null = null;
  specs.forEach((spec, index) => {
    const fitted = fitStep(spec, `step ${index + 1} ("${spec.step}")`, table, ctx);
    if (fitted.kept) rows = rows ? Int32Array.from(fitted.kept, (i) => rows![i]) : fitted.kept;
    for (const [out, from] of fitted.def.lineage?.(fitted.state) ?? []) lineage.set(out, originsOf(from, lineage));
    ({ table, context: ctx } = fitted);
    steps.push({ step: spec.step, params: fitted.params, state: fitted.state });
  });
  const used = new Set(table.columns.flatMap((c) => lineage.get(c.name) ?? [c.name]));
  const featureInfo = table.columns.map((c): FeatureInfo => {
    const sources = lineage.get(c.name) ?? [c.name];
    // One original column: that column (importance and explanations group by it); several: the feature itself.
    return { name: c.name, source: sources.length === 1 ? sources[0] : c.name, sources };
  });
  return {
    pipeline: { inputs: features.columns.filter((c) => used.has(c.name)).map((c) => ({ name: c.name, kind: c.kind })), steps, features: featureInfo },
    rows,
    train: table,
  };
}

/** One step fitted on what the steps before it made: its definition, parameters and state, the rows it kept, and its output. */
export interface FittedStepRun {
  readonly def: StepDefinition;
  readonly params: ParamsOf<ParamSchema>;
  readonly state: unknown;
  /** Rows of the input it kept (removing training rows), or null when it kept them all. */
  readonly kept: Int32Array | null;
  /** The context after it (the target follows the rows kept). */
  readonly context: FitContext;
  /** The training rows as the step made them (its fit's own transform: cross-fitted where it cross-fits). */
  readonly table: DataTable;
}

/** Fits one recipe step: rows it removes first (target following), then its state, then its training output. `where` names it in errors. */
export function fitStep(spec: StepSpec, where: string, table: DataTable, context: FitContext): FittedStepRun {
  const def = getStep(spec.step);
  const params = resolveParams(def.schema, spec.params, where);
  let input = table;
  let ctx = context;
  let kept = def.keepRows?.(table, params, ctx) ?? null;
  if (kept && kept.length < table.rowCount) {
    const rows = kept;
    input = selectRows(table, rows);
    ctx = ctx.target ? { ...ctx, target: { ...ctx.target, y: Float64Array.from(rows, (i) => context.target!.y[i]) } } : ctx;
  } else kept = null;
  const state = def.fit(input, params, ctx);
  const out = def.fitTransform ? def.fitTransform(input, params, state, ctx) : def.transform(input, params, state);
  return { def, params, state, kept, context: ctx, table: out };
}

/** The original columns behind a step's input columns, in first-seen order, without repeats. */
function originsOf(inputs: readonly string[], lineage: ReadonlyMap<string, readonly string[]>): readonly string[] {
  const out = new Set<string>();
  for (const name of inputs) for (const origin of lineage.get(name) ?? [name]) out.add(origin);
  return [...out];
}

/** Every remaining column must be numeric or boolean; a clear error names the first that is not. */
function checkMatrixReady(table: DataTable): void {
  for (const c of table.columns) {
    if (!MATRIX_KINDS.includes(c.kind)) {
      const fix = c.kind === 'categorical' ? 'add a one-hot encoding step' : c.kind === 'datetime' ? 'add a date parts step, or drop it' : 'drop it';
      throw new SaplingError('not-numeric', `column "${c.name}" is ${c.kind} and models need numbers; ${fix}`);
    }
  }
  if (table.columns.length === 0) throw new SaplingError('no-features', 'no feature columns are left after preprocessing');
}

/** What row cleaning removed. */
export interface CleaningReport {
  readonly missingTarget: number;
  readonly duplicates: number;
}

/**
 * Drops rows whose target is missing and, if asked, exact duplicate rows (the first is kept). With no
 * target (clustering, projection) only duplicates can be dropped.
 */
export function cleanRows(table: DataTable, target: string | null, dropDuplicates: boolean): { table: DataTable; report: CleaningReport } {
  const targetColumn = target === null ? null : getColumn(table, target);
  const keep: number[] = [];
  let missingTarget = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  for (let i = 0; i < table.rowCount; i++) {
    if (targetColumn && isMissingAt(targetColumn, i)) {
      missingTarget++;
      continue;
    }
    if (dropDuplicates) {
      const key = rowKey(table, i);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
    }
    keep.push(i);
  }
  if (keep.length === table.rowCount) return { table, report: { missingTarget, duplicates } };
  return { table: selectRows(table, keep), report: { missingTarget, duplicates } };
}

/** An exact key for row `i` (codes and numbers joined), so duplicates are found without hashing risk. */
function rowKey(table: DataTable, i: number): string {
  let key = '';
  for (const c of table.columns) key += (c.kind === 'categorical' || c.kind === 'text' ? c.codes[i] : c.values[i]) + '\u0001';
  return key;
}

/** Column types a model cannot use without feature engineering; the default recipe leaves them out. */
const UNUSABLE_TYPES = new Set(['id', 'text']);

/**
 * The recipe Sapling proposes for a profiled table: drop identifiers, free text, empty and constant
 * columns; turn dates into their parts; fill gaps; standardise numbers; one-hot encode categories;
 * 20% stratified test set.
 */
export function defaultRecipe(profile: RecipeFacts, target: string | null): RecipeSpec {
  const dropped = (c: RecipeFacts['columns'][number]) => UNUSABLE_TYPES.has(c.type) || c.missing === profile.rows || c.unique <= 1;
  const features = profile.columns.filter((c) => c.name !== target);
  const drop = features.filter(dropped).map((c) => c.name);
  // Every date column left (no names: a date column the person drops later is simply not there).
  const dates = features.some((c) => c.type === 'datetime' && !dropped(c));
  return {
    dropDuplicateRows: false,
    testSize: 0.2,
    stratify: true,
    steps: [
      { step: 'drop-columns', params: { columns: drop } },
      ...(dates ? [{ step: 'date-parts', params: {} }] : []),
      { step: 'impute', params: {} },
      { step: 'scale', params: {} },
      { step: 'one-hot', params: {} },
    ],
  };
}
