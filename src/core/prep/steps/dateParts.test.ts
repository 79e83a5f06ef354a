import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { createTable, getColumn } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { numeric } from '../../testing/tables';
import { datePartsStep } from './dateParts';
import { DATE_PART_IDS, datePartValues } from './dateParts.transform';

// Printed by scripts/dates-pandas-reference.py (pandas Series.dt in UTC; the cyclic parts as
// sin/cos(2π·(month−1)/12), sin/cos(2π·weekday/7), sin/cos(2π·hour/24)). The last row is a missing date.
const PANDAS: Record<string, (number | null)[]> = {"ms": [1709214300000.0, 1704067140000.0, 1704499200000.0, -14182980000.0, 951890400000.0, -8515238400000.0, -2077704000000.0, 7289595000000.0, 0.0, -1000.0, null], "year": [2024.0, 2023.0, 2024.0, 1969.0, 2000.0, 1700.0, 1904.0, 2200.0, 1970.0, 1969.0, null], "quarter": [1.0, 4.0, 1.0, 3.0, 1.0, 1.0, 1.0, 4.0, 1.0, 4.0, null], "month": [2.0, 12.0, 1.0, 7.0, 3.0, 3.0, 2.0, 12.0, 1.0, 12.0, null], "day": [29.0, 31.0, 6.0, 20.0, 1.0, 1.0, 29.0, 31.0, 1.0, 31.0, null], "weekday": [3.0, 6.0, 5.0, 6.0, 2.0, 0.0, 0.0, 2.0, 3.0, 2.0, null], "dayofyear": [60.0, 365.0, 6.0, 201.0, 61.0, 60.0, 60.0, 365.0, 1.0, 365.0, null], "hour": [13.0, 23.0, 0.0, 20.0, 6.0, 0.0, 12.0, 7.0, 0.0, 23.0, null], "minute": [45.0, 59.0, 0.0, 17.0, 0.0, 0.0, 0.0, 30.0, 0.0, 59.0, null], "is_weekend": [0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, null], "month_sin": [0.49999999999999994, -0.5000000000000004, 0.0, 1.2246467991473532e-16, 0.8660254037844386, 0.8660254037844386, 0.49999999999999994, -0.5000000000000004, 0.0, -0.5000000000000004, null], "month_cos": [0.8660254037844387, 0.8660254037844384, 1.0, -1.0, 0.5000000000000001, 0.5000000000000001, 0.8660254037844387, 0.8660254037844384, 1.0, 0.8660254037844384, null], "weekday_sin": [0.43388373911755823, -0.7818314824680299, -0.9749279121818236, -0.7818314824680299, 0.9749279121818236, 0.0, 0.0, 0.9749279121818236, 0.43388373911755823, 0.9749279121818236, null], "weekday_cos": [-0.900968867902419, 0.6234898018587334, -0.2225209339563146, 0.6234898018587334, -0.22252093395631434, 1.0, 1.0, -0.22252093395631434, -0.900968867902419, -0.22252093395631434, null], "hour_sin": [-0.2588190451025208, -0.25881904510252157, 0.0, -0.8660254037844386, 1.0, 0.0, 1.2246467991473532e-16, 0.9659258262890683, 0.0, -0.25881904510252157, null], "hour_cos": [-0.9659258262890683, 0.9659258262890681, 1.0, 0.5000000000000001, 6.123233995736766e-17, 1.0, -1.0, -0.25881904510252063, 1.0, 0.9659258262890681, null]};

const stamps = Float64Array.from(PANDAS.ms, (v) => v ?? NaN);
const when = { kind: 'datetime' as const, name: 'when', values: stamps };

function fit(table: ReturnType<typeof createTable>, params: Record<string, unknown> = {}) {
  const p = resolveParams(datePartsStep.schema, params);
  const state = datePartsStep.fit(table, p, { seed: 0 });
  return { state, apply: (t = table) => datePartsStep.transform(t, p, state) };
}

