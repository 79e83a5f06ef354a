import type { ParamSchema } from '../core/params';
import { GRID_ALGORITHMS } from '../core/rl/algorithms';
import { EPISODES, GAMMA, SEED } from '../core/rl/params';
import { type LabEnvId, isGridEnv } from '../workers/rlProtocol';

/** An algorithm as the lab's picker shows it: name, help, form schema, and whether it is an exact planner. */
export interface LabAlgo {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly exact: boolean;
  readonly schema: ParamSchema;
}

/** The deep Q-network for the control problems. */
const DQN: LabAlgo = {
  id: 'dqn',
  label: 'Deep Q-network (DQN)',
  help: 'A small neural network estimates how good each push is from the position and speeds. It learns from a replay memory of past moves against a slowly updated copy of itself, exploring less as it improves.',
  exact: false,
  schema: { gamma: GAMMA, episodes: { ...EPISODES, default: 300 }, seed: SEED },
};

/** The algorithms for an environment: the tabular ones on grid worlds, DQN on the control problems. */
export function algosFor(env: LabEnvId): readonly LabAlgo[] {
  return isGridEnv(env) ? GRID_ALGORITHMS : [DQN];
}

/** An algorithm by id (value iteration's entry for an unknown one, so a form always draws). */
export function algoInfo(id: string): LabAlgo {
  return [...GRID_ALGORITHMS, DQN].find((a) => a.id === id) ?? GRID_ALGORITHMS[0];
}

/** The algorithm to show after picking `env`: the current one when it fits, else the first that does. */
export function defaultAlgoFor(env: LabEnvId, current: string): string {
  const fitting = algosFor(env);
  return fitting.some((a) => a.id === current) ? current : fitting[0].id;
}
