import { isMissingToken, parseBoolean, parseIsoDate, parseNumber } from './cells';
import type { Column, ColumnKind } from './column';

/** Free-text heuristics: long, mostly distinct strings are text rather than categories. */
const TEXT_MIN_MEAN_LENGTH = 24;
const TEXT_MIN_DISTINCT_RATIO = 0.5;

/**
 * The kind a person would give a column of raw cells: numeric if every present cell is a number,
 * boolean if every one is true/false/yes/no, datetime if every one is an ISO date, otherwise
 * categorical, or text when the strings are long and mostly distinct. An all-missing column is
 * numeric (all NaN), which the profile then flags.
 */
export function inferKind(raw: readonly string[]): ColumnKind {
  let numeric = true;
  let boolean = true;
  let datetime = true;
  let present = 0;
  let totalLength = 0;
  const distinct = new Set<string>();
  for (const cell of raw) {
    if (isMissingToken(cell)) continue;
    present++;
    if (numeric && Number.isNaN(parseNumber(cell))) numeric = false;
    if (boolean && parseBoolean(cell) < 0) boolean = false;
    if (datetime && Number.isNaN(parseIsoDate(cell))) datetime = false;
    if (!numeric && !boolean && !datetime) {
      totalLength += cell.length;
      distinct.add(cell);
    }
  }
  if (present === 0 || numeric) return 'numeric';
  if (boolean) return 'boolean';
  if (datetime) return 'datetime';
  // totalLength/distinct were gathered only after the other kinds were ruled out; recount fully.
  totalLength = 0;
  distinct.clear();
  for (const cell of raw) {
    if (isMissingToken(cell)) continue;
    totalLength += cell.length;
    distinct.add(cell);
  }
  const meanLength = totalLength / present;
  if (meanLength >= TEXT_MIN_MEAN_LENGTH && distinct.size >= TEXT_MIN_DISTINCT_RATIO * present) return 'text';
  return 'categorical';
}

/**
 * Converts raw cells to a column of the given kind. Cells that do not fit the kind become missing
 * (`invalid` counts them so the caller can warn).
 */
export function buildColumn(name: string, raw: readonly string[], kind: ColumnKind): { column: Column; invalid: number } {
  const n = raw.length;
  let invalid = 0;
  switch (kind) {
    case 'numeric':
    case 'datetime': {
      const parse = kind === 'numeric' ? parseNumber : parseIsoDate;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const cell = raw[i];
        if (isMissingToken(cell)) values[i] = NaN;
        else {
          values[i] = parse(cell);
          if (Number.isNaN(values[i])) invalid++;
        }
      }
      return { column: { kind, name, values }, invalid };
    }
    case 'boolean': {
      const values = new Int8Array(n);
      for (let i = 0; i < n; i++) {
        const cell = raw[i];
        values[i] = isMissingToken(cell) ? -1 : parseBoolean(cell);
        if (values[i] < 0 && !isMissingToken(cell)) invalid++;
      }
      return { column: { kind, name, values }, invalid };
    }
    case 'categorical':
    case 'text': {
      const codes = new Int32Array(n);
      const index = new Map<string, number>();
      const categories: string[] = [];
      for (let i = 0; i < n; i++) {
        const cell = raw[i];
        if (isMissingToken(cell)) {
          codes[i] = -1;
          continue;
        }
        const value = cell.trim();
        let code = index.get(value);
        if (code === undefined) {
          code = categories.length;
          categories.push(value);
          index.set(value, code);
        }
        codes[i] = code;
      }
      return { column: { kind, name, codes, categories }, invalid };
    }
  }
}
