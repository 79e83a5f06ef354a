import { checkArray, checkNumber, checkObject, checkString } from '../../util/check';
import { type SelectionState, selectionTransform } from './selection.transform';

/** A dropped column, the kept column it correlated with, and their Pearson r. */
export interface CorrelatedPair {
  readonly column: string;
  readonly because: string;
  readonly r: number;
}

/** Drop-correlated's state: scores = each column's relation to the target (null without one), and why each dropped column went. */
export type DropCorrelatedState = SelectionState & { readonly dropped: CorrelatedPair[] };

/** Replays drop-correlated: drops the columns it found highly correlated with a kept one. */
export const dropCorrelatedTransform = selectionTransform<DropCorrelatedState>('drop-correlated', (s, path) =>
  checkArray(s.dropped, `${path}.dropped`).forEach((pair, i) => {
    const p = checkObject(pair, `${path}.dropped[${i}]`);
    checkString(p.column, `${path}.dropped[${i}].column`);
    checkString(p.because, `${path}.dropped[${i}].because`);
    checkNumber(p.r, `${path}.dropped[${i}].r`, -1, 1);
  }),
);
