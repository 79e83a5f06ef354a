import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_LENGTH } from './ast';
import { FormulaError, MAX_NESTING, parseFormula, type Syntax } from './parse';
import { caretLines } from './preview';

/** The tree fully parenthesised, so a test reads the grouping the parser chose. */
function show(node: Syntax): string {
  switch (node.t) {
    case 'num':
      return String(node.v);
    case 'str':
      return JSON.stringify(node.v);
    case 'col':
      return `[${node.v}]`;
    case 'call':
      if (/^[a-z]+$/.test(node.fn) && !['and', 'or'].includes(node.fn)) return `${node.fn}(${node.args.map(show).join(', ')})`;
      return `(${show(node.args[0])} ${node.fn} ${show(node.args[1])})`;
  }
}

const parsed = (text: string) => show(parseFormula(text));

/** The error a formula gives: its message, and the span it points at. */
function mistake(text: string, label?: string): { message: string; at: number; to: number } {
  try {
    parseFormula(text, label);
  } catch (e) {
    if (e instanceof FormulaError) return { message: e.message, at: e.at, to: e.to };
    throw e;
  }
  throw new Error(`"${text}" parsed`);
}

describe('formula parser: precedence and associativity', () => {
  it('binds * / % tighter than + -, and chains them left to right', () => {
    expect(parsed('1 + 2 * 3')).toBe('(1 + (2 * 3))');
    expect(parsed('10 - 4 - 3')).toBe('((10 - 4) - 3)');
    expect(parsed('8 / 4 / 2')).toBe('((8 / 4) / 2)');
    expect(parsed('a % b * c')).toBe('(([a] % [b]) * [c])');
    expect(parsed('(1 + 2) * 3')).toBe('((1 + 2) * 3)');
  });

  it('makes ^ right-associative and tighter than unary minus, which an exponent may carry', () => {
    expect(parsed('2 ^ 3 ^ 2')).toBe('(2 ^ (3 ^ 2))');
    expect(parsed('-2 ^ 2')).toBe('neg((2 ^ 2))');
    expect(parsed('2 ^ -1')).toBe('(2 ^ neg(1))');
    expect(parsed('2 * 3 ^ 2')).toBe('(2 * (3 ^ 2))');
    expect(parsed('a ^ b ^ c ^ d')).toBe('([a] ^ ([b] ^ ([c] ^ [d])))');
  });

  it('puts comparisons under arithmetic, not under comparisons, and under and / or', () => {
    expect(parsed('a + 1 > b * 2')).toBe('(([a] + 1) > ([b] * 2))');
    expect(parsed('not a == 1')).toBe('not(([a] == 1))');
    expect(parsed('a > 1 or b > 2 and c > 3')).toBe('(([a] > 1) or (([b] > 2) and ([c] > 3)))');
    expect(parsed('not not a')).toBe('not(not([a]))');
  });

  it('reads numbers, strings, calls, bare and backquoted column names', () => {
    expect(parsed('1.5e3 + .5 + 2.')).toBe('((1500 + 0.5) + 2)');
    expect(parsed(`"say \\"hi\\"" == 'x'`)).toBe('("say \\"hi\\"" == "x")');
    expect(parsed('if(a > 0, log(a), 0)')).toBe('if(([a] > 0), log([a]), 0)');
    expect(parsed('max(a, b, c)')).toBe('max([a], [b], [c])');
    expect(parsed('`odd name (kg)` / `it``s`')).toBe('([odd name (kg)] / [it`s])');
    expect(parsed('date.month_sin + größe')).toBe('([date.month_sin] + [größe])');
    // Keywords and function names in backquotes are columns; a name without "(" is a column.
    expect(parsed('`and` + log')).toBe('([and] + [log])');
  });

  it('records where each node is, for errors pointing into the text', () => {
    const tree = parseFormula('fare /  age2');
    expect(tree).toMatchObject({ t: 'call', fn: '/', at: 0, to: 12, fnAt: 5 });
    expect((tree as Extract<Syntax, { t: 'call' }>).args[1]).toMatchObject({ t: 'col', v: 'age2', at: 8, to: 12 });
  });
});

