import type { DataTable } from '../table/DataTable';
import { type ColumnKind, formatCell } from '../table/column';
import { errorMessage } from '../util/errors';
import type { FeatureInfo } from './pipeline';
export { featureSources } from './featureSources';
import { type FormulaPreviewResult, formulaPreviewer } from './formulaPreviewAdapter';
import { fitRecipe, fitStep } from './recipe';
import type { StepSpec } from './recipeSpec';
import type { FitContext } from './step';
import type { RfeCurve, RfeState } from './steps/rfe.transform';

/*
 * What Prepare shows while a person edits the recipe: the recipe fitted on a sample of the
 * training rows, step by step, so that an error is pinned on the step that raised it, each step's
 * form knows the columns it receives (its column picker, the polynomial step's count), and the
 * resulting columns are listed with the original columns they come from.
 */

/** A column as a step receives it. */
export interface PreviewColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** One step of the recipe on the sample: the columns it received, what it made and removed, or why it failed. */
export interface StepPreview {
  readonly inputs: readonly PreviewColumn[];
  /** Columns after the step (0 when it failed). */
  readonly outputs: number;
  /** Columns the step made (names its input did not have). */
  readonly made: readonly string[];
  /** How many of its input columns are gone after it. */
  readonly removed: number;
  /** Rows the step kept of those it received (drop-duplicates), when it removed some. */
  readonly keptRows?: number;
  /** The first values of the first columns it made (a formula's new column, as the person types it). */
  readonly firstValues?: readonly { readonly column: string; readonly values: readonly string[] }[];
  /** A formula step's expression on the first rows of its input, or its mistake with the span at fault (formulaPreviewAdapter.ts). */
  readonly formula?: FormulaPreviewResult;
  /** Recursive elimination with cross-validation: the score against the number of columns, and the count chosen. */
  readonly rfe?: RfeCurve;
  readonly error?: string;
}

/** Made columns, and rows of each, whose first values a step's preview carries. */
const FIRST_COLUMNS = 3;
const FIRST_ROWS = 5;

/** The recipe on a sample of the training rows. */
export interface RecipePreview {
  /** Feature columns before the recipe. */
  readonly inputColumns: number;
  /** Rows of the sample the recipe was fitted on. */
  readonly sampleRows: number;
  /** One entry per step of the recipe; null for the steps after a failed one (not reached). */
  readonly steps: readonly (StepPreview | null)[];
  /** The model's input features with the original columns each comes from; null when the recipe fails. */
  readonly features: readonly FeatureInfo[] | null;
  /** What failed: a step (its index) or the recipe as a whole (step null: a column left that models cannot read). */
  readonly error: { readonly step: number | null; readonly message: string } | null;
  /** The first rows after the recipe (or after the last step that worked), as display strings. */
  readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

/**
 * Fits `steps` in order on `features` (training rows, target removed; `context.target` aligned
 * with them), as the training run does, recording each step's columns; the first error stops
 * there and is pinned on its step. `shownRows` rows of the result are kept for display.
 */
export function previewRecipe(features: DataTable, steps: readonly StepSpec[], context: FitContext, shownRows = 8): RecipePreview {
  const outcomes: (StepPreview | null)[] = steps.map(() => null);
  let table = features;
  let ctx = context;
  let error: RecipePreview['error'] = null;
  for (let i = 0; i < steps.length && !error; i++) {
    const inputs = table.columns.map((c) => ({ name: c.name, kind: c.kind }));
    const formula = formulaOf(steps[i], table);
    try {
      const fitted = fitStep(steps[i], `step "${steps[i].step}"`, table, ctx);
      const { state, table: out } = fitted;
      ctx = fitted.context;
      const before = new Set(inputs.map((c) => c.name));
      const after = new Set(out.columns.map((c) => c.name));
      const made = out.columns.filter((c) => !before.has(c.name));
      outcomes[i] = {
        inputs,
        outputs: out.columns.length,
        made: made.map((c) => c.name),
        firstValues: made.slice(0, FIRST_COLUMNS).map((c) => ({ column: c.name, values: Array.from({ length: Math.min(FIRST_ROWS, out.rowCount) }, (_, r) => displayNumber(formatCell(c, r), c.kind)) })),
        removed: inputs.filter((c) => !after.has(c.name)).length,
        ...(fitted.kept ? { keptRows: fitted.kept.length } : {}),
        ...(formula ? { formula } : {}),
        ...(steps[i].step === 'rfe' && (state as RfeState).curve ? { rfe: (state as RfeState).curve! } : {}),
      };
      table = out;
    } catch (e) {
      outcomes[i] = { inputs, outputs: 0, made: [], removed: 0, error: errorMessage(e), ...(formula ? { formula } : {}) };
      error = { step: i, message: errorMessage(e) };
    }
  }
  let featureInfo: FeatureInfo[] | null = null;
  if (!error) {
    try {
      // The pipeline's own fit names the features and their lineage (and checks that models can read every column).
      featureInfo = [...fitRecipe(features, steps, context).pipeline.features];
    } catch (e) {
      error = { step: null, message: errorMessage(e) };
    }
  }
  const shown = Math.min(shownRows, table.rowCount);
  const rows: string[][] = [];
  for (let r = 0; r < shown; r++) rows.push(table.columns.map((c) => displayNumber(formatCell(c, r), c.kind)));
  return {
    inputColumns: features.columns.length,
    sampleRows: features.rowCount,
    steps: outcomes,
    features: featureInfo,
    error,
    table: { columns: table.columns.map((c) => c.name), rows },
  };
}

/** A formula step's preview on the first rows of the table it receives, when the formula language's preview is there. */
function formulaOf(spec: StepSpec, table: DataTable): FormulaPreviewResult | undefined {
  const expression = spec.params?.expression;
  if (spec.step !== 'formula' || !formulaPreviewer || typeof expression !== 'string') return undefined;
  try {
    return formulaPreviewer(table, expression, FIRST_ROWS);
  } catch {
    return undefined;
  }
}

/** A number cut to 4 significant digits for a narrow table (standardised values have 16). */
function displayNumber(text: string, kind: ColumnKind): string {
  if (kind !== 'numeric' || text === '') return text;
  const v = Number(text);
  if (Number.isInteger(v)) return text;
  // A mean filled in and then standardised is 0 up to rounding (1.3e-15): shown as 0.
  return Math.abs(v) < 1e-9 ? '0' : String(Number(v.toPrecision(4)));
}
