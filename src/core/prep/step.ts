import type { ParamSchema, ParamsOf } from '../params';
import { type DataTable, createTable } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import type { Column, ColumnKind } from '../table/column';

/**
 * A preprocessing step in the manner of a scikit-learn transformer: `fit` learns state from the
 * training split only, `transform` applies that state to any table. State is plain JSON data so the
 * fitted recipe travels in the model file.
 */
export interface StepDefinition<S extends ParamSchema = ParamSchema, State = unknown> {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly schema: S;
  /** Learns the step's state from training features (the target is never passed in). */
  fit(table: DataTable, params: ParamsOf<S>): State;
  /** Applies fitted state; columns the step does not touch pass through unchanged. */
  transform(table: DataTable, params: ParamsOf<S>, state: State): DataTable;
  /** For columns the step creates: [created, input column it came from] pairs (for importance by name). */
  sources?(state: State): readonly (readonly [string, string])[];
  /**
   * Checks fitted state read from a model file at `path` (`pipeline.steps[1].state`) before
   * `transform` uses it, throwing a `bad-model-file` SaplingError naming the place (`util/check.ts`).
   */
  checkState(state: unknown, path: string): void;
}

/** Columns of the given kinds, restricted to `names` when that list is not empty. */
export function selectColumns(table: DataTable, names: readonly string[], kinds: readonly ColumnKind[]): Column[] {
  const wanted = names.length ? new Set(names) : null;
  return table.columns.filter((c) => kinds.includes(c.kind) && (!wanted || wanted.has(c.name)));
}

/** Common `columns` parameter: which columns a step applies to (empty = every column it can handle). */
export function columnsParam(kindsText: string) {
  return {
    type: 'columns' as const,
    label: 'Columns',
    default: [] as readonly string[],
    help: `Columns to apply this step to; leave empty for every ${kindsText} column.`,
  };
}

/**
 * The table a step returns: a column it makes whose name the data already has (a CSV column called
 * `island=Biscoe` beside `island`, or `pc1`) is the person's to resolve, so it gets a clear error
 * rather than `createTable`'s internal one.
 */
export function outputTable(columns: readonly Column[], step: string): DataTable {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) {
      throw new SaplingError('column-clash', `the ${step} step makes a column "${c.name}", but the data already has a column of that name: rename that column or leave it out`);
    }
    seen.add(c.name);
  }
  return createTable(columns);
}

/**
 * A step's prediction half: replaying fitted state on new rows, and checking state read from a file.
 * It lives in `<step>.transform.ts` apart from the fitting (and the schema's help text), so the
 * prediction runtime carries no fitting code; the step's definition delegates to it.
 */
export interface StepTransform<State = unknown> {
  readonly id: string;
  /** Applies fitted state; columns the step does not touch pass through unchanged. */
  transform(table: DataTable, state: State): DataTable;
  /** Checks fitted state read from a model file at `path`, throwing a `bad-model-file` SaplingError naming the place. */
  checkState(state: unknown, path: string): void;
  /**
   * The step on a table of numeric columns named `columns` holding finite numbers only, as plain
   * data for the prediction runtime's fused path (prep/numericPlan.ts): the columns it leaves, each
   * with the map (x − offset) / scale when it changes them. Absent (or undefined for this state)
   * when the step does more than that there (makes or renames columns).
   */
  onFiniteNumbers?(state: State, columns: readonly string[]): FiniteNumberStep | undefined;
}

/** What a step does to numeric columns of finite numbers: the columns it keeps, and the affine maps of those it changes. */
export interface FiniteNumberStep {
  readonly kept: readonly string[];
  readonly maps: ReadonlyMap<string, AffineMap>;
}

/** x ↦ (x − offset) / scale, computed in float64 in that order (as the scale step computes it). */
export interface AffineMap {
  readonly offset: number;
  readonly scale: number;
}
