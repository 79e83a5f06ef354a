import { projectPca } from '../models/unsupervised/predict';
import { type PcaFit, checkPcaFit } from '../models/unsupervised/state';
import type { DataTable } from '../table/DataTable';
import type { Column, NumericColumn } from '../table/column';
import { checkObject, checkStrings } from '../util/check';
import { SaplingError } from '../util/errors';
import { type StepTransform, outputTable } from './step';

/** The columns PCA was fitted on (in order) and the fit. */
export type PcaState = { columns: string[]; fit: PcaFit };

/** Replays PCA: the fitted columns are replaced by their coordinates on the kept components (`pc1`, …). */
export const pcaTransform: StepTransform<PcaState> = {
  id: 'pca',
  checkState(state, path) {
    const s = checkObject(state, path);
    const columns = checkStrings(s.columns, `${path}.columns`);
    checkPcaFit(s.fit, `${path}.fit`, columns.length);
  },
  transform(table, state) {
    const n = table.rowCount;
    const k = state.fit.nComponents;
    const projected = projectPca(state.fit, pcaMatrix(table, state.columns), n, state.columns.length);
    const used = new Set(state.columns);
    const kept: Column[] = table.columns.filter((c) => !used.has(c.name));
    const pcs: NumericColumn[] = Array.from({ length: k }, (_, c) => {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = projected[i * k + c];
      return { kind: 'numeric', name: `pc${c + 1}`, values };
    });
    return outputTable([...kept, ...pcs], 'PCA');
  },
};

/** The named columns as a row-major float32 matrix; a gap is an error naming the column and row. */
export function pcaMatrix(table: DataTable, names: readonly string[]): Float32Array {
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
