import { type Column, type NumericColumn, booleanLabels } from '../table/column';
import { type Keyed, keyed, own } from '../util/keyed';
import { columnsParam, outputTable, selectColumns, type StepDefinition } from './step';
import { checkBoolean, checkDistinctStrings, checkEntries, checkObject, checkString, fail, shown } from '../util/check';

const schema = {
  maxCategories: {
    type: 'number',
    label: 'Most categories per column',
    default: 50,
    min: 1,
    max: 1000,
    integer: true,
    help: 'Keeps an indicator for this many of the most frequent categories; rarer ones share an "other" indicator. Stops a high-cardinality column from flooding the model.',
  },
  columns: columnsParam('categorical or boolean'),
} as const;

/** The label of the indicator shared by categories beyond `maxCategories`. */
export const OTHER_CATEGORY = '(other)';

/** How one column is encoded: the category labels that get an indicator, in output order. */
type Encoding = { kind: 'categorical' | 'boolean'; categories: string[]; other: boolean };

/** Per encoded column, keyed by name without a prototype (read with `own`). */
type OneHotState = { columns: Keyed<Encoding> };

/**
 * One indicator column per category (`island=Dream`). A category never seen in training, or a missing
 * value, sets no indicator: unknown values at prediction time are handled, not fatal.
 */
export const oneHotStep: StepDefinition<typeof schema, OneHotState> = {
  id: 'one-hot',
  label: 'One-hot encode',
  help: 'Turns each category into its own 0/1 column so models that need numbers can use categorical data.',
  schema,
  checkState(state, path) {
    checkEntries(checkObject(state, path).columns, `${path}.columns`, (v, at) => {
      const spec = checkObject(v, at);
      checkString(spec.kind, `${at}.kind`, ['categorical', 'boolean']);
      const categories = checkDistinctStrings(spec.categories, `${at}.categories`);
      if (checkBoolean(spec.other, `${at}.other`) && categories.includes(OTHER_CATEGORY)) fail(`${at}.categories`, `holds ${shown(OTHER_CATEGORY)}, the label of the other-categories indicator`);
    });
  },
  fit(table, params) {
    const columns: OneHotState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['categorical', 'boolean'])) {
      if (column.kind === 'boolean') {
        columns[column.name] = { kind: 'boolean', categories: [booleanLabels(column)[1]], other: false };
        continue;
      }
      if (column.kind !== 'categorical') continue;
      const counts = new Int32Array(column.categories.length);
      for (const c of column.codes) if (c >= 0) counts[c]++;
      const present = Array.from(counts.keys()).filter((k) => counts[k] > 0);
      // Most frequent first, then by label for a deterministic order; output order is by label.
      present.sort((a, b) => counts[b] - counts[a] || cmp(column.categories[a], column.categories[b]));
      const kept = present.slice(0, params.maxCategories).map((k) => column.categories[k]).sort(cmp);
      columns[column.name] = { kind: 'categorical', categories: kept, other: present.length > kept.length };
    }
    return { columns };
  },
  transform(table, _params, state) {
    const out: Column[] = [];
    for (const column of table.columns) {
      const spec = own(state.columns, column.name);
      if (!spec) out.push(column);
      else out.push(...encode(column, spec, table.rowCount));
    }
    return outputTable(out, 'one-hot');
  },
  sources(state) {
    return Object.entries(state.columns).flatMap(([name, spec]) => indicatorLabels(spec).map((label): [string, string] => [`${name}=${label}`, name]));
  },
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indicatorLabels(spec: Encoding): string[] {
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
