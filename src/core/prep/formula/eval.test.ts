import { describe, expect, it } from 'vitest';
import { createTable } from '../../table/DataTable';
import { categorical, numeric } from '../../testing/tables';
import { compileFormula } from './compile';
import { checkExpr, evaluateFormula } from './eval';
import { FormulaError } from './parse';
import { previewFormula } from './preview';

const ms = (iso: string) => Date.parse(iso);

// Row 2 is missing everywhere; fare is 0 on row 1 (division by zero).
const table = createTable([
  numeric('fare', [10, 0, NaN, 7.5]),
  numeric('age', [2, 5, NaN, -4]),
  categorical('name', ['Mr Smith', 'Mrs Jones', null, 'Miss Mr']),
  { kind: 'boolean', name: 'alone', values: Int8Array.from([1, 0, -1, 1]) },
  { kind: 'datetime', name: 'when', values: Float64Array.from([ms('2024-02-29T13:45:00Z'), ms('2023-12-31T23:59:00Z'), NaN, ms('1969-07-20T20:17:00Z')]) },
  numeric('__proto__', [1, 2, 3, 4]),
  numeric('constructor', [10, 20, 30, 40]),
  numeric('odd name (kg)', [0.5, 1, 1.5, 2]),
]);

const kindOf = (name: string) => table.columns.find((c) => c.name === name)?.kind;

/** The formula's values on `table`, missing as null. */
function values(text: string): (number | string | null)[] {
  const out = evaluateFormula(compileFormula(text, kindOf).expr, table);
  return Array.from(out as ArrayLike<number | string | null>, (v) => (typeof v === 'number' && v !== v ? null : v));
}

function mistake(text: string, label?: string): string {
  try {
    compileFormula(text, kindOf, label);
  } catch (e) {
    if (e instanceof FormulaError) return e.message;
    throw e;
  }
  throw new Error(`"${text}" compiled`);
}

describe('formula values, worked by hand', () => {
  it('does arithmetic with the usual precedence; a missing input or a division by zero is missing', () => {
    expect(values('fare / age')).toEqual([5, 0, null, -1.875]);
    expect(values('age / fare')).toEqual([0.2, null, null, -4 / 7.5]);
    expect(values('1 + 2 * age ^ 2')).toEqual([9, 51, null, 33]);
    expect(values('-age ^ 2')).toEqual([-4, -25, null, -16]);
    expect(values('2 ^ 3 ^ 2')).toEqual([512, 512, 512, 512]);
    // Floor modulo: the result has the divisor's sign; modulo 0 is missing.
    expect(values('age % 3')).toEqual([2, 2, null, 2]);
    expect(values('7 % fare')).toEqual([7, null, null, 7]);
  });

  it('gives comparisons and and / or / not as 1 and 0, missing when an input is', () => {
    expect(values('fare > age')).toEqual([1, 0, null, 1]);
    expect(values('fare >= 10 or age < 0')).toEqual([1, 0, null, 1]);
    expect(values('not (fare > 5 and alone)')).toEqual([0, 1, null, 0]);
    expect(values('name == "Mrs Jones"')).toEqual([0, 1, null, 0]);
    expect(values('name != "Mrs Jones"')).toEqual([1, 0, null, 1]);
    expect(values('when < when')).toEqual([0, 0, null, 0]);
  });

  it('computes the functions', () => {
    expect(values('log(fare)')).toEqual([Math.log(10), null, null, Math.log(7.5)]); // log(0) is not finite: missing
    expect(values('sqrt(age)')).toEqual([Math.SQRT2, Math.sqrt(5), null, null]); // sqrt(-4): missing
    expect(values('exp(1000)')).toEqual([null, null, null, null]); // overflow: missing
    expect(values('abs(age) + min(fare, age, 3) + max(1, 2)')).toEqual([2 + 2 + 2, 5 + 0 + 2, null, 4 - 4 + 2]);
    expect(values('round(fare / 4)')).toEqual([3, 0, null, 2]); // 2.5 → 3, 1.875 → 2: halves away from zero
    expect(values('round(-2.5) + round(3.14159, 2)')).toEqual([-3 + 3.14, -3 + 3.14, -3 + 3.14, -3 + 3.14]);
    expect(values('round(1234, -2)')).toEqual([1200, 1200, 1200, 1200]);
    expect(values('contains(name, "Mr")')).toEqual([1, 1, null, 1]);
    expect(values('contains(name, "Mrs")')).toEqual([0, 1, null, 0]);
    expect(values('length(name)')).toEqual([8, 9, null, 7]);
  });

  it('reads date parts in UTC (weekday: Monday 0)', () => {
    expect(values('year(when)')).toEqual([2024, 2023, null, 1969]);
    expect(values('month(when)')).toEqual([2, 12, null, 7]);
    expect(values('day(when)')).toEqual([29, 31, null, 20]);
    expect(values('weekday(when)')).toEqual([3, 6, null, 6]);
    expect(values('hour(when)')).toEqual([13, 23, null, 20]);
  });

  it('chooses with if, only the chosen branch mattering, and makes text when its branches are text', () => {
    expect(values('if(fare > 5, fare, age)')).toEqual([10, 5, null, 7.5]);
    expect(values('if(alone, 1, fare / 0)')).toEqual([1, null, null, 1]);
    expect(values('if(age < 0, "minus", name)')).toEqual(['Mr Smith', 'Mrs Jones', null, 'minus']);
    expect(compileFormula('if(age < 0, "minus", name)', kindOf).type).toBe('string');
  });

  it('reads yes/no columns as 0/1 and any column name, __proto__ and constructor included, as a column', () => {
    expect(values('alone * 2')).toEqual([2, 0, null, 2]);
    expect(values('__proto__ + constructor')).toEqual([11, 22, 33, 44]);
    expect(values('`odd name (kg)` * 2')).toEqual([1, 2, 3, 4]);
    expect(compileFormula('fare / age + fare * `odd name (kg)`', kindOf).inputs).toEqual(['fare', 'age', 'odd name (kg)']);
  });
});

