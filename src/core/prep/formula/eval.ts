import type { DataTable } from '../../table/DataTable';
import type { Column } from '../../table/column';
import { checkArray, checkNumber, checkObject, checkString, fail } from '../../util/check';
import { SaplingError } from '../../util/errors';
import { DATE_PARTS } from '../steps/dateParts.transform';
import { type Expr, MAX_FORMULA_LENGTH, MAX_TREE_DEPTH } from './ast';

/**
 * Runs a checked formula tree (compile.ts) over whole columns at once: each node gives an array of
 * numbers (NaN missing; dates as ms since the epoch) or of strings (null missing). A missing input
 * makes a missing result; so do division by zero and anything that is not a finite number (the
 * log of 0, the square root of a negative). This is the formula step's replay, so it stays small.
 */

type Vec = Float64Array | (string | null)[];
type Impl = (args: Vec[], n: number) => Vec;

function nums(v: Vec): Float64Array {
  if (!(v instanceof Float64Array)) throw new SaplingError('bad-model-file', 'formula: text where numbers are expected');
  return v;
}

function strs(v: Vec): (string | null)[] {
  if (v instanceof Float64Array) throw new SaplingError('bad-model-file', 'formula: numbers where text is expected');
  return v;
}

/** An element-wise function of numeric arguments (NaN in, NaN out for Math's functions). */
function numeric(f: (...x: number[]) => number): Impl {
  return (args, n) => {
    const a = args.map(nums);
    const out = new Float64Array(n);
    // One and two arguments (every operator) without a per-row array.
    if (a.length === 1) for (let i = 0, x = a[0]; i < n; i++) out[i] = f(x[i]);
    else if (a.length === 2) for (let i = 0, x = a[0], y = a[1]; i < n; i++) out[i] = f(x[i], y[i]);
    else for (let i = 0; i < n; i++) out[i] = f(...a.map((v) => v[i]));
    return out;
  };
}

/** A two-argument numeric function whose result is missing when either argument is. */
function strict2(f: (x: number, y: number) => number): Impl {
  return numeric((x, y) => (x !== x || y !== y ? NaN : f(x, y)));
}

/** A function of text arguments: missing when any is missing. */
function text(f: (...s: string[]) => number): Impl {
  return (args, n) => {
    const a = args.map(strs);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = a.map((v) => v[i]);
      out[i] = row.includes(null) ? NaN : f(...(row as string[]));
    }
    return out;
  };
}

/** A comparison: numbers (and dates) by value, text by equality; missing when either side is. */
function compare(f: (x: number | string, y: number | string) => boolean): Impl {
  return ([a, b], n) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      out[i] = x === null || y === null || x !== x || y !== y ? NaN : +f(x, y);
    }
    return out;
  };
}

function datePart(part: keyof typeof DATE_PARTS): Impl {
  return numeric(DATE_PARTS[part]);
}

/** `if(cond, a, b)`: a where cond is not 0, b where it is 0, missing where cond is missing. */
function choose([c, a, b]: Vec[], n: number): Vec {
  const cond = nums(c);
  const out: Vec = a instanceof Float64Array ? new Float64Array(n) : new Array<string | null>(n);
  const missing = a instanceof Float64Array ? NaN : null;
  for (let i = 0; i < n; i++) out[i] = cond[i] !== cond[i] ? missing : cond[i] !== 0 ? a[i] : b[i];
  return out;
}

/** Rounds half away from zero, to `digits` decimals (negative: tens, hundreds). */
function round(x: number, digits = 0): number {
  const f = 10 ** Math.trunc(digits);
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}

/**
 * Every function and operator by name, with its fewest and most arguments; a Map, so no name
 * reaches an object's prototype.
 */
