import type { DataTable } from '../../table/DataTable';
import type { Column, NumericColumn } from '../../table/column';
import { checkBoolean, checkEntries, checkObject, checkString, checkStrings } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { outputTable, type StepTransform } from '../step';

/**
 * The parts of a date, each a number computed in UTC from milliseconds since the epoch (how
 * datetime columns hold their values). Each follows pandas' `Series.dt` accessor of the same name:
 * months 1–12, weekday Monday = 0 … Sunday = 6, day of year 1–366. The cyclic parts put a part on a
 * circle so December sits next to January: sin(2π·(month − 1)/12), sin(2π·weekday/7), sin(2π·hour/24)
 * (and the same with cos).
 */
export const DATE_PARTS = {
  year: (d: Date) => d.getUTCFullYear(),
  quarter: (d: Date) => Math.floor(d.getUTCMonth() / 3) + 1,
  month: (d: Date) => d.getUTCMonth() + 1,
  day: (d: Date) => d.getUTCDate(),
  weekday: (d: Date) => (d.getUTCDay() + 6) % 7,
  dayofyear: (d: Date) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5) + 1,
  hour: (d: Date) => d.getUTCHours(),
  minute: (d: Date) => d.getUTCMinutes(),
  is_weekend: (d: Date) => +(d.getUTCDay() % 6 === 0),
  month_sin: (d: Date) => Math.sin((Math.PI * d.getUTCMonth()) / 6),
  month_cos: (d: Date) => Math.cos((Math.PI * d.getUTCMonth()) / 6),
  weekday_sin: (d: Date) => Math.sin((2 * Math.PI * ((d.getUTCDay() + 6) % 7)) / 7),
  weekday_cos: (d: Date) => Math.cos((2 * Math.PI * ((d.getUTCDay() + 6) % 7)) / 7),
  hour_sin: (d: Date) => Math.sin((Math.PI * d.getUTCHours()) / 12),
  hour_cos: (d: Date) => Math.cos((Math.PI * d.getUTCHours()) / 12),
} as const;

/** A date part's id; the column it makes is `<date column>.<id>`. */
export type DatePart = keyof typeof DATE_PARTS;

/** Every part id, in the order a column's parts are made. */
export const DATE_PART_IDS = Object.keys(DATE_PARTS) as DatePart[];

/** One part of each value of `values` (ms since the epoch); a missing or out-of-range date gives NaN. */
export function datePartValues(values: Float64Array, part: DatePart): Float64Array {
  const f = DATE_PARTS[part];
  const out = new Float64Array(values.length);
  // An invalid Date (NaN, or past ±8.64e15 ms) answers NaN to every getter, so missing stays missing.
  for (let i = 0; i < values.length; i++) out[i] = f(new Date(values[i]));
  return out;
}

/** The parts to make per datetime column (keyed by name without a prototype, read with `own`), and whether the date column stays. */
export type DatePartsState = { columns: Keyed<DatePart[]>; keep: boolean };

/** Replays date parts: each fitted datetime column becomes its part columns, in its place. */
export const datePartsTransform: StepTransform<DatePartsState> = {
  id: 'date-parts',
  checkState(state, path) {
    const s = checkObject(state, path);
    checkBoolean(s.keep, `${path}.keep`);
    checkEntries(s.columns, `${path}.columns`, (v, at) => checkStrings(v, at).forEach((p, i) => checkString(p, `${at}[${i}]`, DATE_PART_IDS)));
  },
  transform(table: DataTable, state) {
    const columns: Column[] = [];
    for (const column of table.columns) {
      const parts = own(state.columns, column.name);
      if (!parts || column.kind !== 'datetime') {
        columns.push(column);
        continue;
      }
      if (state.keep) columns.push(column);
      for (const part of parts) columns.push({ kind: 'numeric', name: `${column.name}.${part}`, values: datePartValues(column.values, part) } satisfies NumericColumn);
    }
    return outputTable(columns, 'date parts');
  },
};
