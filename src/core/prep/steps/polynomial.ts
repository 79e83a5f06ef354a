import type { ColumnKind } from '../../table/column';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from '../step';
import { type PolynomialState, polynomialTransform, termName } from './polynomial.transform';
import { polynomialLimitError, polynomialTerms } from './polynomialTerms';

export { POLYNOMIAL_COLUMN_LIMIT, polynomialColumnCount } from './polynomialTerms';

const STEP_KINDS: readonly ColumnKind[] = ['numeric', 'boolean'];

const schema = {
  degree: {
    type: 'number',
    label: 'Degree',
    default: 2,
    min: 2,
    max: 3,
    integer: true,
    help: 'Products of up to this many columns: 2 makes squares and pairwise products (age^2, age×fare), 3 also cubes and triple products. The count grows fast with the number of columns.',
  },
  interactionOnly: {
    type: 'boolean',
    label: 'Interactions only',
    default: false,
    help: 'Only products of different columns (age×fare), no powers of one column (age^2).',
  },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(STEP_KINDS),
} as const;

/**
 * Polynomial and interaction features, as scikit-learn's `PolynomialFeatures(include_bias=False)`:
 * the chosen columns stay, and every product of degree 2 … `degree` is appended in sklearn's order.
 * Refuses (`too-many-columns`) past `POLYNOMIAL_COLUMN_LIMIT` output columns.
 */
export const polynomialStep: StepDefinition<typeof schema, PolynomialState> = {
  id: 'polynomial',
  label: 'Polynomial and interaction features',
  help: 'Adds products of numeric columns (age×fare, age^2) so that linear models and neural networks can fit curves and interactions. The original columns stay.',
  schema,
  checkState: polynomialTransform.checkState,
  fit(table, params) {
    const inputs = selectColumns(table, params.columns, STEP_KINDS, params.kinds).map((c) => c.name);
    const tooMany = polynomialLimitError(inputs.length, params.degree, params.interactionOnly);
    if (tooMany) throw tooMany;
    return { inputs, terms: polynomialTerms(inputs.length, params.degree, params.interactionOnly) };
  },
  transform: (table, _params, state) => polynomialTransform.transform(table, state),
  lineage: (state) => state.terms.map((t) => [termName(state.inputs, t), [...new Set(t)].map((f) => state.inputs[f])] as const),
};
