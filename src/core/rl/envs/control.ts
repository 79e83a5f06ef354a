import { SaplingError } from '../../util/errors';
import type { ControlEnv, ControlEnvId } from '../types';
import { CartPole } from './cartpole';
import { MountainCar } from './mountainCar';

/** The control environments by id, with the step limit Gymnasium's TimeLimit sets. */
export const CONTROL_ENVS: Readonly<Record<ControlEnvId, { readonly label: string; readonly maxSteps: number; create(): ControlEnv }>> = {
  cartpole: { label: 'CartPole-v1', maxSteps: 500, create: () => new CartPole() },
  mountaincar: { label: 'MountainCar-v0', maxSteps: 200, create: () => new MountainCar() },
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
