import type { Column } from '../../table/column';
import { checkArray, checkBoolean, checkDistinctStrings, checkEntries, checkNumbers, checkObject, fail } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import { type StepTransform, outputTable } from '../step';

/** One encoded column: its training categories and, per output, the value of each (then of a gap, when training had gaps). */
export type TargetEncoding = { categories: string[]; missing: boolean; encodings: number[][] };

/**
 * Fitted target encoding. `outputs` names the columns each encoded column becomes: `['']` for a
 * number or two classes (`island|target`), the classes for several (`island|target=Adelie`);
 * `means` is the training target's mean per output, the value of a category never seen in training.
 */
export type TargetEncodeState = { outputs: string[]; means: number[]; columns: Keyed<TargetEncoding> };

/** The name of the column made from `column` for output `suffix`. */
export function targetColumnName(column: string, suffix: string): string {
  return suffix ? `${column}|target=${suffix}` : `${column}|target`;
}

/** Replays target encoding with the full training data's encodings (the training rows themselves get out-of-fold ones at fit). */
export const targetEncodeTransform: StepTransform<TargetEncodeState> = {
  id: 'target-encode',
  checkState(state, path) {
    const s = checkObject(state, path);
    const outputs = checkDistinctStrings(s.outputs, `${path}.outputs`);
    if (outputs.length === 0) fail(`${path}.outputs`, 'is empty');
    checkNumbers(s.means, `${path}.means`, outputs.length);
    checkEntries(s.columns, `${path}.columns`, (v, at) => {
      const spec = checkObject(v, at);
      const size = checkDistinctStrings(spec.categories, `${at}.categories`).length + (checkBoolean(spec.missing, `${at}.missing`) ? 1 : 0);
      checkArray(spec.encodings, `${at}.encodings`, outputs.length).forEach((e, j) => checkNumbers(e, `${at}.encodings[${j}]`, size));
    });
  },
  transform(table, state) {
    const out: Column[] = [];
    for (const column of table.columns) {
      const spec = own(state.columns, column.name);
      if (!spec || (column.kind !== 'categorical' && column.kind !== 'text')) {
        out.push(column);
        continue;
      }
      // This table's dictionary mapped onto the fitted categories once (−1: never seen in training).
      const index = new Map(spec.categories.map((label, k) => [label, k]));
      const fitted = column.categories.map((label) => index.get(label) ?? -1);
      const gap = spec.missing ? spec.categories.length : -1;
      state.outputs.forEach((suffix, j) => {
        const encoding = spec.encodings[j];
        const values = new Float64Array(table.rowCount);
        for (let i = 0; i < values.length; i++) {
          const code = column.codes[i];
          const k = code < 0 ? gap : fitted[code];
          values[i] = k < 0 ? state.means[j] : encoding[k];
        }
        out.push({ kind: 'numeric', name: targetColumnName(column.name, suffix), values });
      });
    }
    return outputTable(out, 'target-encode');
  },
};
