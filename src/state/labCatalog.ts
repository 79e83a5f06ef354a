import type { ParamSchema, ParamSpec, RawParams } from '../core/params';
import { GRID_ALGORITHMS } from '../core/rl/algorithms';
import { DQN_PARAMS, DQN_PRESETS } from '../core/rl/dqn/params';
import { type LabEnvId, isGridEnv } from '../workers/rlProtocol';

/** An algorithm as the lab's picker shows it: name, help, form schema, and whether it is an exact planner. */
export interface LabAlgo {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly exact: boolean;
  readonly schema: ParamSchema;
}

/** `schema` with the defaults of `preset` (what an environment's preset changes), so the form starts from the preset. */
export function withPreset(schema: ParamSchema, preset: RawParams): ParamSchema {
  return Object.fromEntries(Object.entries(schema).map(([key, spec]) => [key, key in preset ? ({ ...spec, default: preset[key] } as ParamSpec) : spec]));
}

/** The deep Q-network for a control problem, its form starting from that problem's preset. */
function dqn(env: 'cartpole' | 'mountaincar'): LabAlgo {
  return {
    id: 'dqn',
    label: 'Deep Q-network (DQN)',
    help: 'A small neural network estimates how good each action is from the positions and speeds. It learns from a replay memory of past moves against a slowly updated copy of itself (the target network), exploring less as it improves.',
    exact: false,
    schema: withPreset(DQN_PARAMS, DQN_PRESETS[env]),
  };
}

/** The algorithms for an environment: the tabular ones on grid worlds, DQN on the control problems. */
export function algosFor(env: LabEnvId): readonly LabAlgo[] {
  return isGridEnv(env) ? GRID_ALGORITHMS : [dqn(env as 'cartpole' | 'mountaincar')];
}

/** An algorithm by id for `env` (the first that fits for an unknown one, so a form always draws). */
export function algoInfo(id: string, env: LabEnvId): LabAlgo {
  const fitting = algosFor(env);
  return fitting.find((a) => a.id === id) ?? fitting[0];
}

/** The algorithm to show after picking `env`: the current one when it fits, else the first that does. */
export function defaultAlgoFor(env: LabEnvId, current: string): string {
  return algoInfo(current, env).id;
}