describe('formula mistakes found at fit time', () => {
  it('names an unknown column, an unknown function and a wrong argument count, with the position', () => {
    expect(mistake('fare / fare2', 'formula "ratio"')).toBe('formula "ratio": unknown column "fare2" at character 8');
    expect(mistake('toString')).toBe('formula: unknown column "toString" at character 1');
    expect(mistake('fare + sine(age)')).toMatch(/^formula: unknown function "sine" \(known: abs, contains, .*\) at character 8$/);
    expect(mistake('constructor(age)')).toMatch(/^formula: unknown function "constructor" /);
    expect(mistake('log(fare, 2)')).toBe('formula: log takes 1 argument, not 2 at character 1');
    expect(mistake('round()')).toBe('formula: round takes 1 or 2 arguments, not 0 at character 1');
    expect(mistake('max(fare)')).toBe('formula: max takes at least 2 arguments, not 1 at character 1');
    expect(mistake('if(fare, 1)')).toBe('formula: if takes 3 arguments, not 2 at character 1');
  });

  it('refuses a number operator on text, and other type errors, pointing at the operand', () => {
    expect(mistake('fare + name')).toBe('formula: "+" needs numbers, but column "name" holds text at character 8');
    expect(mistake('-"a"')).toBe('formula: "-" needs a number, but "a" is text at character 2');
    expect(mistake('name > "M"')).toBe('formula: text can only be compared with "==" or "!=" at character 6');
    expect(mistake('name == 1')).toBe('formula: "==" compares values of one type, but column "name" holds text and this is a number at character 1');
    expect(mistake('log(when)')).toBe('formula: log needs a number as argument 1, but column "when" holds dates at character 5');
    expect(mistake('year(fare)')).toBe('formula: year needs a date as argument 1, but column "fare" holds numbers at character 6');
    expect(mistake('contains(fare, "1")')).toBe('formula: contains needs text as argument 1, but column "fare" holds numbers at character 10');
    expect(mistake('if(name, 1, 2)')).toBe('formula: the condition of "if" must be a number or a comparison, but column "name" holds text at character 4');
    expect(mistake('if(alone, 1, "x")')).toBe('formula: both results of "if" must be of one type, but this is a number and "x" is text at character 1');
  });
});

describe('formula trees read from a file', () => {
  const good = compileFormula('if(fare > 1, log(fare), 0)', kindOf).expr;

  it('accepts a compiled tree and refuses unknown functions, wrong arities and bad nodes, naming the place', () => {
    expect(() => checkExpr(JSON.parse(JSON.stringify(good)), 's.expr')).not.toThrow();
    expect(() => checkExpr({ t: 'call', fn: 'constructor', args: [] }, 's.expr')).toThrow('s.expr.fn: unknown function "constructor"');
    expect(() => checkExpr({ t: 'call', fn: 'if', args: [{ t: 'num', v: 1 }] }, 's.expr')).toThrow('s.expr.args: if takes 3 to 3 arguments, not 1');
    expect(() => checkExpr({ t: 'num', v: '1' }, 's.expr')).toThrow('s.expr.v: expected a finite number');
    expect(() => checkExpr({ t: 'js', v: 'alert(1)' }, 's.expr')).toThrow('s.expr.t');
    expect(() => checkExpr(null, 's.expr')).toThrow('s.expr: expected an object');
  });

  it('refuses a tree nested past the limit without exhausting the stack', () => {
    let deep: unknown = { t: 'num', v: 1 };
    for (let i = 0; i < 100_000; i++) deep = { t: 'call', fn: 'neg', args: [deep] };
    expect(() => checkExpr(deep, 's.expr')).toThrow(/nested more than 2000 deep/);
  });

  it('evaluates a tree whose types were tampered with to a clear error or missing values, never a crash', () => {
    expect(() => evaluateFormula({ t: 'call', fn: 'length', args: [{ t: 'col', v: 'fare' }] }, table)).toThrow('formula: numbers where text is expected');
    expect(() => evaluateFormula({ t: 'call', fn: 'neg', args: [{ t: 'col', v: 'name' }] }, table)).toThrow('formula: text where numbers are expected');
    expect(() => evaluateFormula({ t: 'col', v: 'nope' }, table)).toThrow('a formula needs column "nope", which the data lacks');
  });
});

describe('previewFormula', () => {
  it('gives the first rows of the new column', () => {
    expect(previewFormula(table, 'fare / age', 3)).toEqual({ ok: true, type: 'number', values: [5, 0, null], inputs: ['fare', 'age'] });
    expect(previewFormula(table, 'if(alone, name, "company")')).toEqual({ ok: true, type: 'string', values: ['Mr Smith', 'company', null, 'Miss Mr'], inputs: ['alone', 'name'] });
    expect(previewFormula(table, 'when', 2)).toMatchObject({ ok: true, type: 'datetime', values: ['2024-02-29 13:45:00', '2023-12-31 23:59:00'] });
  });

  it('gives the mistake and its span while the formula is half typed', () => {
    expect(previewFormula(table, 'fare / (age')).toEqual({ ok: false, message: 'formula: "(" is never closed at character 8', reason: '"(" is never closed', at: 7, to: 8 });
    expect(previewFormula(table, 'fare / fare2')).toMatchObject({ ok: false, reason: 'unknown column "fare2"', at: 7, to: 12 });
  });
});
