/**
 * Something in the data a person should know about, with a stable `code`, a readable message, and
 * where it is: a column and/or 1-based physical line numbers in the file.
 */
export interface DataWarning {
  readonly code: string;
  readonly message: string;
  readonly column?: string;
  readonly lines?: readonly number[];
  /** A change to the recipe that deals with it, applied with one click in the studio. */
  readonly fix?: WarningFix;
}

/** A recipe change that answers a warning: leave a column out, drop duplicate rows, stratify the split. */
export type WarningFix = { readonly kind: 'drop-column'; readonly column: string } | { readonly kind: 'drop-duplicates' } | { readonly kind: 'stratify' };

/** How many line numbers a warning lists before it only counts. */
export const MAX_WARNING_LINES = 20;