const values = (t: ReturnType<typeof createTable>, name: string) => Array.from((getColumn(t, name) as NumericColumn).values, (v) => (v !== v ? null : v));

describe('date parts', () => {
  it('matches pandas on every part, a missing date giving missing parts', () => {
    for (const part of DATE_PART_IDS) {
      const ours = Array.from(datePartValues(stamps, part), (v) => (v !== v ? null : v));
      ours.forEach((v, i) => {
        const want = PANDAS[part][i];
        if (want === null) expect(v, `${part}[${i}]`).toBeNull();
        else expect(Math.abs((v as number) - want), `${part}[${i}]`).toBeLessThan(1e-12);
      });
    }
  });

  it('replaces a date column by its chosen parts, in its place, named <column>.<part>', () => {
    const table = createTable([numeric('a', Array.from(stamps, (_, i) => i)), when, numeric('b', Array.from(stamps, () => 0))]);
    const out = fit(table).apply();
    expect(out.columns.map((c) => c.name)).toEqual(['a', 'when.year', 'when.month', 'when.day', 'when.weekday', 'when.hour', 'when.is_weekend', 'b']);
    expect(values(out, 'when.weekday')).toEqual(PANDAS.weekday);
    const all = fit(table, { quarter: true, dayOfYear: true, minute: true, cyclic: true, keep: true }).apply();
    expect(all.columns.map((c) => c.name)).toEqual(['a', 'when', ...DATE_PART_IDS.map((p) => `when.${p}`), 'b']);
    expect(values(all, 'when.hour_cos')).toEqual(PANDAS.hour_cos.map((v) => (v === null ? null : expect.closeTo(v, 12))));
  });

  it('leaves out hour and minute for a column of dates without a time of day', () => {
    const days = createTable([{ kind: 'datetime', name: 'd', values: Float64Array.from([Date.UTC(2020, 0, 1), Date.UTC(1960, 5, 30), NaN]) }]);
    const { state, apply } = fit(days, { minute: true, cyclic: true });
    expect(state.columns.d).toEqual(['year', 'month', 'day', 'weekday', 'is_weekend', 'month_sin', 'month_cos', 'weekday_sin', 'weekday_cos']);
    expect(values(apply(), 'd.month')).toEqual([1, 6, null]);
    expect(datePartsStep.lineage?.(state)).toContainEqual(['d.weekday_cos', ['d']]);
  });

  it('keeps its state through JSON, replays on new rows, and skips a fitted column that is absent', () => {
    const table = createTable([when]);
    const { state } = fit(table);
    const copy = JSON.parse(JSON.stringify(state));
    datePartsStep.checkState(copy, 's');
    const p = resolveParams(datePartsStep.schema, {});
    const fresh = createTable([{ kind: 'datetime', name: 'when', values: Float64Array.from([Date.UTC(2021, 11, 25, 18)]) }]);
    expect(values(datePartsStep.transform(fresh, p, copy), 'when.weekday')).toEqual([5]);
    expect(values(datePartsStep.transform(fresh, p, copy), 'when.hour')).toEqual([18]);
    expect(datePartsStep.transform(createTable([numeric('x', [1])]), p, copy).columns.map((c) => c.name)).toEqual(['x']);
    expect(() => datePartsStep.checkState({ columns: { when: ['year', 'era'] }, keep: false }, 's')).toThrow('s.columns["when"][1]: "era" is not one of');
    expect(() => datePartsStep.checkState(null, 's')).toThrow('s: expected an object');
  });

  it('reads a column called __proto__ like any other and refuses an empty choice of parts', () => {
    const table = createTable([{ ...when, name: '__proto__' }]);
    const { state, apply } = fit(table, { weekday: false, day: false, hour: false, weekend: false, month: false });
    expect(Object.keys(state.columns)).toEqual(['__proto__']);
    expect(apply().columns.map((c) => c.name)).toEqual(['__proto__.year']);
    const none = { year: false, month: false, day: false, weekday: false, hour: false, weekend: false };
    expect(() => fit(table, none)).toThrow('no part chosen');
  });
});
