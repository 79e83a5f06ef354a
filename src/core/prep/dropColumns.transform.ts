import { dropColumns } from '../table/DataTable';
import { checkObject, checkStrings } from '../util/check';
import type { StepTransform } from './step';

/** The drop-columns step's state: the names it removes. */
export type DropColumnsState = { dropped: string[] };

/** Replays drop-columns: removes the named columns. */
export const dropColumnsTransform: StepTransform<DropColumnsState> = {
  id: 'drop-columns',
  checkState(state, path) {
    checkStrings(checkObject(state, path).dropped, `${path}.dropped`);
  },
  transform: (table, state) => dropColumns(table, state.dropped),
  onFiniteNumbers(state, columns) {
    const dropped = new Set(state.dropped);
    return { kept: columns.filter((c) => !dropped.has(c)), maps: new Map() };
  },
};
