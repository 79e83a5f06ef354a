import { checkObject } from '../../util/check';
import type { StepTransform } from '../step';

/** Nothing is learned: the step only chooses training rows (its `keepRows`). */
export type DropDuplicatesState = Record<string, never>;

/** Replays dropping duplicates: a pass-through, since rows to predict are never dropped. */
export const dropDuplicatesTransform: StepTransform<DropDuplicatesState> = {
  id: 'drop-duplicates',
  checkState(state, path) {
    checkObject(state, path);
  },
  transform: (table) => table,
};
