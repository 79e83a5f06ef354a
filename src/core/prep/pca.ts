import { fitPca, type PcaFit, projectPca } from '../models/unsupervised/pca';
import type { DataTable } from '../table/DataTable';
import type { Column, NumericColumn } from '../table/column';
import { SaplingError } from '../util/errors';
import { columnsParam, outputTable, selectColumns, type StepDefinition } from './step';
import { checkPcaFit } from '../models/unsupervised/state';
import { checkObject, checkStrings } from '../util/check';

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
} as const;

/** The columns PCA was fitted on (in order) and the fit. */
type PcaState = { columns: string[]; fit: PcaFit };

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
  checkState(state, path) {
    const s = checkObject(state, path);
    const columns = checkStrings(s.columns, `${path}.columns`);
    checkPcaFit(s.fit, `${path}.fit`, columns.length);
  },
  fit(table, params) {
    const columns = selectColumns(table, params.columns, ['numeric', 'boolean']);
    if (columns.length === 0) throw new SaplingError('pca-no-columns', 'PCA found no numeric columns to combine');
    const X = matrix(table, columns.map((c) => c.name));
    return { columns: columns.map((c) => c.name), fit: fitPca(X, table.rowCount, columns.length, params.components) };
  },
  transform(table, _params, state) {
    const n = table.rowCount;
    const k = state.fit.nComponents;
    const projected = projectPca(state.fit, matrix(table, state.columns), n, state.columns.length);
    const used = new Set(state.columns);
    const kept: Column[] = table.columns.filter((c) => !used.has(c.name));
    const pcs: NumericColumn[] = Array.from({ length: k }, (_, c) => {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = projected[i * k + c];
      return { kind: 'numeric', name: `pc${c + 1}`, values };
    });
    return outputTable([...kept, ...pcs], 'PCA');
  },
  sources(state) {
    return Array.from({ length: state.fit.nComponents }, (_, c): [string, string] => [`pc${c + 1}`, 'PCA']);
  },
};

/** The named columns as a row-major float32 matrix; a gap is an error naming the column and row. */
function matrix(table: DataTable, names: readonly string[]): Float32Array {
  const n = table.rowCount;
  const d = names.length;
  const X = new Float32Array(n * d);
  names.forEach((name, j) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column || (column.kind !== 'numeric' && column.kind !== 'boolean')) throw new SaplingError('missing-columns', `PCA needs column "${name}" as numbers`);
    for (let i = 0; i < n; i++) {
      const v = column.kind === 'boolean' ? (column.values[i] < 0 ? NaN : column.values[i]) : column.values[i];
      if (Number.isNaN(v)) throw new SaplingError('missing-values', `PCA cannot use column "${name}": it has missing values (first at data row ${i + 1}); fill them first`);
      X[i * d + j] = v;
    }
  });
  return X;
}
