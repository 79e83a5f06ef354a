import { parseParamText, type ParamSchema } from '../../core/params';
import { isGridEnv, parseAgentFile, serializeAgentFile } from '../../core/rl/agentFile';
import { getGridAlgorithm, GRID_ALGORITHMS } from '../../core/rl/algorithms';
import { EVALUATION_EPISODES, gridWorldOf, playGridAgent, runGridAgent } from '../../core/rl/runGrid';
import type { AgentEnv, ControlEnvId, EpisodeLog, GridAlgoId, PolicyEvaluation, RlEnvId } from '../../core/rl/types';
import { SaplingError } from '../../core/util/errors';
import { readModelFile, writeJson, writeOut } from '../io';
import { wholeOption } from '../options';
import { loadControlRunner } from '../rlControl';
import { formatCurve, formatEvaluation, formatPolicy, formatValues } from '../rlFormat';

/** The flags of `sapling rl`, as parseArgs gives them. */
export interface RlOptions {
  readonly env?: string;
  readonly slippery?: string;
  readonly algo?: string;
  readonly param?: readonly string[];
  readonly episodes?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly report?: string;
  readonly agent?: string;
  readonly 'eval-episodes'?: string;
}

const ENVS: readonly RlEnvId[] = ['frozenlake', 'frozenlake8', 'cliff', 'cartpole', 'mountaincar'];
const ALGOS = [...GRID_ALGORITHMS.map((a) => a.id), 'dqn'];
/** Greedy evaluation episodes of a control agent by default (the issue's CartPole check uses 100). */
const CONTROL_EVALUATION_EPISODES = 100;

/**
 * `sapling rl --env … --algo …`: learns (or plans) on an environment, prints the learning curve and
 * the greedy policy's evaluation, and writes the agent (--out) and the report (--report).
 * `sapling rl --agent agent.json`: plays a saved agent's greedy policy without learning.
 */
export async function rlCommand(options: RlOptions): Promise<void> {
  if (options.agent !== undefined) return playCommand(options.agent, options);
  const env = choose('--env', options.env, ENVS) as RlEnvId;
  const algo = choose('--algo', options.algo, ALGOS);
  const slippery = slipperyOption(options.slippery, env);
  if (isGridEnv(env)) {
    if (algo === 'dqn') throw new SaplingError('bad-option', `--algo dqn learns cartpole or mountaincar; for ${env} use one of ${GRID_ALGORITHMS.map((a) => a.id).join(', ')}`);
    await learnGrid({ id: env, ...(slippery !== undefined ? { slippery } : {}) }, algo as GridAlgoId, options);
  } else {
    if (algo !== 'dqn') throw new SaplingError('bad-option', `${env} is learned with --algo dqn, not ${algo}`);
    await learnControl(env, options);
  }
}

