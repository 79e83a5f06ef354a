import { SaplingError } from '../../util/errors';
import { keyed } from '../../util/keyed';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from '../step';
import { sortedPresent } from './numpyParity';
import { type PowerColumn, type PowerState, powerTransform } from './power.transform';
import { boxCoxAll, boxCoxLambda, fitQuantiles, standardize, yeoJohnsonAll, yeoJohnsonLambda } from './powerFit';

const schema = {
  method: {
    type: 'choice',
    label: 'Method',
    default: 'yeo-johnson',
    options: [
      { value: 'yeo-johnson', label: 'Yeo-Johnson (any numbers)' },
      { value: 'box-cox', label: 'Box-Cox (positive numbers)' },
      { value: 'log1p', label: 'log(1 + x)' },
      { value: 'quantile', label: 'Quantiles (rank-based)' },
    ],
    help: 'Reshapes skewed columns to look more normal. Yeo-Johnson and Box-Cox pick their power by maximum likelihood on the training rows (Box-Cox needs values above 0); log(1 + x) suits counts and amounts; quantiles map values through their training ranks.',
  },
  standardize: {
    type: 'boolean',
    label: 'Standardise',
    default: true,
    help: 'Rescales the transformed column to mean 0 and standard deviation 1 (as scikit-learn’s PowerTransformer does by default).',
    shownWhen: { param: 'method', values: ['yeo-johnson', 'box-cox'] },
  },
  output: {
    type: 'choice',
    label: 'Output',
    default: 'uniform',
    options: [
      { value: 'uniform', label: 'Uniform (0 to 1)' },
      { value: 'normal', label: 'Normal' },
    ],
    help: 'The distribution the quantile method maps to: uniform between 0 and 1, or a standard normal.',
    shownWhen: { param: 'method', values: ['quantile'] },
  },
  quantiles: {
    type: 'number',
    label: 'Quantiles',
    default: 1000,
    min: 10,
    max: 10000,
    integer: true,
    help: 'How many training quantiles the quantile method interpolates between (at most the number of training rows).',
    shownWhen: { param: 'method', values: ['quantile'] },
  },
  columns: columnsParam('numeric'),
  kinds: kindsParam(['numeric']),
} as const;

/**
 * Power and log transforms of numeric columns in place: Yeo-Johnson and Box-Cox as scikit-learn's
 * `PowerTransformer` (λ by maximum likelihood, then standardised by default), `log1p`, and
 * `QuantileTransformer` to a uniform or normal output. Missing values are ignored in fitting and
 * stay missing.
 */
export const powerStep: StepDefinition<typeof schema, PowerState> = {
  id: 'power',
  label: 'Power and log transforms',
  help: 'Makes skewed numeric columns more symmetric (Yeo-Johnson, Box-Cox, log or quantiles), which helps linear models, neural networks and k-nearest neighbours.',
  schema,
  checkState: powerTransform.checkState,
  fit(table, params) {
    const columns: PowerState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['numeric'], params.kinds)) {
      if (column.kind !== 'numeric') continue;
      // Sorted, so that the likelihood's sums (and Brent's path, which their last bits steer) do not
      // depend on the order of the training rows; sklearn sums in row order, a difference of ~1e-8 in λ.
      const x = sortedPresent(column.values);
      if (x.length === 0) continue;
      const fitted: PowerColumn = { lambda: 0, offset: 0, scale: 1, quantiles: [] };
      if (params.method === 'box-cox') checkDomain(column.name, column.values, 0, 'Box-Cox needs values above 0: use Yeo-Johnson, which takes any number');
      if (params.method === 'log1p') checkDomain(column.name, column.values, -1, 'log1p needs values above −1');
      if (params.method === 'quantile') fitted.quantiles = fitQuantiles(x, table.rowCount, params.quantiles);
      if (params.method === 'box-cox') fitted.lambda = boxCoxLambda(x);
      if (params.method === 'yeo-johnson') fitted.lambda = yeoJohnsonLambda(x);
      if (params.standardize && (params.method === 'box-cox' || params.method === 'yeo-johnson')) {
        Object.assign(fitted, standardize(params.method === 'box-cox' ? boxCoxAll(x, fitted.lambda) : yeoJohnsonAll(x, fitted.lambda)));
      }
      columns[column.name] = fitted;
    }
    return { method: params.method, normal: params.output === 'normal', columns };
  },
  transform: (table, _params, state) => powerTransform.transform(table, state),
};

/** Refuses a training value at or below `floor` (missing values pass), naming the column and the row. */
function checkDomain(name: string, values: Float64Array, floor: number, why: string): void {
  const row = values.findIndex((v) => v <= floor);
  if (row >= 0) throw new SaplingError('out-of-domain', `column "${name}" holds ${values[row]} at training row ${row + 1}; ${why}`);
}
