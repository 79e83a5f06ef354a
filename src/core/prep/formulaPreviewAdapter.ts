import type { DataTable } from '../table/DataTable';
import { previewFormula } from './formula/preview';

/*
 * The one place Prepare's preview reaches the formula language's own preview
 * (`previewFormula(table, expression, rows)` in prep/formula/preview.ts): the first values of the
 * new column, or the mistake with the span of the expression at fault. Set `formulaPreviewer` to
 * null to fall back to the step's own output and fitting error.
 */

/** A formula's first values, or its first mistake with the 0-based span [at, to) at fault (previewFormula's result). */
export type FormulaPreviewResult =
  | { readonly ok: true; readonly values: readonly (number | string | null)[] }
  | { readonly ok: false; readonly message: string; readonly at: number; readonly to: number };

/** The formula language's preview, or null to do without it. */
export const formulaPreviewer: ((table: DataTable, expression: string, rows: number) => FormulaPreviewResult) | null = previewFormula;
