import { base64ToBytes } from '../util/base64';
import { BAD_MODEL_FILE, checkArray, checkBoolean, checkInteger, checkIntegers, checkNumber, checkNumbers, checkObject, checkString, fail } from '../util/check';
import { SaplingError, isSaplingError } from '../util/errors';
import { makeGridWorld, MAX_CUSTOM_CELLS } from './worlds';
import { AGENT_FILE_FORMAT, AGENT_FILE_VERSION, type AgentEnv, type AgentFile, type CellKind, type CustomGridSpec, type EpisodeLog, type GridEnvId, type PolicyEvaluation, type RlAlgoId, type RlEnvId } from './types';

/**
 * The agent file: a saved agent (policy, values and Q-table, or a Q-network) with what made it.
 * Versioned and validated on load like the model file (artifact/load.ts): every error names the
 * place in the file, a newer version gets its own error, and nothing is walked or allocated beyond
 * what the file holds.
 */

/** The error code of a malformed agent file. */
const BAD = 'bad-agent-file';

const GRID_ENVS: readonly GridEnvId[] = ['frozenlake', 'frozenlake8', 'cliff', 'custom'];
const ENVS: readonly RlEnvId[] = [...GRID_ENVS, 'cartpole', 'mountaincar'];
const ALGOS: readonly RlAlgoId[] = ['value-iteration', 'policy-iteration', 'q-learning', 'sarsa', 'expected-sarsa', 'dqn'];
const CELLS: readonly CellKind[] = ['start', 'free', 'wall', 'hole', 'cliff', 'goal', 'reward'];
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'];
/** Upgrades from each older version to the next (none yet: version 1 is the first). */
const UPGRADES: Readonly<Record<number, (file: Record<string, unknown>) => Record<string, unknown>>> = {};
/** Caps on what a file may make us allocate: a learning curve and a network layer. */
const MAX_CURVE = 10_000_000;
const MAX_UNITS = 4096;

/** Whether `id` is a grid world (its agent has a policy over cells). */
export function isGridEnv(id: string): id is GridEnvId {
  return (GRID_ENVS as readonly string[]).includes(id);
}

/** The agent file's JSON text (what the CLI's `--out` and the studio's Save write). */
export function serializeAgentFile(file: AgentFile): string {
  return JSON.stringify(file);
}

/** Parses and validates agent-file text; errors say what is wrong and where. */
export function parseAgentFile(text: string): AgentFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SaplingError(BAD, `not a Sapling agent file: it is not valid JSON (${(e as Error).message})`);
  }
  return validateAgentFile(data);
}

/** Validates (and upgrades) a parsed agent file. */
export function validateAgentFile(data: unknown): AgentFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== AGENT_FILE_FORMAT) {
    const hint = typeof data === 'object' && data !== null && (data as { format?: unknown }).format === 'sapling-model' ? ' (this is a model file; use it with `sapling predict`)' : '';
    throw new SaplingError(BAD, `not a Sapling agent file: "format" is not "${AGENT_FILE_FORMAT}"${hint}`);
  }
  let file = data as Record<string, unknown>;
  let version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SaplingError(BAD, `the agent file has no valid "version" (got ${JSON.stringify(version)})`);
  }
  if (version > AGENT_FILE_VERSION) {
    throw new SaplingError('newer-agent-file', `the agent file is version ${version}, made by a newer Sapling; this one reads versions up to ${AGENT_FILE_VERSION}`);
  }
  while (version < AGENT_FILE_VERSION) {
    const upgrade = UPGRADES[version];
    if (!upgrade) throw new SaplingError(BAD, `no upgrade from agent-file version ${version}`);
    file = upgrade(file);
    version++;
  }
  try {
    return checkParts(file);
  } catch (e) {
    // The shared checks (util/check.ts) speak of model files; these errors are about an agent file.
    if (isSaplingError(e) && e.code === BAD_MODEL_FILE) throw new SaplingError(BAD, e.message);
    throw e;
  }
}

/** Checks every part of a current-version agent file. */
function checkParts(file: Record<string, unknown>): AgentFile {
  const env = checkEnv(file.env);
  const algo = checkString(file.algo, 'algo', ALGOS) as RlAlgoId;
  const params = checkObject(file.params, 'params');
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') fail(`params.${key}`, 'expected a number, text or true/false', BAD);
  }
  checkCurve(file.curve);
  if (file.evaluation !== undefined) checkEvaluation(file.evaluation);
  if (file.evaluationSeed !== undefined) checkInteger(file.evaluationSeed, 'evaluationSeed', 0, 2 ** 32 - 1);
  if (isGridEnv(env.id)) {
    if (algo === 'dqn') fail('algo', `dqn agents play cartpole or mountaincar, not ${env.id}`, BAD);
    checkTabular(file, env);
  } else {
    if (algo !== 'dqn') fail('algo', `${env.id} agents are trained with dqn, not ${algo}`, BAD);
    if (file.network === undefined) fail('network', 'a dqn agent needs its network', BAD);
    checkNetwork(file.network);
  }
  return file as unknown as AgentFile;
}

