import { type ColumnKind, COLUMN_KINDS, isMissingAt } from '../../table/column';
import { columnsParam, selectColumns } from '../step';
import type { NewStepDefinition } from './contract';
import { type MissingIndicatorState, missingColumnName, missingIndicatorTransform } from './missingIndicator.transform';

const KINDS: readonly ColumnKind[] = COLUMN_KINDS;

const schema = {
  all: {
    type: 'boolean',
    label: 'Every column',
    default: false,
    help: 'Add an indicator for every chosen column, not only for those with gaps in the training rows (scikit-learn\'s features="all").',
  },
  columns: { ...columnsParam(''), help: 'Columns to flag; leave empty for every column (of the chosen kinds).' },
} as const;

/**
 * Missing-value indicators, as scikit-learn's MissingIndicator(features='missing-only'): a 0/1
 * column `age|missing` for each column with gaps in the training rows. Put it before "Fill missing
 * values", which leaves no gaps to indicate.
 */
export const missingIndicatorStep: NewStepDefinition<typeof schema, MissingIndicatorState> = {
  id: 'missing-indicator',
  label: 'Flag missing values',
  help: 'Adds a 0/1 column (age|missing) that is 1 where a value is missing, for each column with gaps in the training rows, so a model can learn from the fact that a value is absent. Put it before "Fill missing values".',
  schema,
  checkState: missingIndicatorTransform.checkState,
  fit(table, params) {
    const columns = selectColumns(table, params.columns, KINDS).filter((c) => {
      if (params.all) return true;
      for (let i = 0; i < table.rowCount; i++) if (isMissingAt(c, i)) return true;
      return false;
    });
    return { columns: columns.map((c) => c.name) };
  },
  transform: (table, _params, state) => missingIndicatorTransform.transform(table, state),
  lineage: (state) => state.columns.map((name) => [missingColumnName(name), [name]] as const),
};
