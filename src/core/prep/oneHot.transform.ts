import type { Column, NumericColumn } from '../table/column';
import { checkBoolean, checkDistinctStrings, checkEntries, checkObject, checkString, fail, shown } from '../util/check';
import { type Keyed, own } from '../util/keyed';
import { type StepTransform, outputTable } from './step';

/** The label of the indicator shared by categories beyond `maxCategories`. */
export const OTHER_CATEGORY = '(other)';

/** How one column is encoded: the category labels that get an indicator, in output order. */
export type Encoding = { kind: 'categorical' | 'boolean'; categories: string[]; other: boolean };

/** Per encoded column, keyed by name without a prototype (read with `own`). */
export type OneHotState = { columns: Keyed<Encoding> };

/**
 * Replays one-hot encoding: one indicator column per fitted category (`island=Dream`); a category
 * never seen in training, or a missing value, sets no indicator.
 */
export const oneHotTransform: StepTransform<OneHotState> = {
  id: 'one-hot',
  checkState(state, path) {
    checkEntries(checkObject(state, path).columns, `${path}.columns`, (v, at) => {
      const spec = checkObject(v, at);
      checkString(spec.kind, `${at}.kind`, ['categorical', 'boolean']);
      const categories = checkDistinctStrings(spec.categories, `${at}.categories`);
      if (checkBoolean(spec.other, `${at}.other`) && categories.includes(OTHER_CATEGORY)) fail(`${at}.categories`, `holds ${shown(OTHER_CATEGORY)}, the label of the other-categories indicator`);
    });
  },
  transform(table, state) {
    const out: Column[] = [];
    for (const column of table.columns) {
      const spec = own(state.columns, column.name);
      if (!spec) out.push(column);
      else out.push(...encode(column, spec, table.rowCount));
    }
    return outputTable(out, 'one-hot');
  },
  // Numeric columns it does not encode pass through; encoding one makes new columns.
  onFiniteNumbers: (state, columns) => (columns.some((c) => own(state.columns, c)) ? undefined : { kept: columns, maps: new Map() }),
};

/** The indicators' labels of one encoded column, in output order. */
export function indicatorLabels(spec: Encoding): string[] {
  return spec.other ? [...spec.categories, OTHER_CATEGORY] : spec.categories;
}

function encode(column: Column, spec: Encoding, rows: number): NumericColumn[] {
  const labels = indicatorLabels(spec);
  const outputs = labels.map((label) => ({ kind: 'numeric' as const, name: `${column.name}=${label}`, values: new Float64Array(rows) }));
  if (column.kind === 'boolean') {
    // A boolean becomes a single 0/1 column (missing stays missing for the imputer to have caught).
    for (let i = 0; i < rows; i++) outputs[0].values[i] = column.values[i] < 0 ? NaN : column.values[i];
    return outputs;
  }
  if (column.kind !== 'categorical' && column.kind !== 'text') return [];
  // Map this table's dictionary onto the fitted categories once, then index per row.
  const index = new Map(spec.categories.map((label, k) => [label, k]));
  const otherIndex = spec.other ? labels.length - 1 : -1;
  const codeToOutput = column.categories.map((label) => index.get(label) ?? otherIndex);
  for (let i = 0; i < rows; i++) {
    const code = column.codes[i];
    if (code < 0) continue;
    const k = codeToOutput[code];
    if (k >= 0) outputs[k].values[i] = 1;
  }
  return outputs;
}
