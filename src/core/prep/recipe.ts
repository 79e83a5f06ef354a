import { resolveParams } from '../params';
import type { RecipeFacts } from '../profile/profile';
import { type DataTable, getColumn, selectRows } from '../table/DataTable';
import { type ColumnKind, isMissingAt } from '../table/column';
import { SaplingError } from '../util/errors';
import type { FittedPipeline, FittedStep } from './pipeline';
import type { RecipeSpec, StepSpec } from './recipeSpec';
import { getStep } from './registry';

// The recipe's and the fitted pipeline's types live in leaves (recipeSpec.ts, pipeline.ts), so a
// config or a model file names them without importing the steps' fitting code; replaying a fitted
// pipeline is replay.ts (no fitting code, for the prediction runtime).
export type { FeatureInfo, FittedPipeline, FittedStep, InputColumn } from './pipeline';
export type { RecipeSpec, StepSpec } from './recipeSpec';
export { toMatrix, transformPipeline } from './replay';

/** Kinds a model matrix can be built from directly. */
const MATRIX_KINDS: readonly ColumnKind[] = ['numeric', 'boolean'];

/** Fits each step in turn on the training features (target already removed). */
export function fitPipeline(features: DataTable, specs: readonly StepSpec[]): FittedPipeline {
  const steps: FittedStep[] = [];
  const sources = new Map<string, string>(features.columns.map((c) => [c.name, c.name]));
  let table = features;
  for (const spec of specs) {
    const def = getStep(spec.step);
    const params = resolveParams(def.schema, spec.params, `step "${spec.step}"`);
    const state = def.fit(table, params);
    table = def.transform(table, params, state);
    for (const [out, from] of def.sources?.(state) ?? []) sources.set(out, sources.get(from) ?? from);
    steps.push({ step: spec.step, params, state });
  }
  checkMatrixReady(table);
  const dropped = new Set(steps.filter((s) => s.step === 'drop-columns').flatMap((s) => (s.state as { dropped: string[] }).dropped));
  return {
    inputs: features.columns.filter((c) => !dropped.has(c.name)).map((c) => ({ name: c.name, kind: c.kind })),
    steps,
    features: table.columns.map((c) => ({ name: c.name, source: sources.get(c.name) ?? c.name })),
  };
}

/** Every remaining column must be numeric or boolean; a clear error names the first that is not. */
function checkMatrixReady(table: DataTable): void {
  for (const c of table.columns) {
    if (!MATRIX_KINDS.includes(c.kind)) {
      const fix = c.kind === 'categorical' ? 'add a one-hot encoding step' : 'drop it';
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
const UNUSABLE_TYPES = new Set(['id', 'text', 'datetime']);

/**
 * The recipe Sapling proposes for a profiled table: drop identifiers, free text, dates, empty and
 * constant columns; fill gaps; standardise numbers; one-hot encode categories; 20% stratified test set.
 */
export function defaultRecipe(profile: RecipeFacts, target: string | null): RecipeSpec {
  const drop = profile.columns
    .filter((c) => c.name !== target && (UNUSABLE_TYPES.has(c.type) || c.missing === profile.rows || c.unique <= 1))
    .map((c) => c.name);
  return {
    dropDuplicateRows: false,
    testSize: 0.2,
    stratify: true,
    steps: [
      { step: 'drop-columns', params: { columns: drop } },
      { step: 'impute', params: {} },
      { step: 'scale', params: {} },
      { step: 'one-hot', params: {} },
    ],
  };
}
