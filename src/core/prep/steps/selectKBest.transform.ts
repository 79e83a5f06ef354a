import { checkString } from '../../util/check';
import { type SelectionState, selectionTransform } from './selection.transform';

/** Select-k-best's state: scores = each column's F, mutual information or chi-square, and which of them. */
export type SelectKBestState = SelectionState & { readonly score: 'f' | 'mutual-info' | 'chi2' };

/** Replays select-k-best: keeps the k columns that scored best on the training rows. */
export const selectKBestTransform = selectionTransform<SelectKBestState>('select-k-best', (s, path) => checkString(s.score, `${path}.score`, ['f', 'mutual-info', 'chi2']));