async function learnGrid(env: AgentEnv, algo: GridAlgoId, options: RlOptions): Promise<void> {
  const algorithm = getGridAlgorithm(algo);
  const params = paramOptions(algorithm.schema, options.param, algo);
  if (options.episodes !== undefined) {
    if (algorithm.exact) throw new SaplingError('bad-option', `--episodes: ${algo} plans from the rules of the world and plays no episodes (--eval-episodes sets the evaluation's)`);
    params.episodes = wholeOption('--episodes', options.episodes, 0, 1);
  }
  const seed = options.seed !== undefined ? wholeOption('--seed', options.seed, 0, 0) : undefined;
  if (seed !== undefined && !algorithm.exact) params.seed = seed;
  const evaluationEpisodes = wholeOption('--eval-episodes', options['eval-episodes'], EVALUATION_EPISODES, 1);
  const world = gridWorldOf(env);
  const started = performance.now();
  // The evaluation's slips come from their own stream (seed + 1), apart from learning's.
  const learnerSeed = typeof params.seed === 'number' ? params.seed : undefined;
  const run = await runGridAgent({ env, algo, params, evaluationEpisodes, evaluationSeed: (seed ?? learnerSeed ?? 0) + 1 }, {});
  const seconds = (performance.now() - started) / 1000;
  const shown = Object.entries(run.params).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${algorithm.label} on ${describeEnv(env)}: ${shown}`);
  if (algorithm.exact) console.log(`converged in ${run.result.iterations} ${algo === 'value-iteration' ? 'sweeps' : 'improvement rounds'} (${seconds.toFixed(2)} s)`);
  else console.log(`\nlearning curve (${run.result.curve.length.toLocaleString('en-US')} episodes, ${seconds.toFixed(1)} s):\n${formatCurve(run.result.curve)}`);
  console.log(`\ngreedy policy (actions: ${run.world.actionNames.map((n, a) => `${a} ${n}`).join(', ')}):\n${formatPolicy(world, run.result.policy)}`);
  console.log(`\nvalues:\n${formatValues(world, run.result.values)}`);
  console.log(`\n${formatEvaluation(run.evaluation)}`);
  await writeOutputs(options, run.agent.curve, run.evaluation, () => serializeAgentFile(run.agent));
}

async function learnControl(env: ControlEnvId, options: RlOptions): Promise<void> {
  const runner = await loadControlRunner();
  const params = paramOptions(runner.schema, options.param, 'dqn');
  if (options.episodes !== undefined) params.episodes = wholeOption('--episodes', options.episodes, 0, 1);
  if (options.seed !== undefined) params.seed = wholeOption('--seed', options.seed, 0, 0);
  const started = performance.now();
  const run = await runner.run(env, params, { onEpisode: (l) => l.episode % 50 === 0 && console.log(`episode ${l.episode}  return ${l.return}  ε ${l.epsilon.toFixed(3)}`) });
  console.log(`\nlearning curve (${run.curve.length} episodes, ${((performance.now() - started) / 1000).toFixed(1)} s):\n${formatCurve(run.curve)}`);
  console.log(`\n${formatEvaluation(run.evaluation)}`);
  await writeOutputs(options, run.curve, run.evaluation, () => serializeAgentFile(run.agent));
}

/** `--agent agent.json`: the saved agent's greedy policy, played without learning. */
async function playCommand(path: string, options: RlOptions): Promise<void> {
  for (const flag of ['env', 'algo', 'param', 'slippery', 'out'] as const) {
    if (options[flag] !== undefined) throw new SaplingError('bad-option', `--${flag}: --agent plays a saved agent as it is (its file names its environment and algorithm)`);
  }
  const agent = readModelFile(path, parseAgentFile);
  // By default the play repeats the evaluation made when the agent was saved (same episodes, same seed).
  const seed = wholeOption('--seed', options.seed, agent.evaluationSeed ?? 1, 0);
  let evaluation: PolicyEvaluation;
  if (isGridEnv(agent.env.id)) {
    const episodes = wholeOption('--episodes', options.episodes ?? options['eval-episodes'], agent.evaluation?.episodes ?? EVALUATION_EPISODES, 1);
    evaluation = playGridAgent(agent, episodes, seed);
    console.log(`${agent.algo} agent on ${describeEnv(agent.env)}, played without learning:\n${formatPolicy(gridWorldOf(agent.env), agent.policy ?? [])}\n`);
  } else {
    const episodes = wholeOption('--episodes', options.episodes ?? options['eval-episodes'], CONTROL_EVALUATION_EPISODES, 1);
    evaluation = await (await loadControlRunner()).play(agent, episodes, seed);
    console.log(`${agent.algo} agent on ${agent.env.id}, played without learning:`);
  }
  console.log(formatEvaluation(evaluation));
  if (options.report) {
    await writeJson(options.report, { evaluation, curve: [] });
    console.log(`report written to ${options.report}`);
  }
}

async function writeOutputs(options: RlOptions, curve: readonly EpisodeLog[], evaluation: PolicyEvaluation, agentText: () => string): Promise<void> {
  if (options.out) {
    await writeOut(options.out, `${agentText()}\n`);
    console.log(`agent written to ${options.out}`);
  }
  if (options.report) {
    await writeJson(options.report, { evaluation, curve }, 0);
    console.log(`report written to ${options.report}`);
  }
}

/** `--param key=value` texts typed by `schema`; unknown keys get an error listing the known ones. */
function paramOptions(schema: ParamSchema, texts: readonly string[] | undefined, owner: string): Record<string, unknown> {
  return Object.fromEntries((texts ?? []).map((t) => parseParamText(schema, t, owner)));
}

function choose(flag: string, value: string | undefined, known: readonly string[]): string {
  if (value === undefined) throw new SaplingError('bad-option', `${flag} is required (one of ${known.join(', ')})`);
  if (!known.includes(value)) throw new SaplingError('bad-option', `${flag} must be one of ${known.join(', ')}, got "${value}"`);
  return value;
}

/** `--slippery yes|no`: FrozenLake only (Gymnasium's is_slippery, on by default). */
function slipperyOption(text: string | undefined, env: RlEnvId): boolean | undefined {
  if (text === undefined) return undefined;
  if (env !== 'frozenlake' && env !== 'frozenlake8') throw new SaplingError('bad-option', `--slippery applies to frozenlake and frozenlake8, not ${env}`);
  if (text !== 'yes' && text !== 'no') throw new SaplingError('bad-option', `--slippery must be yes or no, got "${text}"`);
  return text === 'yes';
}

function describeEnv(env: AgentEnv): string {
  if (env.id === 'frozenlake' || env.id === 'frozenlake8') return `${env.id} (${env.id === 'frozenlake' ? '4×4' : '8×8'}, ${env.slippery === false ? 'not slippery' : 'slippery'})`;
  if (env.id === 'cliff') return 'cliff (CliffWalking 4×12)';
  if (env.id === 'custom' && env.grid) return `a custom ${env.grid.rows}×${env.grid.cols} grid`;
  return env.id;
}
