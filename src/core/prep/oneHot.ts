import { booleanLabels } from '../table/column';
import { keyed } from '../util/keyed';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from './step';
import { OTHER_CATEGORY, type OneHotState, indicatorLabels, oneHotTransform } from './oneHot.transform';

export { OTHER_CATEGORY };

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
  kinds: kindsParam(['categorical', 'boolean']),
} as const;

/**
 * One indicator column per category (`island=Dream`). A category never seen in training, or a missing
 * value, sets no indicator: unknown values at prediction time are handled, not fatal.
 */
export const oneHotStep: StepDefinition<typeof schema, OneHotState> = {
  id: 'one-hot',
  label: 'One-hot encode',
  help: 'Turns each category into its own 0/1 column so models that need numbers can use categorical data.',
  schema,
  checkState: oneHotTransform.checkState,
  fit(table, params) {
    const columns: OneHotState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['categorical', 'boolean'], params.kinds)) {
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
  transform: (table, _params, state) => oneHotTransform.transform(table, state),
  lineage(state) {
    return Object.entries(state.columns).flatMap(([name, spec]) => indicatorLabels(spec).map((label): [string, string[]] => [`${name}=${label}`, [name]]));
  },
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
