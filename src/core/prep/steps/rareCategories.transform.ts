import type { Column } from '../../table/column';
import { checkDistinctStrings, checkEntries, checkObject, checkString, fail, shown } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import type { StepTransform } from '../step';

/** Per column: the categories kept as they are, and the label every other category is folded into. */
export type RareCategoriesState = { columns: Keyed<{ kept: string[]; other: string }> };

/**
 * Replays the folding of rare categories: a category outside the kept ones (rare in training, or
 * never seen there) becomes the column's "other" category; a missing value stays missing.
 */
export const rareCategoriesTransform: StepTransform<RareCategoriesState> = {
  id: 'rare-categories',
  checkState(state, path) {
    checkEntries(checkObject(state, path).columns, `${path}.columns`, (v, at) => {
      const spec = checkObject(v, at);
      const kept = checkDistinctStrings(spec.kept, `${at}.kept`);
      if (kept.includes(checkString(spec.other, `${at}.other`))) fail(`${at}.other`, `${shown(spec.other)} is also a kept category`);
    });
  },
  transform(table, state) {
    return {
      rowCount: table.rowCount,
      columns: table.columns.map((column): Column => {
        const spec = own(state.columns, column.name);
        if (!spec || (column.kind !== 'categorical' && column.kind !== 'text')) return column;
        const index = new Map(spec.kept.map((label, k) => [label, k]));
        const other = spec.kept.length;
        const map = column.categories.map((label) => index.get(label) ?? other);
        return { ...column, categories: [...spec.kept, spec.other], codes: column.codes.map((c) => (c < 0 ? c : map[c])) };
      }),
    };
  },
};
