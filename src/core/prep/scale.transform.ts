import { type DataTable, withColumn } from '../table/DataTable';
import { checkEntries, checkNumber, checkObject, fail } from '../util/check';
import { type Keyed, own } from '../util/keyed';
import type { AffineMap, StepTransform } from './step';

/** Per column (keyed by name without a prototype, read with `own`): subtract `offset`, divide by `scale`. */
export type ScaleState = { columns: Keyed<{ offset: number; scale: number }> };

/** Replays scaling: (x − offset) / scale on each fitted numeric column. */
export const scaleTransform: StepTransform<ScaleState> = {
  id: 'scale',
  checkState(state, path) {
    checkEntries(checkObject(state, path).columns, `${path}.columns`, (v, at) => {
      const s = checkObject(v, at);
      checkNumber(s.offset, `${at}.offset`);
      // Dividing by a zero scale would turn every value into ±Infinity or NaN.
      if (checkNumber(s.scale, `${at}.scale`) === 0) fail(`${at}.scale`, 'must not be 0');
    });
  },
  transform(table, state) {
    let out: DataTable = table;
    for (const column of table.columns) {
      const s = own(state.columns, column.name);
      if (!s || column.kind !== 'numeric') continue;
      const source = column.values;
      const { offset, scale } = s;
      const values = new Float64Array(source.length);
      for (let i = 0; i < values.length; i++) values[i] = (source[i] - offset) / scale;
      out = withColumn(out, { ...column, values });
    }
    return out;
  },
  onFiniteNumbers(state, columns) {
    const maps = new Map<string, AffineMap>();
    for (const name of columns) {
      const s = own(state.columns, name);
      if (s) maps.set(name, { offset: s.offset, scale: s.scale });
    }
    return { kept: columns, maps };
  },
};
