/**
 * Something in the data a person should know about, with a stable `code`, a readable message, and
 * where it is: a column and/or 1-based physical line numbers in the file.
 */
export interface DataWarning {
  readonly code: string;
  readonly message: string;
  readonly column?: string;
  readonly lines?: readonly number[];
}

/** How many line numbers a warning lists before it only counts. */
export const MAX_WARNING_LINES = 20;
