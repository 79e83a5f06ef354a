import { type DateOrder, detectDateOrder, isMissingToken, parseBoolean, parseNumber } from './cells';
import type { ColumnKind } from './column';

/** Free-text heuristics: long, mostly distinct strings are text rather than categories. */
const TEXT_MIN_MEAN_LENGTH = 24;
const TEXT_MIN_DISTINCT_RATIO = 0.5;

/** True when strings of this mean length and distinctness read as free text rather than categories. */
export function looksLikeFreeText(meanLength: number, distinct: number, present: number): boolean {
  return meanLength >= TEXT_MIN_MEAN_LENGTH && distinct >= TEXT_MIN_DISTINCT_RATIO * present;
}

/** What inference found for a column: its kind and, for dates, the order of day, month and year. */
export interface InferredKind {
  readonly kind: ColumnKind;
  readonly dateOrder?: DateOrder;
  /** The dates read equally well as day/month and month/day; day/month was chosen. */
  readonly ambiguousDates?: boolean;
}

/**
 * The kind a person would give a column of raw cells: numeric if every present cell is a number,
 * boolean if every one is true/false/yes/no, datetime if every one is a date in one consistent order
 * (ISO, day/month/year, month/day/year, year/month/day), otherwise categorical, or text when the
 * strings are long and mostly distinct. An all-missing column is numeric (all NaN), which the
 * profile then flags. A numeric column of only 0 and 1 becomes boolean when the whole file is read.
 */
export function inferKind(raw: readonly string[]): InferredKind {
  let numeric = true;
  let boolean = true;
  let present = 0;
  for (const cell of raw) {
    if (isMissingToken(cell)) continue;
    present++;
    if (numeric && Number.isNaN(parseNumber(cell))) numeric = false;
    if (boolean && parseBoolean(cell) < 0) boolean = false;
    if (!numeric && !boolean) break;
  }
  if (present === 0 || numeric) return { kind: 'numeric' };
  if (boolean) return { kind: 'boolean' };
  const dates = detectDateOrder(raw);
  if (dates) return { kind: 'datetime', dateOrder: dates.order, ambiguousDates: dates.ambiguous };
  const distinct = new Set<string>();
  let totalLength = 0;
  present = 0;
  for (const cell of raw) {
    if (isMissingToken(cell)) continue;
    present++;
    totalLength += cell.length;
    distinct.add(cell.trim());
  }
  return { kind: looksLikeFreeText(totalLength / present, distinct.size, present) ? 'text' : 'categorical' };
}
