import { keyed } from '../../util/keyed';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from '../step';
import { binEdges } from './binEdges';
import { type BinsState, binColumnNames, binsTransform } from './bins.transform';
import { present } from './numpyParity';

const schema = {
  bins: {
    type: 'number',
    label: 'Bins',
    default: 5,
    min: 2,
    max: 100,
    integer: true,
    help: 'How many bins each column is cut into (fewer where quantile or k-means edges coincide, as with many tied values).',
  },
  strategy: {
    type: 'choice',
    label: 'Edges',
    default: 'quantile',
    options: [
      { value: 'uniform', label: 'Uniform (equal widths)' },
      { value: 'quantile', label: 'Quantile (equal counts)' },
      { value: 'kmeans', label: 'k-means (around clusters)' },
    ],
    help: 'Uniform bins have equal widths; quantile bins hold about as many training rows each; k-means bins gather values around the centres of 1-D k-means.',
  },
  encode: {
    type: 'choice',
    label: 'Encoding',
    default: 'onehot',
    options: [
      { value: 'onehot', label: 'One 0/1 column per bin' },
      { value: 'ordinal', label: 'One column of bin numbers' },
    ],
    help: 'One-hot gives each bin its own 0/1 column (income|bin=0 …), which linear models need; ordinal keeps one column of bin numbers 0, 1, … (income|bin), enough for trees.',
  },
  columns: columnsParam('numeric'),
  kinds: kindsParam(['numeric']),
} as const;

/**
 * Cuts numeric columns into bins fitted on the training rows, as scikit-learn's `KBinsDiscretizer`
 * (its edges, bit for bit where it can be); the column is replaced by its bin column(s).
 */
export const binsStep: StepDefinition<typeof schema, BinsState> = {
  id: 'bins',
  label: 'Bin numbers',
  help: 'Replaces numeric columns by the bin each value falls in (equal widths, equal counts or k-means), for models that should treat ranges as categories.',
  schema,
  checkState: binsTransform.checkState,
  fit(table, params) {
    const columns: BinsState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['numeric'], params.kinds)) {
      if (column.kind !== 'numeric') continue;
      const values = present(column.values);
      if (values.length === 0) continue;
      columns[column.name] = { cuts: Array.from(binEdges(values, params.bins, params.strategy).slice(1, -1)) };
    }
    return { encode: params.encode, columns };
  },
  transform: (table, _params, state) => binsTransform.transform(table, state),
  lineage: (state) => Object.entries(state.columns).flatMap(([name, spec]) => binColumnNames(name, spec.cuts, state.encode).map((made) => [made, [name]] as const)),
};
