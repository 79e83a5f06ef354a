import { type DataTable, withColumn } from '../table/DataTable';
import type { Column } from '../table/column';
import { checkEntries, checkNumber, checkObject } from '../util/check';
import { type Keyed, own } from '../util/keyed';
import type { StepTransform } from './step';

/**
 * The fill value per column: a number for numeric columns, a category label or 0/1 otherwise. Keyed
 * by column name (any name, `__proto__` included): made without a prototype, read with `own`.
 */
export type ImputeState = { fills: Keyed<number | string> };

/** Replays imputation: each fitted column's gaps take its fill. */
export const imputeTransform: StepTransform<ImputeState> = {
  id: 'impute',
  checkState(state, path) {
    // A fill is a number (numeric columns, 0/1 for yes/no) or a category label.
    checkEntries(checkObject(state, path).fills, `${path}.fills`, (v, at) => (typeof v === 'string' ? v : checkNumber(v, at)));
  },
  transform(table, state) {
    let out: DataTable = table;
    for (const column of table.columns) {
      const fill = own(state.fills, column.name);
      if (fill !== undefined) out = withColumn(out, fillColumn(column, fill));
    }
    return out;
  },
  // Fills only touch gaps, which columns of finite numbers do not have.
  onFiniteNumbers: (_state, columns) => ({ kept: columns, maps: new Map() }),
};

function fillColumn(column: Column, fill: number | string): Column {
  switch (column.kind) {
    case 'numeric':
    case 'datetime': {
      // Most columns have no gaps: they pass through without a copy.
      let first = 0;
      while (first < column.values.length && column.values[first] === column.values[first]) first++;
      if (first === column.values.length) return column;
      const values = column.values.slice();
      for (let i = first; i < values.length; i++) if (values[i] !== values[i]) values[i] = fill as number;
      return { ...column, values };
    }
    case 'boolean': {
      const values = column.values.map((v) => (v < 0 ? (fill as number) : v));
      return { ...column, values };
    }
    default: {
      let fillCode = column.categories.indexOf(fill as string);
      const categories = fillCode >= 0 ? column.categories : [...column.categories, fill as string];
      if (fillCode < 0) fillCode = categories.length - 1;
      const codes = column.codes.map((c) => (c < 0 ? fillCode : c));
      return { ...column, codes, categories };
    }
  }
}
