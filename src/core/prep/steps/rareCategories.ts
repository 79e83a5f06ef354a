import type { CodedColumn } from '../../table/column';
import { keyed } from '../../util/keyed';
import { columnsParam, selectColumns } from '../step';
import type { NewStepDefinition } from './contract';
import { type RareCategoriesState, rareCategoriesTransform } from './rareCategories.transform';

const schema = {
  rule: {
    type: 'choice',
    label: 'Rare means',
    default: 'count',
    options: [
      { value: 'count', label: 'Fewer rows than a count' },
      { value: 'share', label: 'A smaller share of rows' },
    ],
    help: 'How a rare category is recognised in the training rows: by its number of rows, or by its share of all training rows (gaps included), as scikit-learn\'s min_frequency (a whole number or a fraction).',
  },
  minCount: {
    type: 'number',
    label: 'Fewest rows',
    default: 10,
    min: 1,
    max: 1_000_000,
    integer: true,
    help: 'A category with fewer training rows than this is folded into "other".',
    shownWhen: { param: 'rule', values: ['count'] },
  },
  minShare: {
    type: 'number',
    label: 'Smallest share',
    default: 0.01,
    min: 0,
    max: 1,
    help: 'A category with a smaller share of the training rows than this (0.01 = 1%) is folded into "other".',
    shownWhen: { param: 'rule', values: ['share'] },
  },
  columns: columnsParam('categorical'),
} as const;

/** The first of "other", "other (rare)", "other (rare 2)", … that is not a kept category. */
export function otherLabel(kept: readonly string[]): string {
  const taken = new Set(kept);
  if (!taken.has('other')) return 'other';
  for (let k = 1; ; k++) {
    const label = k === 1 ? 'other (rare)' : `other (rare ${k})`;
    if (!taken.has(label)) return label;
  }
}

/** The categories of `column` with at least `minRows` training rows, in label order. */
export function frequentCategories(column: CodedColumn, minRows: number): string[] {
  const counts = new Int32Array(column.categories.length);
  for (const c of column.codes) if (c >= 0) counts[c]++;
  return column.categories.filter((_, k) => counts[k] > 0 && counts[k] >= minRows).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Folds rare categories into one "other" category (named "other (rare)" when the data already has
 * a frequent "other"), as scikit-learn's infrequent categories; categories never seen in training
 * are folded there too at prediction.
 */
export const rareCategoriesStep: NewStepDefinition<typeof schema, RareCategoriesState> = {
  id: 'rare-categories',
  label: 'Group rare categories',
  help: 'Folds categories with few training rows into one "other" category, so a model does not learn from a handful of rows and a category new at prediction time has somewhere to go.',
  schema,
  checkState: rareCategoriesTransform.checkState,
  fit(table, params) {
    const minRows = params.rule === 'count' ? params.minCount : params.minShare * table.rowCount;
    const columns: RareCategoriesState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['categorical']) as CodedColumn[]) {
      const kept = frequentCategories(column, minRows);
      columns[column.name] = { kept, other: otherLabel(kept) };
    }
    return { columns };
  },
  transform: (table, _params, state) => rareCategoriesTransform.transform(table, state),
};
