import { SaplingError } from '../../util/errors';
import { MAX_FORMULA_LENGTH } from './ast';

/**
 * The formula language's reader: text → a syntax tree with the character span of every node, by
 * recursive descent. Nothing here evaluates anything, and nothing is ever handed to JavaScript's
 * `eval` or `Function` (the page's CSP forbids them too).
 *
 * Precedence, loosest first: `or`; `and`; `not`; comparisons (`< <= > >= == !=`, not chained);
 * `+ -`; `* / %`; unary `-`; `^` (right-associative, tighter than unary minus: `-2^2` is −4, as in
 * Python and mathematics). Identifiers are column names, or function names when a `(` follows;
 * `` `any name` `` quotes a column name (a doubled backquote stands for one).
 */

/** A syntax tree node with its span in the text ([at, to), 0-based). Operators are calls. */
export type Syntax =
  | { readonly t: 'num'; readonly v: number; readonly at: number; readonly to: number }
  | { readonly t: 'str'; readonly v: string; readonly at: number; readonly to: number }
  | { readonly t: 'col'; readonly v: string; readonly at: number; readonly to: number }
  | { readonly t: 'call'; readonly fn: string; readonly args: readonly Syntax[]; readonly at: number; readonly to: number; readonly fnAt: number };

/** How deep parentheses, calls, `not` and unary minus may nest (the parser recurses once per level). */
export const MAX_NESTING = 64;

/**
 * A mistake in a formula: a `bad-formula` SaplingError whose message ends "at character N" (1-based),
 * with the 0-based span it points at for a caret under the text.
 */
export class FormulaError extends SaplingError {
  /** The problem alone, without the formula's name or the position. */
  readonly reason: string;
  /** 0-based index of the first character at fault. */
  readonly at: number;
  /** 0-based index just past the last character at fault (at least `at + 1`). */
  readonly to: number;

  constructor(label: string, reason: string, at: number, to = at + 1) {
    super('bad-formula', `${label}: ${reason} at character ${at + 1}`);
    this.reason = reason;
    this.at = at;
    this.to = Math.max(to, at + 1);
  }
}

type Token =
  | { readonly k: 'num'; readonly v: number; readonly at: number; readonly to: number }
  | { readonly k: 'str'; readonly v: string; readonly at: number; readonly to: number }
  | { readonly k: 'id'; readonly v: string; readonly at: number; readonly to: number }
  | { readonly k: 'op'; readonly v: string; readonly at: number; readonly to: number }
  | { readonly k: 'end'; readonly v: ''; readonly at: number; readonly to: number };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
// Letters of any script, digits and `_`; after the first character also `.`, so the date-parts
// step's `date.month` is a bare name.
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_.]*/uy;
const OPERATORS = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '%', '^', '<', '>', '(', ')', ',', '='];
const KEYWORDS = new Set(['and', 'or', 'not']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

function tokenize(text: string, label: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    IDENTIFIER.lastIndex = i;
    const number = /[\d.]/.test(c) ? NUMBER.exec(text) : null;
    const identifier = number ? null : IDENTIFIER.exec(text);
    if (number) {
      const to = i + number[0].length;
      if (/[\p{L}\p{N}_.]/u.test(text[to] ?? '')) throw new FormulaError(label, `"${text.slice(i, to + 1)}" is not a number`, i, to + 1);
      tokens.push({ k: 'num', v: Number(number[0]), at: i, to });
      i = to;
    } else if (identifier) {
      const to = i + identifier[0].length;
      tokens.push({ k: KEYWORDS.has(identifier[0]) ? 'op' : 'id', v: identifier[0], at: i, to });
      i = to;
    } else if (c === '"' || c === "'" || c === '`') {
      const { value, to } = quoted(text, i, label);
      tokens.push({ k: c === '`' ? 'id' : 'str', v: value, at: i, to });
      i = to;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new FormulaError(label, `unexpected character "${c}"`, i);
      tokens.push({ k: 'op', v: op, at: i, to: i + op.length });
      i += op.length;
    }
  }
  tokens.push({ k: 'end', v: '', at: text.length, to: text.length + 1 });
  return tokens;
}

/**
 * The text between the quote at `start` and its partner. In strings a backslash takes the next
 * character as it is (`"say \"hi\""`); in a backquoted name a doubled backquote is one (as SQL
 * doubles its quotes), so a column name may hold a backslash.
 */
function quoted(text: string, start: number, label: string): { value: string; to: number } {
  const q = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (q !== '`' && c === '\\' && i + 1 < text.length) value += text[++i];
    else if (c === q && q === '`' && text[i + 1] === '`') value += text[++i];
    else if (c === q) return { value, to: i + 1 };
    else value += c;
  }
  throw new FormulaError(label, q === '`' ? 'a column name in backquotes is not closed' : 'a string is not closed', start, text.length);
}

