import { findColumn } from '../../table/DataTable';
import { SaplingError } from '../../util/errors';
import { MAX_FORMULA_LENGTH } from '../formula/ast';
import { compileFormula } from '../formula/compile';
import type { StepDefinition } from '../step';
import { type FormulaState, formulaTransform } from './formula.transform';

export { previewFormula } from '../formula/preview';

const schema = {
  name: {
    type: 'text',
    label: 'New column',
    default: 'formula',
    maxLength: 100,
    help: 'The name of the column the formula makes; it must not be the name of a column the data already has.',
  },
  expression: {
    type: 'text',
    label: 'Formula',
    default: '',
    maxLength: MAX_FORMULA_LENGTH,
    help: 'For example fare / (age + 1), log(income), if(age < 18, "child", "adult"), contains(name, "Mrs"), month(date). Division by zero, the log of 0 and any missing input give a missing value, which a later "Fill missing values" step can fill.',
  },
} as const;

/**
 * A new column computed by a formula of the other columns (a small language of its own, parsed and
 * type-checked at fit time, never run as JavaScript): `formula/parse.ts` for the language.
 */
export const formulaStep: StepDefinition<typeof schema, FormulaState> = {
  id: 'formula',
  label: 'Formula column',
  help: 'Makes a new column from a formula of others: arithmetic (+ - * / % ^), comparisons (< <= > >= == !=, giving 1 or 0), and / or / not, if(condition, a, b), log, exp, sqrt, abs, min, max, round, the year / month / day / weekday / hour of a date, and contains / length of text. Names with spaces or symbols go in backquotes: `odd name`.',
  schema,
  checkState: formulaTransform.checkState,
  fit(table, params) {
    const name = params.name.trim();
    const label = `formula "${name}"`;
    if (!name) throw new SaplingError('bad-formula', 'a formula needs a name for the column it makes');
    if (findColumn(table, name)) throw new SaplingError('column-clash', `${label}: the data already has a column "${name}"; give the formula another name`);
    const compiled = compileFormula(params.expression, (column) => findColumn(table, column)?.kind, label);
    return { name, expr: compiled.expr, type: compiled.type, inputs: [...compiled.inputs] };
  },
  transform: (table, _params, state) => formulaTransform.transform(table, state),
  lineage: (state) => [[state.name, state.inputs]],
};
