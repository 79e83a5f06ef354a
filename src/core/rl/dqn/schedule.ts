/** How ε falls from its start to its floor as environment steps go by. */
export type EpsilonSchedule = 'linear' | 'exponential';

/**
 * ε after `step` environment steps: linear falls from `start` to `min` over `decaySteps` and stays
 * there (DQN's schedule, Mnih et al. 2015); exponential closes the gap to `min` by a factor e every
 * `decaySteps` steps (so it is 63% of the way down after `decaySteps`).
 */
export function epsilonAt(schedule: EpsilonSchedule, step: number, start: number, min: number, decaySteps: number): number {
  if (start <= min) return start;
  if (decaySteps <= 0) return min;
  if (schedule === 'linear') return step >= decaySteps ? min : start + (min - start) * (step / decaySteps);
  return min + (start - min) * Math.exp(-step / decaySteps);
}