describe('formula parser: errors point at the place', () => {
  it('names the formula and the 1-based character', () => {
    expect(mistake('a + * b', 'formula "ratio"')).toEqual({ message: 'formula "ratio": "*" where a value is expected at character 5', at: 4, to: 5 });
  });

  it('finds unbalanced parentheses: the unclosed "(" or the extra ")"', () => {
    expect(mistake('log((a + 1)')).toMatchObject({ message: 'formula: "(" is never closed at character 4', at: 3 });
    expect(mistake('(a + 1')).toMatchObject({ at: 0 });
    expect(mistake('a + 1)')).toEqual({ message: 'formula: ")" has no "(" to close at character 6', at: 5, to: 6 });
    expect(mistake('(a b)').message).toBe('formula: expected ")" but found "b" at character 4');
    expect(mistake('min(a b)').message).toBe('formula: expected "," or ")" but found "b" at character 7');
  });

  it('explains the usual slips: "=", chained comparisons, bad numbers, open strings, stray characters', () => {
    expect(mistake('a = 1').message).toBe('formula: "=" is not a comparison: write "==" to test equality at character 3');
    expect(mistake('1 < a < 3').message).toBe('formula: comparisons cannot be chained: write "a < b and b < c" at character 7');
    expect(mistake('2x + 1')).toEqual({ message: 'formula: "2x" is not a number at character 1', at: 0, to: 2 });
    expect(mistake('contains(name, "Mr)')).toMatchObject({ message: 'formula: a string is not closed at character 16', at: 15, to: 19 });
    expect(mistake('`odd name + 1').message).toBe('formula: a column name in backquotes is not closed at character 1');
    expect(mistake('a $ b').message).toBe('formula: unexpected character "$" at character 3');
    expect(mistake('a +').message).toBe('formula: the formula ends where a value is expected at character 4');
    expect(mistake('   ').message).toBe('formula: the formula is empty at character 1');
  });

  it('draws a caret line under the span at fault', () => {
    const e = mistake('fare / (age + 1');
    expect(caretLines('fare / (age + 1', e.at, e.to)).toBe('fare / (age + 1\n       ^');
    expect(caretLines('fare / fare2', 7, 12)).toBe('fare / fare2\n       ^^^^^');
  });
});

describe('formula parser: hostile input', () => {
  it('refuses a formula past the length limit with a clear error, before reading it', () => {
    const long = Array.from({ length: 1200 }, () => 'a').join('+');
    expect(long.length).toBeGreaterThan(MAX_FORMULA_LENGTH);
    expect(mistake(long).message).toBe(`formula: the formula is 2,399 characters long, more than the 2,000 allowed at character 2001`);
    // Just under the limit, a long chain parses (into a deep tree, without deep recursion).
    const chain = Array.from({ length: 999 }, () => 'a').join('^');
    expect(parseFormula(chain).t).toBe('call');
  });

  it('refuses nesting past the limit, pointing at the first level too deep', () => {
    const ok = '('.repeat(MAX_NESTING) + 'a' + ')'.repeat(MAX_NESTING);
    expect(parsed(ok)).toBe('[a]');
    const deep = '('.repeat(MAX_NESTING + 1) + 'a' + ')'.repeat(MAX_NESTING + 1);
    expect(mistake(deep)).toMatchObject({ message: `formula: the formula nests more than 64 levels deep at character ${MAX_NESTING + 1}`, at: MAX_NESTING });
    expect(mistake('-'.repeat(MAX_NESTING + 1) + '1').message).toMatch(/nests more than 64 levels/);
    expect(mistake('log('.repeat(MAX_NESTING + 1) + '1' + ')'.repeat(MAX_NESTING + 1)).message).toMatch(/nests more than 64 levels/);
  });

  it('reads __proto__ and constructor as column names like any other', () => {
    expect(parsed('__proto__ + constructor')).toBe('([__proto__] + [constructor])');
    expect(parsed('`__proto__` * `toString`')).toBe('([__proto__] * [toString])');
  });
});
