import { checkNumber } from '../../util/check';
import { type SelectionState, selectionTransform } from './selection.transform';

/** Variance threshold's state: the shared selection fields (scores = each column's variance) and the threshold. */
export type VarianceThresholdState = SelectionState & { readonly threshold: number };

/** Replays a variance threshold: drops the columns whose training variance was not above it. */
export const varianceThresholdTransform = selectionTransform<VarianceThresholdState>('variance-threshold', (s, path) => checkNumber(s.threshold, `${path}.threshold`, 0));