const IMPLS = new Map<string, [Impl, number, number]>([
  ['+', [numeric((x, y) => x + y), 2, 2]],
  ['-', [numeric((x, y) => x - y), 2, 2]],
  ['*', [numeric((x, y) => x * y), 2, 2]],
  ['/', [strict2((x, y) => (y === 0 ? NaN : x / y)), 2, 2]],
  // Floor modulo, as Python's and R's: the result takes the divisor's sign (-7 % 3 is 2).
  ['%', [strict2((x, y) => (y === 0 ? NaN : x - y * Math.floor(x / y))), 2, 2]],
  ['^', [numeric((x, y) => x ** y), 2, 2]],
  ['neg', [numeric((x) => -x), 1, 1]],
  ['and', [strict2((x, y) => +(x !== 0 && y !== 0)), 2, 2]],
  ['or', [strict2((x, y) => +(x !== 0 || y !== 0)), 2, 2]],
  ['not', [numeric((x) => (x !== x ? NaN : +(x === 0))), 1, 1]],
  ['<', [compare((x, y) => x < y), 2, 2]],
  ['<=', [compare((x, y) => x <= y), 2, 2]],
  ['>', [compare((x, y) => x > y), 2, 2]],
  ['>=', [compare((x, y) => x >= y), 2, 2]],
  ['==', [compare((x, y) => x === y), 2, 2]],
  ['!=', [compare((x, y) => x !== y), 2, 2]],
  ['log', [numeric(Math.log), 1, 1]],
  ['exp', [numeric(Math.exp), 1, 1]],
  ['sqrt', [numeric(Math.sqrt), 1, 1]],
  ['abs', [numeric(Math.abs), 1, 1]],
  ['min', [numeric(Math.min), 2, MAX_FORMULA_LENGTH]],
  ['max', [numeric(Math.max), 2, MAX_FORMULA_LENGTH]],
  ['round', [numeric(round), 1, 2]],
  ['year', [datePart('year'), 1, 1]],
  ['month', [datePart('month'), 1, 1]],
  ['day', [datePart('day'), 1, 1]],
  ['weekday', [datePart('weekday'), 1, 1]],
  ['hour', [datePart('hour'), 1, 1]],
  ['contains', [text((s, sub) => +s.includes(sub)), 2, 2]],
  ['length', [text((s) => s.length), 1, 1]],
  ['if', [choose, 3, 3]],
]);

/** A column's values as the formula sees them: yes/no as 0/1, categories and text as strings. */
function columnValues(column: Column): Vec {
  switch (column.kind) {
    case 'numeric':
    case 'datetime':
      return column.values;
    case 'boolean':
      return Float64Array.from(column.values, (v) => (v < 0 ? NaN : v));
    default:
      return Array.from(column.codes, (k) => (k < 0 ? null : column.categories[k]));
  }
}

/** Evaluates `expr` on every row of `table`; a number result has its non-finite values made missing. */
export function evaluateFormula(expr: Expr, table: DataTable): Vec {
  const n = table.rowCount;
  const run = (e: Expr): Vec => {
    switch (e.t) {
      case 'num':
        return new Float64Array(n).fill(e.v);
      case 'str':
        return new Array<string>(n).fill(e.v);
      case 'col': {
        const column = table.columns.find((c) => c.name === e.v);
        if (!column) throw new SaplingError('missing-columns', `a formula needs column "${e.v}", which the data lacks`);
        return columnValues(column);
      }
      default:
        return (IMPLS.get(e.fn) as [Impl, number, number])[0](e.args.map(run), n);
    }
  };
  const out = run(expr);
  if (out instanceof Float64Array) for (let i = 0; i < n; i++) if (!Number.isFinite(out[i])) out[i] = NaN;
  return out;
}

/** Checks a formula tree read from a model file: known node types and functions, at most MAX_TREE_DEPTH deep. */
export function checkExpr(x: unknown, path: string, depth = 0): void {
  if (depth > MAX_TREE_DEPTH) fail(path, `a formula nested more than ${MAX_TREE_DEPTH} deep`);
  const e = checkObject(x, path);
  const t = checkString(e.t, `${path}.t`, ['num', 'str', 'col', 'call']);
  if (t === 'num') checkNumber(e.v, `${path}.v`);
  else if (t !== 'call') checkString(e.v, `${path}.v`);
  else {
    const impl = IMPLS.get(checkString(e.fn, `${path}.fn`));
    if (!impl) fail(`${path}.fn`, `unknown function ${JSON.stringify(e.fn)}`);
    const args = checkArray(e.args, `${path}.args`);
    if (args.length < impl[1] || args.length > impl[2]) fail(`${path}.args`, `${e.fn} takes ${impl[1]} to ${impl[2]} arguments, not ${args.length}`);
    args.forEach((a, i) => checkExpr(a, `${path}.args[${i}]`, depth + 1));
  }
}