/** Parses `text` into a syntax tree; `label` names the formula in errors (`formula "ratio"`). */
export function parseFormula(text: string, label = 'formula'): Syntax {
  if (text.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(label, `the formula is ${text.length.toLocaleString('en-US')} characters long, more than the ${MAX_FORMULA_LENGTH.toLocaleString('en-US')} allowed`, MAX_FORMULA_LENGTH);
  }
  if (text.trim() === '') throw new FormulaError(label, 'the formula is empty', 0);
  return new Parser(tokenize(text, label), label).parse();
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly label: string,
  ) {}

  parse(): Syntax {
    const tree = this.or();
    const t = this.peek();
    if (t.k !== 'end') {
      if (t.v === ')') this.fail('")" has no "(" to close', t);
      this.fail(`expected an operator or the end, found ${shownToken(t)}`, t);
    }
    return tree;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  /** The next token, known by the caller (after `isOp`) to be an operator. */
  private takeOp(): Token & { k: 'op' } {
    return this.tokens[this.i++] as Token & { k: 'op' };
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.k === 'op' && ops.includes(t.v);
  }

  private fail(reason: string, t: { at: number; to: number }): never {
    throw new FormulaError(this.label, reason, t.at, t.to);
  }

  /** One nesting level deeper (parentheses, a call, `not`, unary minus), refused past MAX_NESTING. */
  private nest<T>(t: Token, inner: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail(`the formula nests more than ${MAX_NESTING} levels deep`, t);
    const out = inner();
    this.depth--;
    return out;
  }

  /** A left-associative chain of `ops` over operands read by `operand`. */
  private chain(ops: string[], operand: () => Syntax): Syntax {
    let left = operand();
    while (this.isOp(...ops)) {
      const op = this.takeOp();
      const right = operand();
      left = { t: 'call', fn: op.v, args: [left, right], at: left.at, to: right.to, fnAt: op.at };
    }
    return left;
  }

  private or = (): Syntax => this.chain(['or'], this.and);
  private and = (): Syntax => this.chain(['and'], this.not);

  private not = (): Syntax => {
    if (!this.isOp('not')) return this.comparison();
    const op = this.takeOp();
    const a = this.nest(op, this.not);
    return { t: 'call', fn: 'not', args: [a], at: op.at, to: a.to, fnAt: op.at };
  };

  private comparison = (): Syntax => {
    const left = this.additive();
    if (this.isOp('=')) this.fail('"=" is not a comparison: write "==" to test equality', this.peek());
    if (!this.isOp(...COMPARISONS)) return left;
    const op = this.takeOp();
    const right = this.additive();
    if (this.isOp(...COMPARISONS)) this.fail('comparisons cannot be chained: write "a < b and b < c"', this.peek());
    return { t: 'call', fn: op.v, args: [left, right], at: left.at, to: right.to, fnAt: op.at };
  };

  private additive = (): Syntax => this.chain(['+', '-'], this.multiplicative);
  private multiplicative = (): Syntax => this.chain(['*', '/', '%'], this.unary);

  private unary = (): Syntax => {
    if (!this.isOp('-')) return this.power();
    const op = this.takeOp();
    const a = this.nest(op, this.unary);
    return { t: 'call', fn: 'neg', args: [a], at: op.at, to: a.to, fnAt: op.at };
  };

  /** `a ^ b ^ c` is `a ^ (b ^ c)`; read as a loop so a long chain does not recurse. */
  private power = (): Syntax => {
    const operands = [this.primary()];
    const ops: Token[] = [];
    while (this.isOp('^')) {
      ops.push(this.takeOp());
      // An exponent may carry its own sign (`2 ^ -1`); a unary minus takes the rest of the chain.
      if (this.isOp('-')) {
        operands.push(this.unary());
        break;
      }
      operands.push(this.primary());
    }
    let right = operands[operands.length - 1];
    for (let j = operands.length - 2; j >= 0; j--) {
      right = { t: 'call', fn: '^', args: [operands[j], right], at: operands[j].at, to: right.to, fnAt: ops[j].at };
    }
    return right;
  };

  private primary = (): Syntax => {
    const t = this.tokens[this.i++];
    if (t.k === 'num' || t.k === 'str') return { t: t.k, v: t.v, at: t.at, to: t.to } as Syntax;
    if (t.k === 'id') {
      if (this.isOp('(')) return this.call(t);
      return { t: 'col', v: t.v, at: t.at, to: t.to };
    }
    if (t.k === 'op' && t.v === '(') {
      const inner = this.nest(t, this.or);
      this.close(t, false);
      return inner;
    }
    if (t.k === 'end') this.fail('the formula ends where a value is expected', t);
    if (t.v === ')') this.fail('")" where a value is expected', t);
    this.fail(`${shownToken(t)} where a value is expected`, t);
  };

  private call(name: Token & { k: 'id' }): Syntax {
    const open = this.tokens[this.i++];
    const args = this.nest(open, () => {
      const list: Syntax[] = [];
      if (this.isOp(')')) return list;
      list.push(this.or());
      while (this.isOp(',')) {
        this.i++;
        list.push(this.or());
      }
      return list;
    });
    const close = this.close(open, true);
    return { t: 'call', fn: name.v, args, at: name.at, to: close.to, fnAt: name.at };
  }

  /** The `)` closing the `(` token `open` (of a call's arguments when `inCall`); an error pointing at `open` when the text ends first. */
  private close(open: Token, inCall: boolean): Token {
    const t = this.peek();
    if (t.k === 'op' && t.v === ')') return this.tokens[this.i++];
    if (t.k === 'end') this.fail('"(" is never closed', open);
    this.fail(`expected ${inCall ? '"," or ")"' : '")"'} but found ${shownToken(t)}`, t);
  }
}

function shownToken(t: Token): string {
  if (t.k === 'end') return 'the end';
  if (t.k === 'str') return `the string ${JSON.stringify(t.v.length > 20 ? `${t.v.slice(0, 20)}…` : t.v)}`;
  if (t.k === 'num') return `the number ${t.v}`;
  return `"${t.v.length > 20 ? `${t.v.slice(0, 20)}…` : t.v}"`;
}
