/**
 * A formula as plain data: what the formula step's fitted state holds and `eval.ts` runs. Operators
 * are calls too (`a + b` is `{ t: 'call', fn: '+', args: [a, b] }`), so the evaluator is one table of
 * functions. Column names are values here, never object keys, so any name (`__proto__` included)
 * is only ever compared with `===`.
 */
export type Expr =
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'col'; readonly v: string }
  | { readonly t: 'call'; readonly fn: string; readonly args: readonly Expr[] };

/** What a formula's value is: the kind of column it makes follows (number → numeric, string → categorical). */
export type FormulaType = 'number' | 'string' | 'datetime';

/** The longest formula accepted, in characters (a formula is typed by a person; a longer one is a mistake or an attack). */
export const MAX_FORMULA_LENGTH = 2000;

/**
 * The deepest a formula's tree may be. Parentheses, calls and prefix operators nest at most 64 deep
 * (parse.ts); chains such as `a + b + … ` deepen the tree by one per operator, bounded by the length.
 * Checking a stored tree stops here, so a crafted model file cannot exhaust the stack.
 */
export const MAX_TREE_DEPTH = MAX_FORMULA_LENGTH;
