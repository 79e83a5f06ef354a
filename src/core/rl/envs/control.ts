import { SaplingError } from '../../util/errors';
import type { ControlEnv, ControlEnvId } from '../types';
import { CartPole } from './cartpole';
import { MountainCar } from './mountainCar';

/** A control environment's entry in the registry. */
export interface ControlEnvInfo {
  /** Gymnasium's name for it. */
  readonly label: string;
  /** Gymnasium's TimeLimit. */
  readonly maxSteps: number;
  create(): ControlEnv;
  /** Whether an episode that ended so counts as a success (report.json's success_rate). */
  succeeded(terminated: boolean): boolean;
}

/** The control environments by id, with the step limit Gymnasium's TimeLimit sets. */
export const CONTROL_ENVS: Readonly<Record<ControlEnvId, ControlEnvInfo>> = {
  // Success: the pole is still up when TimeLimit ends the episode.
  cartpole: { label: 'CartPole-v1', maxSteps: 500, create: () => new CartPole(), succeeded: (terminated) => !terminated },
  // Success: the car reached the flag before the time limit.
  mountaincar: { label: 'MountainCar-v0', maxSteps: 200, create: () => new MountainCar(), succeeded: (terminated) => terminated },
};

/** Whether `id` names a control environment. */
export function isControlEnvId(id: string): id is ControlEnvId {
  return Object.prototype.hasOwnProperty.call(CONTROL_ENVS, id);
}

/** A fresh control environment; unknown ids are an error that lists the known ones. */
export function createControlEnv(id: string): ControlEnv {
  if (!isControlEnvId(id)) throw new SaplingError('unknown-env', `no control environment "${id}" (known: ${Object.keys(CONTROL_ENVS).join(', ')})`);
  return CONTROL_ENVS[id].create();
}
