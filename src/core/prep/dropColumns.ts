import { SaplingError } from '../util/errors';
import type { StepDefinition } from './step';
import { type DropColumnsState, dropColumnsTransform } from './dropColumns.transform';

const schema = {
  columns: {
    type: 'columns',
    label: 'Columns to drop',
    default: [],
    help: 'Columns the model should not see: identifiers, free text, or anything that would not be known at prediction time.',
  },
} as const;

/** Removes named columns. Fitting checks they exist, so a typo is caught at training time. */
export const dropColumnsStep: StepDefinition<typeof schema, DropColumnsState> = {
  id: 'drop-columns',
  label: 'Drop columns',
  help: 'Leaves columns out of the model entirely.',
  schema,
  checkState: dropColumnsTransform.checkState,
  fit(table, params) {
    const names = new Set(table.columns.map((c) => c.name));
    const unknown = params.columns.filter((c) => !names.has(c));
    if (unknown.length) {
      throw new SaplingError('unknown-column', `drop columns: no column ${unknown.map((c) => `"${c}"`).join(', ')} in the data`);
    }
    return { dropped: [...params.columns] };
  },
  transform: (table, _params, state) => dropColumnsTransform.transform(table, state),
};
