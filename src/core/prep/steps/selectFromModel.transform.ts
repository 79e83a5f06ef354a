import { checkNumber, checkString } from '../../util/check';
import { type SelectionState, selectionTransform } from './selection.transform';

/** Select-from-model's state: scores = each column's importance, the model and the threshold it cut at. */
export type SelectFromModelState = SelectionState & { readonly model: 'l1' | 'forest'; readonly threshold: number };

/** Replays select-from-model: keeps the columns whose importance reached the threshold. */
export const selectFromModelTransform = selectionTransform<SelectFromModelState>('select-from-model', (s, path) => {
  checkString(s.model, `${path}.model`, ['l1', 'forest']);
  checkNumber(s.threshold, `${path}.threshold`);
});
