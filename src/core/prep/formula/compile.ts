import type { ColumnKind } from '../../table/column';
import type { Expr, FormulaType } from './ast';
import { FormulaError, parseFormula, type Syntax } from './parse';

/**
 * Checks a parsed formula against the columns it will run on, at fit time: every column exists,
 * every function is known and has the right number of arguments, and every operator gets values of
 * the types it takes. What comes out is the plain tree the fitted state stores (no positions), so
 * the replay never parses and never meets a type error.
 */

/** A formula ready to run: its tree, the type of its value, and the columns it reads (each once, in order of first use). */
export interface CompiledFormula {
  readonly expr: Expr;
  readonly type: FormulaType;
  readonly inputs: readonly string[];
}

interface Signature {
  /** Types of the arguments in order; `rest` repeats the last for variadic functions. */
  readonly args: readonly FormulaType[];
  readonly min: number;
  readonly rest?: boolean;
  readonly result: FormulaType;
}

const num1: Signature = { args: ['number'], min: 1, result: 'number' };
const num2: Signature = { args: ['number', 'number'], min: 2, result: 'number' };
const datePart: Signature = { args: ['datetime'], min: 1, result: 'number' };

/** Functions a person may call, by name (a Map: `constructor(` is an unknown function, not an inherited one). */
const FUNCTIONS = new Map<string, Signature>([
  ['abs', num1],
  ['contains', { args: ['string', 'string'], min: 2, result: 'number' }],
  ['day', datePart],
  ['exp', num1],
  ['hour', datePart],
  ['if', { args: [], min: 3, result: 'number' }], // checked apart: its branches' type is its own
  ['length', { args: ['string'], min: 1, result: 'number' }],
  ['log', num1],
  ['max', { ...num2, rest: true }],
  ['min', { ...num2, rest: true }],
  ['month', datePart],
  ['round', { args: ['number', 'number'], min: 1, result: 'number' }],
  ['sqrt', num1],
  ['weekday', datePart],
  ['year', datePart],
]);

/** The names of the functions the language has, for help text and error messages. */
export const FORMULA_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

/** Operators, which the parser writes as calls. */
const OPERATORS = new Map<string, Signature>([
  ['+', num2],
  ['-', num2],
  ['*', num2],
  ['/', num2],
  ['%', num2],
  ['^', num2],
  ['and', num2],
  ['or', num2],
  ['not', num1],
  ['neg', num1],
]);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

const TYPE_WORDS: Record<FormulaType, string> = { number: 'a number', string: 'text', datetime: 'a date' };

/** The formula's type for a column of `kind`: yes/no columns are 0/1 numbers, categories and text are strings. */
function typeOfKind(kind: ColumnKind): FormulaType {
  if (kind === 'numeric' || kind === 'boolean') return 'number';
  return kind === 'datetime' ? 'datetime' : 'string';
}

/**
 * Parses and checks `text` against the columns `kindOf` knows (name → kind, undefined when absent);
 * `label` names the formula in errors. Throws a FormulaError pointing at the first mistake.
 */
export function compileFormula(text: string, kindOf: (name: string) => ColumnKind | undefined, label = 'formula'): CompiledFormula {
  const inputs: string[] = [];
  const fail = (reason: string, node: { at: number; to: number }): never => {
    throw new FormulaError(label, reason, node.at, node.to);
  };

  const check = (node: Syntax): { expr: Expr; type: FormulaType } => {
    switch (node.t) {
      case 'num':
        return { expr: { t: 'num', v: node.v }, type: 'number' };
      case 'str':
        return { expr: { t: 'str', v: node.v }, type: 'string' };
      case 'col': {
        const kind = kindOf(node.v);
        if (kind === undefined) fail(`unknown column "${node.v}"`, node);
        if (!inputs.includes(node.v)) inputs.push(node.v);
        return { expr: { t: 'col', v: node.v }, type: typeOfKind(kind as ColumnKind) };
      }
      case 'call':
        return checkCall(node);
    }
  };

  const describe = (node: Syntax, type: FormulaType): string => {
    if (node.t === 'col') return `column "${node.v}" holds ${type === 'number' ? 'numbers' : type === 'string' ? 'text' : 'dates'}`;
    if (node.t === 'str') return `${JSON.stringify(node.v)} is text`;
    return `this is ${TYPE_WORDS[type]}`;
  };

  const checkCall = (node: Extract<Syntax, { t: 'call' }>): { expr: Expr; type: FormulaType } => {
    const args = node.args.map(check);
    const name = node.fn;
    const isOperator = OPERATORS.has(name) || COMPARISONS.has(name);
    const shownName = name === 'neg' ? '-' : name;
    const nameSpan = { at: node.fnAt, to: node.fnAt + shownName.length };
    const expr: Expr = { t: 'call', fn: name, args: args.map((a) => a.expr) };
    if (COMPARISONS.has(name)) {
      const [a, b] = args;
      if (a.type !== b.type) fail(`"${name}" compares values of one type, but ${describe(node.args[0], a.type)} and ${describe(node.args[1], b.type)}`, node);
      if (a.type === 'string' && name !== '==' && name !== '!=') fail(`text can only be compared with "==" or "!="`, nameSpan);
      return { expr, type: 'number' };
    }
    const signature = OPERATORS.get(name) ?? FUNCTIONS.get(name);
    if (!signature) fail(`unknown function "${name}" (known: ${FORMULA_FUNCTIONS.join(', ')})`, nameSpan);
    const sig = signature as Signature;
    const max = sig.rest ? Infinity : Math.max(sig.args.length, sig.min);
    if (args.length < sig.min || args.length > max) {
      const wanted = sig.rest ? `at least ${sig.min}` : sig.min === max ? String(sig.min) : `${sig.min} or ${max}`;
      fail(`${name} takes ${wanted} argument${wanted === '1' ? '' : 's'}, not ${args.length}`, nameSpan);
    }
    if (name === 'if') {
      if (args[0].type !== 'number') fail(`the condition of "if" must be a number or a comparison, but ${describe(node.args[0], args[0].type)}`, node.args[0]);
      if (args[1].type !== args[2].type) fail(`both results of "if" must be of one type, but ${describe(node.args[1], args[1].type)} and ${describe(node.args[2], args[2].type)}`, node);
      return { expr, type: args[1].type };
    }
    args.forEach((arg, i) => {
      const wanted = sig.args[Math.min(i, sig.args.length - 1)];
      if (arg.type !== wanted) {
        const what = isOperator ? `"${shownName}" needs ${name === 'not' || name === 'neg' ? TYPE_WORDS.number : 'numbers'}` : `${name} needs ${TYPE_WORDS[wanted]} as argument ${i + 1}`;
        fail(`${what}, but ${describe(node.args[i], arg.type)}`, node.args[i]);
      }
    });
    return { expr, type: sig.result };
  };

  const { expr, type } = check(parseFormula(text, label));
  return { expr, type, inputs };
}
