import { SaplingError } from '../util/errors';
import { POLICY_ITERATION, VALUE_ITERATION } from './planning';
import { EXPECTED_SARSA, Q_LEARNING, SARSA } from './td';
import type { GridAlgoId, GridAlgorithm } from './types';

/** The tabular algorithms, in the order forms and the CLI list them. */
export const GRID_ALGORITHMS: readonly GridAlgorithm[] = [VALUE_ITERATION, POLICY_ITERATION, Q_LEARNING, SARSA, EXPECTED_SARSA] as readonly GridAlgorithm[];

/** A tabular algorithm by id; unknown ids get an error listing the known ones. */
export function getGridAlgorithm(id: string): GridAlgorithm {
  const found = GRID_ALGORITHMS.find((a) => a.id === id);
  if (!found) throw new SaplingError('unknown-algo', `unknown algorithm "${id}" (known: ${GRID_ALGORITHMS.map((a) => a.id).join(', ')})`);
  return found;
}

/** Whether `id` names a tabular algorithm. */
export function isGridAlgo(id: string): id is GridAlgoId {
  return GRID_ALGORITHMS.some((a) => a.id === id);
}
