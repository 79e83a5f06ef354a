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
  /**
   * Learns the step's state from the training rows' features. The target comes in the context only,
   * for supervised steps (target encoding, selection); it is never a column of `table`.
   */
  fit(table: DataTable, params: ParamsOf<S>, context: FitContext): State;
  /** Applies fitted state; columns the step does not touch pass through unchanged. */
  transform(table: DataTable, params: ParamsOf<S>, state: State): DataTable;
  /**
   * The transform of the training rows themselves, where it must differ from replay (target
   * encoding's cross-fitting: each training row encoded by folds that did not see it).
   */
  fitTransform?(table: DataTable, params: ParamsOf<S>, state: State, context: FitContext): DataTable;
  /**
   * Training rows to keep before this step and the rest are fitted (removing duplicate rows): row
   * indices of `table`, ascending, or null for all. Never applied at prediction time.
   */
  keepRows?(table: DataTable, params: ParamsOf<S>, context: FitContext): Int32Array | null;
  /**
   * Every column the step makes, with the columns of its input table it is computed from
   * (`age×fare` ← age, fare). Columns changed in place keep their name and need no entry.
   */
  lineage?(state: State): readonly (readonly [output: string, inputs: readonly string[]])[];
  /**
   * Checks fitted state read from a model file at `path` (`pipeline.steps[1].state`) before
   * `transform` uses it, throwing a `bad-model-file` SaplingError naming the place (`util/check.ts`).
   */
  checkState(state: unknown, path: string): void;
}

/** The training target as a supervised step sees it, aligned with the fitted table's rows. */
export interface StepTarget {
  readonly task: 'regression' | 'binary' | 'multiclass';
  /** The value (regression) or the class index 0..k−1. */
  readonly y: Float64Array;
  /** The class labels by index; empty for regression. */
  readonly classes: readonly string[];
}

/** What a step's fit may read besides the table and its parameters. */
export interface FitContext {
  /** Absent where there is no target (clustering, projection): a supervised step then refuses (`needsTarget`). */
  readonly target?: StepTarget;
  /** Seeds any randomness (folds, starts): the same seed gives the same state. */
  readonly seed: number;
}

/** The target of a supervised step's fit, or a clear error naming the step. */
export function needsTarget(context: FitContext, step: string): StepTarget {
  if (!context.target) throw new SaplingError('needs-target', `the ${step} step learns from the target column; choose a target, or remove the step`);
  return context.target;
}

/**
 * The columns a step applies to: of the kinds it handles (`handled`), narrowed to the kinds chosen
 * (`kinds`, empty = all it handles) and to the names chosen (`names`, empty = all). A named column
 * that does not exist is an error, so a typo is caught at training time.
 */
export function selectColumns(table: DataTable, names: readonly string[], handled: readonly ColumnKind[], kinds: readonly ColumnKind[] = []): Column[] {
  if (names.length) {
    const present = new Set(table.columns.map((c) => c.name));
    const unknown = names.filter((n) => !present.has(n));
    if (unknown.length) throw new SaplingError('unknown-column', `no column ${unknown.map((c) => `"${c}"`).join(', ')} in the data at this step`);
  }
  const wanted = names.length ? new Set(names) : null;
  const allowed = kinds.length ? handled.filter((k) => kinds.includes(k)) : handled;
  return table.columns.filter((c) => allowed.includes(c.kind) && (!wanted || wanted.has(c.name)));
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

/** Common `kinds` parameter: a column selector by kind among those the step handles (empty = all of them). */
export function kindsParam(handled: readonly ColumnKind[]) {
  return {
    type: 'kinds' as const,
    label: 'Column kinds',
    default: [] as readonly ColumnKind[],
    options: handled,
    help: `Apply this step to columns of these kinds only; leave empty for every kind it handles (${handled.join(', ')}).`,
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
