import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { createTable, getColumn } from '../../table/DataTable';
import type { CodedColumn, NumericColumn } from '../../table/column';
import { categorical, numeric } from '../../testing/tables';
import { formulaStep } from './formula';

const train = createTable([numeric('fare', [10, 20, NaN]), numeric('age', [2, 0, 4]), categorical('name', ['Mr A', 'Mrs B', null])]);

function fit(params: Record<string, unknown>, table = train) {
  const p = resolveParams(formulaStep.schema, params);
  const state = formulaStep.fit(table, p, { seed: 0 });
  return { state, apply: (t = table) => formulaStep.transform(t, p, state) };
}

const values = (t: ReturnType<typeof createTable>, name: string) => Array.from((getColumn(t, name) as NumericColumn).values, (v) => (v !== v ? null : v));

describe('formula step', () => {
  it('appends the named column, its lineage the columns it reads', () => {
    const { state, apply } = fit({ name: 'ratio', expression: 'fare / age' });
    const out = apply();
    expect(out.columns.map((c) => c.name)).toEqual(['fare', 'age', 'name', 'ratio']);
    expect(values(out, 'ratio')).toEqual([5, null, null]);
    expect(formulaStep.lineage?.(state)).toEqual([['ratio', ['fare', 'age']]]);
  });

  it('stores a tree, not text, that replays after a JSON round trip on new rows', () => {
    const { state } = fit({ name: 'ratio', expression: 'round(fare / (age + 1), 1)' });
    expect(JSON.stringify(state)).not.toContain('round(fare');
    const copy = JSON.parse(JSON.stringify(state));
    formulaStep.checkState(copy, 's');
    const p = resolveParams(formulaStep.schema, { name: 'ratio', expression: 'ignored at replay' });
    const fresh = createTable([numeric('age', [1, 2]), numeric('fare', [3, 7])]);
    expect(values(formulaStep.transform(fresh, p, copy), 'ratio')).toEqual([1.5, 2.3]);
    // A column it reads left out of the data: the formula column is not made (nothing downstream uses it).
    expect(formulaStep.transform(createTable([numeric('age', [1])]), p, copy).columns.map((c) => c.name)).toEqual(['age']);
  });

  it('makes a categorical column from text, with unseen categories at replay', () => {
    const { state, apply } = fit({ name: 'title', expression: 'if(contains(name, "Mrs"), "Mrs", "other")' });
    const title = getColumn(apply(), 'title') as CodedColumn;
    expect(title.kind).toBe('categorical');
    expect(Array.from(title.codes, (k) => (k < 0 ? null : title.categories[k]))).toEqual(['other', 'Mrs', null]);
    const p = resolveParams(formulaStep.schema, {});
    const replay = getColumn(formulaStep.transform(createTable([categorical('name', ['Dr C', 'Mrs D'])]), p, state), 'title') as CodedColumn;
    expect(Array.from(replay.codes, (k) => replay.categories[k])).toEqual(['other', 'Mrs']);
  });

  it('names the formula in its errors, at fit time', () => {
    expect(() => fit({ name: 'ratio', expression: 'fare / fare2' })).toThrow('formula "ratio": unknown column "fare2" at character 8');
    expect(() => fit({ name: 'fare', expression: 'fare * 2' })).toThrow('formula "fare": the data already has a column "fare"; give the formula another name');
    expect(() => fit({ name: ' ', expression: '1' })).toThrow('a formula needs a name');
    expect(() => fit({ name: 'x', expression: '' })).toThrow('formula "x": the formula is empty at character 1');
  });

  it('reads __proto__ and constructor as columns and may be named either', () => {
    const table = createTable([numeric('__proto__', [1, 2]), numeric('constructor', [3, 4])]);
    const { state, apply } = fit({ name: 'toString', expression: '__proto__ * constructor' }, table);
    expect(values(apply(), 'toString')).toEqual([3, 8]);
    expect(formulaStep.lineage?.(state)).toEqual([['toString', ['__proto__', 'constructor']]]);
    expect(values(fit({ name: '__proto__2', expression: '`__proto__` + 1' }, table).apply(), '__proto__2')).toEqual([2, 3]);
  });

  it('refuses a tampered state: an unknown function or a formula tree that is not one', () => {
    expect(() => formulaStep.checkState({ name: 'x', type: 'number', inputs: [], expr: { t: 'call', fn: 'eval', args: [] } }, 's')).toThrow('s.expr.fn: unknown function "eval"');
    expect(() => formulaStep.checkState({ name: 'x', type: 'code', inputs: [], expr: { t: 'num', v: 1 } }, 's')).toThrow('s.type');
    expect(() => formulaStep.checkState(null, 's')).toThrow('s: expected an object');
  });
});
