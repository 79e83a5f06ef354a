import type { DataTable } from '../table/DataTable';

/*
 * The one place Prepare's preview reaches the formula language's own preview
 * (`previewFormula(table, expression, rows)` in prep/formula/preview.ts, another part of issue 15).
 * Until that lands this is a stand-in returning null, and the preview shows the formula step's new
 * column from the step's own output (and its error from fitting); when it lands, switch
 * `formulaPreviewer` to it: the preview then shows the mistake's span in the expression.
 */

/** A formula's first values, or its first mistake with the 0-based span [at, to) at fault (previewFormula's result). */
export type FormulaPreviewResult =
  | { readonly ok: true; readonly values: readonly (number | string | null)[] }
  | { readonly ok: false; readonly message: string; readonly at: number; readonly to: number };

/** The formula language's preview, or null while it has not landed. */
export const formulaPreviewer: ((table: DataTable, expression: string, rows: number) => FormulaPreviewResult) | null = null;
