import { resolveParams, type RawParams } from '../params';
import { SaplingError } from '../util/errors';
import { getGridAlgorithm } from './algorithms';
import { isGridEnv } from './agentFile';
import { evaluatePolicy } from './evaluate';
import { presetParams } from './presets';
import { AGENT_FILE_FORMAT, AGENT_FILE_VERSION, type AgentEnv, type AgentFile, type GridAlgoId, type GridWorld, type PolicyEvaluation, type RlHooks, type TabularResult } from './types';
import { makeGridWorld } from './worlds';

/**
 * One grid-world run from end to end, as the CLI and the studio's worker do it: the preset filled
 * under the given parameters, the algorithm run, its greedy policy evaluated, the agent file made.
 */

/** The greedy evaluation's size by default (the verification uses 10,000 episodes). */
export const EVALUATION_EPISODES = 10_000;

/** What to run. `params` are raw (from `--param` or a form) and override the preset. */
export interface GridRunRequest {
  readonly env: AgentEnv;
  readonly algo: GridAlgoId;
  readonly params?: RawParams;
  readonly evaluationEpisodes?: number;
  /** The evaluation's own seed (its slips), apart from the learner's. */
  readonly evaluationSeed?: number;
}

/** What a run gives: the algorithm's result, the parameters it used, the evaluation and the agent file. */
export interface GridRunOutput {
  readonly world: GridWorld;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly result: TabularResult;
  readonly evaluation: PolicyEvaluation;
  readonly agent: AgentFile;
}

/** The world an agent environment names (grid worlds only). */
export function gridWorldOf(env: AgentEnv): GridWorld {
  if (!isGridEnv(env.id)) throw new SaplingError('not-a-grid', `${env.id} is not a grid world`);
  return makeGridWorld(env.id, { slippery: env.slippery, grid: env.grid });
}

/** The parameters a run of `algo` on `env` uses: preset, then `given` over it, checked by the schema. */
export function resolveRunParams(algo: GridAlgoId, env: AgentEnv, given: RawParams = {}): Readonly<Record<string, number | string | boolean>> {
  const algorithm = getGridAlgorithm(algo);
  return resolveParams(algorithm.schema, { ...presetParams(algo, env.id), ...given }, algo) as Readonly<Record<string, number | string | boolean>>;
}

/** Runs `request` (see the file comment). */
export async function runGridAgent(request: GridRunRequest, hooks: RlHooks = {}): Promise<GridRunOutput> {
  const world = gridWorldOf(request.env);
  const algorithm = getGridAlgorithm(request.algo);
  const params = resolveRunParams(request.algo, request.env, request.params);
  const result = await algorithm.run(world, params as never, hooks);
  const evaluationSeed = request.evaluationSeed ?? 1;
  const evaluation = evaluatePolicy(world, result.policy, request.evaluationEpisodes ?? EVALUATION_EPISODES, evaluationSeed);
  const agent: AgentFile = {
    format: AGENT_FILE_FORMAT,
    version: AGENT_FILE_VERSION,
    env: request.env,
    algo: request.algo,
    params,
    policy: result.policy,
    values: result.values,
    q: result.q,
    curve: result.curve,
    evaluation,
    evaluationSeed,
  };
  return { world, params, result, evaluation, agent };
}

/** Runs a saved grid agent without learning: its greedy policy for `episodes` episodes from `seed`. */
export function playGridAgent(agent: AgentFile, episodes: number, seed: number): PolicyEvaluation {
  if (!agent.policy) throw new SaplingError('bad-agent-file', `policy: a ${agent.env.id} agent needs its policy`);
  return evaluatePolicy(gridWorldOf(agent.env), agent.policy, episodes, seed);
}
