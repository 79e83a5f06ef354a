import type { ParamsOf } from '../../params';
import type { ColumnKind } from '../../table/column';
import { SaplingError } from '../../util/errors';
import { keyed } from '../../util/keyed';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from '../step';
import { DATE_PART_IDS, type DatePart, type DatePartsState, datePartsTransform } from './dateParts.transform';

const KINDS: readonly ColumnKind[] = ['datetime'];

const part = (label: string, on: boolean, help: string) => ({ type: 'boolean' as const, label, default: on, help });

const schema = {
  year: part('Year', true, 'The year (2024), as `<column>.year`.'),
  quarter: part('Quarter', false, 'The quarter, 1 to 4.'),
  month: part('Month', true, 'The month, 1 (January) to 12.'),
  day: part('Day of month', true, 'The day of the month, 1 to 31.'),
  weekday: part('Weekday', true, 'The day of the week, Monday 0 to Sunday 6.'),
  dayOfYear: part('Day of year', false, 'The day of the year, 1 to 366.'),
  hour: part('Hour', true, 'The hour, 0 to 23; only for a column whose training values have a time of day.'),
  minute: part('Minute', false, 'The minute, 0 to 59; only for a column whose training values have a time of day.'),
  weekend: part('Is weekend', true, '1 on Saturday and Sunday, 0 otherwise.'),
  cyclic: part(
    'Cyclic',
    false,
    'Adds sine and cosine of the month, weekday and hour, so that December sits next to January: sin(2π·(month − 1)/12), sin(2π·weekday/7), sin(2π·hour/24) and the same with cos.',
  ),
  keep: part('Keep the date column', false, 'Keeps the date column beside its parts (models cannot use it as it is; a later step may).'),
  columns: columnsParam('date'),
  kinds: kindsParam(KINDS),
} as const;

type Params = ParamsOf<typeof schema>;

/** The parts chosen by `params`; the time-of-day parts only when the column has a time of day. */
function partsFor(params: Params, hasTime: boolean): DatePart[] {
  const on: Record<DatePart, boolean> = {
    year: params.year,
    quarter: params.quarter,
    month: params.month,
    day: params.day,
    weekday: params.weekday,
    dayofyear: params.dayOfYear,
    hour: params.hour && hasTime,
    minute: params.minute && hasTime,
    is_weekend: params.weekend,
    month_sin: params.cyclic,
    month_cos: params.cyclic,
    weekday_sin: params.cyclic,
    weekday_cos: params.cyclic,
    hour_sin: params.cyclic && hasTime,
    hour_cos: params.cyclic && hasTime,
  };
  return DATE_PART_IDS.filter((p) => on[p]);
}

/** Whether any present value is not at midnight UTC (a column of dates alone has constant hours and minutes). */
function hasTimeOfDay(values: Float64Array): boolean {
  for (const v of values) if (v === v && v % 864e5 !== 0) return true;
  return false;
}

/**
 * Date and time parts as numbers, in UTC, as pandas' `Series.dt` computes them (`date.month`,
 * `date.weekday`, `date.month_sin`, …); the date column itself is dropped unless kept. A missing
 * date gives missing parts, for a later "Fill missing values" step.
 */
export const datePartsStep: StepDefinition<typeof schema, DatePartsState> = {
  id: 'date-parts',
  label: 'Date parts',
  help: 'Turns each date column into numbers a model can use: year, quarter, month, day, weekday (Monday 0), day of year, hour, minute, is-weekend, and optionally sine and cosine of month, weekday and hour, so that the last month sits next to the first. In UTC. A missing date gives missing parts.',
  schema,
  checkState: datePartsTransform.checkState,
  fit(table, params) {
    const columns: DatePartsState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, KINDS, params.kinds)) {
      if (column.kind !== 'datetime') continue;
      const parts = partsFor(params, hasTimeOfDay(column.values));
      if (!partsFor(params, true).length) throw new SaplingError('bad-param', 'the date parts step has no part chosen: tick at least one (year, month, …)');
      columns[column.name] = parts;
    }
    return { columns, keep: params.keep };
  },
  transform: (table, _params, state) => datePartsTransform.transform(table, state),
  lineage: (state) => Object.entries(state.columns).flatMap(([name, parts]) => parts.map((p): [string, string[]] => [`${name}.${p}`, [name]])),
};
