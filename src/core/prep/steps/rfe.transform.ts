import { checkNumber, checkNumbers, checkObject, checkString, fail } from '../../util/check';
import type { RfeCurve } from './selection/rfe';
import { type SelectionState, selectionTransform } from './selection.transform';

export type { RfeCurve } from './selection/rfe';

/**
 * RFE's state: scores = each column's rank (1 = kept, 2 = the last one dropped, …, as `ranking_`)
 * and, with cross-validation, the curve of the score against the number of columns for the chart.
 */
export type RfeState = SelectionState & { readonly curve: RfeCurve | null };

function checkCurve(x: unknown, path: string): void {
  if (x === null) return;
  const c = checkObject(x, path);
  const counts = checkNumbers(c.counts, `${path}.counts`);
  checkNumbers(c.scores, `${path}.scores`, counts.length);
  checkNumbers(c.std, `${path}.std`, counts.length);
  const chosen = checkNumber(c.chosen, `${path}.chosen`);
  if (!counts.includes(chosen)) fail(`${path}.chosen`, `${chosen} is not among the counts`);
  checkString(c.metric, `${path}.metric`, ['accuracy', 'r2']);
}

/** Replays recursive elimination: keeps the columns that survived it on the training rows. */
export const rfeTransform = selectionTransform<RfeState>('rfe', (s, path) => checkCurve(s.curve, `${path}.curve`));
