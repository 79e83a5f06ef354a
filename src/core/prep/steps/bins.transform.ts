import type { Column, NumericColumn } from '../../table/column';
import { checkEntries, checkNumbers, checkObject, checkString, fail } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { type StepTransform, outputTable } from '../step';

/**
 * The bins step's fitted state: the encoding, and per column the inner bin edges ascending
 * (KBinsDiscretizer's `bin_edges_[1:-1]`; none for a constant column, which is one bin).
 */
export type BinsState = { encode: 'onehot' | 'ordinal'; columns: Keyed<{ cuts: number[] }> };

/** The columns one binned column becomes: `income|bin`, or `income|bin=0` … one per bin. */
export function binColumnNames(name: string, cuts: readonly number[], encode: BinsState['encode']): string[] {
  return encode === 'ordinal' ? [`${name}|bin`] : Array.from({ length: cuts.length + 1 }, (_, k) => `${name}|bin=${k}`);
}

/**
 * Replays binning in place of each fitted column: the bin index is the number of inner edges at or
 * below the value (np.searchsorted side='right', as KBinsDiscretizer), so values beyond the training
 * range fall in the first or last bin; a missing value stays missing (in every indicator for one-hot).
 */
export const binsTransform: StepTransform<BinsState> = {
  id: 'bins',
  checkState(state, path) {
    const s = checkObject(state, path);
    checkString(s.encode, `${path}.encode`, ['onehot', 'ordinal']);
    checkEntries(s.columns, `${path}.columns`, (v, at) => {
      const cuts = checkNumbers(checkObject(v, at).cuts, `${at}.cuts`);
      for (let k = 1; k < cuts.length; k++) if (!(cuts[k] > cuts[k - 1])) fail(`${at}.cuts[${k}]`, 'is not above the edge before it');
    });
  },
  transform(table, state) {
    const out: Column[] = [];
    for (const column of table.columns) {
      const spec = own(state.columns, column.name);
      if (!spec || column.kind !== 'numeric') {
        out.push(column);
        continue;
      }
      const names = binColumnNames(column.name, spec.cuts, state.encode);
      const made: NumericColumn[] = names.map((name) => ({ kind: 'numeric', name, values: new Float64Array(table.rowCount) }));
      column.values.forEach((x, i) => {
        let bin = 0;
        while (bin < spec.cuts.length && x >= spec.cuts[bin]) bin++;
        if (state.encode === 'ordinal') made[0].values[i] = Number.isNaN(x) ? NaN : bin;
        else if (Number.isNaN(x)) for (const m of made) m.values[i] = NaN;
        else made[bin].values[i] = 1;
      });
      out.push(...made);
    }
    return outputTable(out, 'bins');
  },
};
