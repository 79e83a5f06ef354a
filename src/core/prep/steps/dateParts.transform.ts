import type { DataTable } from '../../table/DataTable';
import type { Column, NumericColumn } from '../../table/column';
import { checkBoolean, checkEntries, checkObject, checkString, checkStrings } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { outputTable, type StepTransform } from '../step';

const DAY = 864e5;
const TAU = 2 * Math.PI;

/**
 * Year, month (1–12) and day (1–31) of a count of days since 1970-01-01, in the proleptic Gregorian
 * calendar: Howard Hinnant's `civil_from_days` (chrono-Compatible Low-Level Date Algorithms), in
 * arithmetic only, because a `Date` per value was most of the step's time. NaN in, NaN out.
 */
function civil(days: number, part: 0 | 1 | 2): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  if (part === 1) return month;
  if (part === 2) return doy - Math.floor((153 * mp + 2) / 5) + 1;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

/** Days since the epoch of 1 January of `year` (Hinnant's `days_from_civil` for that date). */
function firstOfYear(year: number): number {
  const y = year - 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + 306 - 719468;
}

const days = (ms: number) => Math.floor(ms / DAY);
const month = (ms: number) => civil(days(ms), 1);
// 1970-01-01 was a Thursday: weekday 3 when Monday is 0.
const weekday = (ms: number) => (((days(ms) + 3) % 7) + 7) % 7;
const hour = (ms: number) => Math.floor((ms - days(ms) * DAY) / 36e5);

/**
 * The parts of a date, each a number computed in UTC from milliseconds since the epoch (how
 * datetime columns hold their values). Each follows pandas' `Series.dt` accessor of the same name:
 * months 1–12, weekday Monday = 0 … Sunday = 6, day of year 1–366. The cyclic parts put a part on a
 * circle so December sits next to January: sin(2π·(month − 1)/12), sin(2π·weekday/7), sin(2π·hour/24)
 * (and the same with cos).
 */
export const DATE_PARTS = {
  year: (ms: number) => civil(days(ms), 0),
  quarter: (ms: number) => Math.floor((month(ms) - 1) / 3) + 1,
  month,
  day: (ms: number) => civil(days(ms), 2),
  weekday,
  dayofyear: (ms: number) => days(ms) - firstOfYear(civil(days(ms), 0)) + 1,
  hour,
  minute: (ms: number) => Math.floor((ms - days(ms) * DAY) / 6e4) % 60,
  is_weekend: (ms: number) => (ms !== ms ? NaN : +(weekday(ms) >= 5)),
  month_sin: (ms: number) => Math.sin((TAU * (month(ms) - 1)) / 12),
  month_cos: (ms: number) => Math.cos((TAU * (month(ms) - 1)) / 12),
  weekday_sin: (ms: number) => Math.sin((TAU * weekday(ms)) / 7),
  weekday_cos: (ms: number) => Math.cos((TAU * weekday(ms)) / 7),
  hour_sin: (ms: number) => Math.sin((TAU * hour(ms)) / 24),
  hour_cos: (ms: number) => Math.cos((TAU * hour(ms)) / 24),
} as const;

/** A date part's id; the column it makes is `<date column>.<id>`. */
export type DatePart = keyof typeof DATE_PARTS;

/** Every part id, in the order a column's parts are made. */
export const DATE_PART_IDS = Object.keys(DATE_PARTS) as DatePart[];

/** One part of each value of `values` (ms since the epoch); a missing or out-of-range date gives NaN. */
export function datePartValues(values: Float64Array, part: DatePart): Float64Array {
  const f = DATE_PARTS[part];
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f(values[i]);
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
