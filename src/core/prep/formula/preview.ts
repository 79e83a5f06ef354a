import { type DataTable, selectRows } from '../../table/DataTable';
import { formatCell } from '../../table/column';
import type { FormulaType } from './ast';
import { compileFormula } from './compile';
import { evaluateFormula } from './eval';
import { FormulaError } from './parse';

/** What the studio shows under a formula as the person types: its first values, or the mistake and where it is. */
export type FormulaPreview =
  | {
      readonly ok: true;
      readonly type: FormulaType;
      /** One per previewed row: a number, text (dates as ISO text), or null when missing. */
      readonly values: readonly (number | string | null)[];
      /** The columns the formula reads. */
      readonly inputs: readonly string[];
    }
  | {
      readonly ok: false;
      /** The whole message, ending "at character N" (1-based). */
      readonly message: string;
      /** The problem alone. */
      readonly reason: string;
      /** The 0-based span [at, to) of the text at fault, for a caret or an underline. */
      readonly at: number;
      readonly to: number;
    };

/**
 * The formula's value on the first `rows` rows of `table`, or its first mistake with its position.
 * Any other error (a bug) is thrown, not dressed as a formula mistake.
 */
export function previewFormula(table: DataTable, expression: string, rows = 5): FormulaPreview {
  try {
    const compiled = compileFormula(expression, (name) => table.columns.find((c) => c.name === name)?.kind);
    const head = selectRows(table, Array.from({ length: Math.min(rows, table.rowCount) }, (_, i) => i));
    const out = evaluateFormula(compiled.expr, head);
    const values = Array.from(out as ArrayLike<number | string | null>, (v, i) => {
      if (typeof v !== 'number') return v;
      if (v !== v) return null;
      return compiled.type === 'datetime' ? formatCell({ kind: 'datetime', name: '', values: out as Float64Array }, i) : v;
    });
    return { ok: true, type: compiled.type, values, inputs: compiled.inputs };
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    return { ok: false, message: e.message, reason: e.reason, at: e.at, to: e.to };
  }
}

/** The formula's text with a line of carets under the span at fault (a window of it when the text is long), for the CLI and tests. */
export function caretLines(expression: string, at: number, to: number, width = 72): string {
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), expression.length - width));
  const shown = expression.slice(start, start + width).replace(/\s/g, ' ');
  const end = Math.min(to, start + width);
  return `${shown}\n${' '.repeat(at - start)}${'^'.repeat(Math.max(1, end - at))}`;
}