function checkEnv(x: unknown): AgentEnv {
  const env = checkObject(x, 'env');
  const id = checkString(env.id, 'env.id', ENVS) as RlEnvId;
  if (env.slippery !== undefined) checkBoolean(env.slippery, 'env.slippery');
  if (id === 'custom') checkGrid(env.grid);
  else if (env.grid !== undefined) fail('env.grid', `only custom grids carry a grid, not ${id}`, BAD);
  return env as unknown as AgentEnv;
}

function checkGrid(x: unknown): void {
  const grid = checkObject(x, 'env.grid');
  const rows = checkInteger(grid.rows, 'env.grid.rows', 1, MAX_CUSTOM_CELLS);
  const cols = checkInteger(grid.cols, 'env.grid.cols', 1, MAX_CUSTOM_CELLS);
  if (rows * cols > MAX_CUSTOM_CELLS) fail('env.grid', `${rows}×${cols} is more than ${MAX_CUSTOM_CELLS} cells`, BAD);
  const cells = checkArray(grid.cells, 'env.grid.cells', rows * cols);
  cells.forEach((c, i) => checkString(c, `env.grid.cells[${i}]`, CELLS));
  for (const key of ['stepCost', 'goalReward', 'pitReward', 'cellReward'] as const) checkNumber(grid[key], `env.grid.${key}`, -1e6, 1e6);
  checkBoolean(grid.slippery, 'env.grid.slippery');
  checkInteger(grid.maxSteps, 'env.grid.maxSteps', 1, 1_000_000);
  try {
    makeGridWorld('custom', { grid: grid as unknown as CustomGridSpec });
  } catch (e) {
    if (isSaplingError(e)) fail('env.grid', e.message, BAD);
    throw e;
  }
}

function checkTabular(file: Record<string, unknown>, env: AgentEnv): void {
  const world = makeGridWorld(env.id as GridEnvId, { slippery: env.slippery, grid: env.grid });
  if (file.policy === undefined) fail('policy', `a ${env.id} agent needs its policy (an action per state)`, BAD);
  checkIntegers(file.policy, 'policy', 0, world.nActions - 1, world.nStates);
  if (file.values !== undefined) checkNumbers(file.values, 'values', world.nStates);
  if (file.q !== undefined) checkArray(file.q, 'q', world.nStates).forEach((row, s) => checkNumbers(row, `q[${s}]`, world.nActions));
  if (file.network !== undefined) fail('network', `a ${env.id} agent has no network`, BAD);
}

function checkCurve(x: unknown): EpisodeLog[] {
  const curve = checkArray(x, 'curve');
  if (curve.length > MAX_CURVE) fail('curve', `has ${curve.length} episodes, more than ${MAX_CURVE}`, BAD);
  curve.forEach((item, i) => {
    const log = checkObject(item, `curve[${i}]`);
    checkInteger(log.episode, `curve[${i}].episode`, 0, MAX_CURVE);
    checkNumber(log.return, `curve[${i}].return`);
    checkInteger(log.steps, `curve[${i}].steps`, 0, Number.MAX_SAFE_INTEGER);
    checkNumber(log.epsilon, `curve[${i}].epsilon`, 0, 1);
  });
  return curve as EpisodeLog[];
}

function checkEvaluation(x: unknown): PolicyEvaluation {
  const e = checkObject(x, 'evaluation');
  checkInteger(e.episodes, 'evaluation.episodes', 0, Number.MAX_SAFE_INTEGER);
  checkNumber(e.mean_return, 'evaluation.mean_return');
  checkNumber(e.success_rate, 'evaluation.success_rate', 0, 1);
  return e as unknown as PolicyEvaluation;
}

function checkNetwork(x: unknown): void {
  const net = checkObject(x, 'network');
  let fanIn = checkInteger(net.inputs, 'network.inputs', 1, MAX_UNITS);
  const hidden = checkArray(net.hidden, 'network.hidden');
  if (hidden.length > 16) fail('network.hidden', `has ${hidden.length} layers, more than 16`, BAD);
  const sizes: number[] = [];
  hidden.forEach((item, i) => {
    const layer = checkObject(item, `network.hidden[${i}]`);
    const units = checkInteger(layer.units, `network.hidden[${i}].units`, 1, MAX_UNITS);
    checkString(layer.activation, `network.hidden[${i}].activation`, ACTIVATIONS);
    sizes.push(fanIn * units, units);
    fanIn = units;
  });
  const outputs = checkInteger(net.outputs, 'network.outputs', 1, MAX_UNITS);
  sizes.push(fanIn * outputs, outputs);
  const weights = checkArray(net.weights, 'network.weights', sizes.length);
  weights.forEach((w, i) => {
    const text = checkString(w, `network.weights[${i}]`);
    // Base64 of n float32 values is 4n bytes: check the length before decoding anything.
    if (Math.floor((text.replace(/[\s=]+/g, '').length * 3) / 4) !== sizes[i] * 4) fail(`network.weights[${i}]`, `should hold ${sizes[i]} float32 values`, BAD);
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(text);
    } catch (e) {
      fail(`network.weights[${i}]`, (e as Error).message, BAD);
    }
    const values = new Float32Array(bytes.slice().buffer);
    if (!values.every(Number.isFinite)) fail(`network.weights[${i}]`, 'holds a value that is not a finite number', BAD);
  });
}
