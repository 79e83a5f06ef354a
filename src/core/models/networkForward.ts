import { SaplingError } from '../util/errors';
import type { FittedModel, Predictor } from './model';

/**
 * STUB (issue 13, runtime branch): the hand-written forward pass of the TF.js networks lives on the
 * forward helper's branch, which replaces this file when the branches are merged. Only its export
 * signature is here, so the runtime's family map builds.
 */
export function networkPredictor(fitted: FittedModel): Predictor {
  throw new SaplingError('not-merged', `network forward pass not merged yet (model "${fitted.model}")`);
}
