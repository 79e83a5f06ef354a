import type { DataTable } from '../../table/DataTable';
import type { Column } from '../../table/column';
import { checkObject, checkString, checkStrings } from '../../util/check';
import type { Expr, FormulaType } from '../formula/ast';
import { checkExpr, evaluateFormula } from '../formula/eval';
import { outputTable, type StepTransform } from '../step';

/** A formula checked at fit time: the column it makes, its tree (never text to parse), its type and the columns it reads. */
export type FormulaState = { name: string; expr: Expr; type: FormulaType; inputs: string[] };

/** Replays a formula: evaluates its stored tree and appends the column it makes. */
export const formulaTransform: StepTransform<FormulaState> = {
  id: 'formula',
  checkState(state, path) {
    const s = checkObject(state, path);
    checkString(s.name, `${path}.name`);
    checkString(s.type, `${path}.type`, ['number', 'string', 'datetime']);
    checkStrings(s.inputs, `${path}.inputs`);
    checkExpr(s.expr, `${path}.expr`);
  },
  transform(table: DataTable, state) {
    // The model's inputs are the columns its features come from: when this column is not among
    // them, its inputs may have been left out of the data, and it is not made.
    if (!state.inputs.every((name) => table.columns.some((c) => c.name === name))) return table;
    const values = evaluateFormula(state.expr, table);
    return outputTable([...table.columns, formulaColumn(state.name, state.type, values)], 'formula');
  },
};

/** The column a formula's values make: numbers and dates as they are, text as a categorical column (categories sorted, so row order does not matter). */
function formulaColumn(name: string, type: FormulaType, values: Float64Array | (string | null)[]): Column {
  if (values instanceof Float64Array) return { kind: type === 'datetime' ? 'datetime' : 'numeric', name, values };
  const categories = [...new Set(values.filter((v) => v !== null))].sort();
  const index = new Map(categories.map((c, k) => [c, k]));
  return { kind: 'categorical', name, categories, codes: Int32Array.from(values, (v) => (v === null ? -1 : (index.get(v) as number))) };
}
