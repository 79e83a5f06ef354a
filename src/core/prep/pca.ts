import { fitPca } from '../models/unsupervised/pca';
import { SaplingError } from '../util/errors';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from './step';
import { type PcaState, pcaMatrix, pcaTransform } from './pca.transform';

const schema = {
  components: {
    type: 'number',
    label: 'Components',
    default: 0.95,
    min: 0.01,
    max: 1000,
    help: 'How many principal components replace the numeric columns: a whole number, or a share of variance between 0 and 1 (0.95 keeps as many as explain 95%).',
  },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(['numeric', 'boolean']),
} as const;

/**
 * Replaces numeric columns by their principal components (`pc1`, `pc2`, …), fitted on the training
 * rows. Put it after filling gaps, scaling and one-hot encoding: PCA needs complete numbers, and
 * unscaled columns with large units would dominate the components.
 */
export const pcaStep: StepDefinition<typeof schema, PcaState> = {
  id: 'pca',
  label: 'Principal components (PCA)',
  help: 'Replaces the numeric columns with a few principal components that keep most of their variation: fewer, uncorrelated inputs for the model.',
  schema,
  checkState: pcaTransform.checkState,
  fit(table, params) {
    const columns = selectColumns(table, params.columns, ['numeric', 'boolean'], params.kinds);
    if (columns.length === 0) throw new SaplingError('pca-no-columns', 'PCA found no numeric columns to combine');
    const X = pcaMatrix(table, columns.map((c) => c.name));
    return { columns: columns.map((c) => c.name), fit: fitPca(X, table.rowCount, columns.length, params.components) };
  },
  transform: (table, _params, state) => pcaTransform.transform(table, state),
  lineage(state) {
    return Array.from({ length: state.fit.nComponents }, (_, c): [string, string[]] => [`pc${c + 1}`, state.columns]);
  },
};
