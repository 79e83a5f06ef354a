import { getModelInfo } from '../models/info';
import { getStep } from '../prep/registry';
import { SaplingError } from '../util/errors';
import { type AnyModelFile, MODEL_FILE_FORMAT, MODEL_FILE_VERSION, type ModelFile, isUnsupervisedFile } from './modelFile';

const TASKS = new Set(['binary', 'multiclass', 'regression']);
const UNSUPERVISED_TASKS = new Set(['clustering', 'projection']);

/**
 * Upgrades, one version at a time, from each older model-file version to the next. Each has a
 * frozen file of its version in ./fixtures that must keep loading with the same predictions.
 */
const UPGRADES: Readonly<Record<number, (file: Record<string, unknown>) => Record<string, unknown>>> = {
  // v1 → v2: the model's TF.js network moved into the family-specific `state` (trees have none).
  1: (file) => {
    const { network, ...model } = (file.model ?? {}) as Record<string, unknown>;
    return { ...file, version: 2, model: { ...model, state: { network } } };
  },
  // v2 → v3: binary classifiers may carry a decision threshold; files without one predict as before.
  2: (file) => ({ ...file, version: 3 }),
};

/**
 * Parses and validates the text of a model file with a target (what the studio imports); a
 * clustering or projection file gets an error saying where it can be used.
 */
export function parseModelFile(text: string): ModelFile {
  const file = parseAnyModelFile(text);
  if (isUnsupervisedFile(file)) {
    throw new SaplingError('unsupervised-model-file', `this is a ${file.problem.task} model (${file.model.model}), which has no target; use it with \`sapling predict\``);
  }
  return file;
}

/**
 * Parses and validates model-file text, with or without a target. Errors say what is wrong: not
 * JSON, not a Sapling model, a version from a newer Sapling, or a part that is missing or malformed.
 */
export function parseAnyModelFile(text: string): AnyModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SaplingError('bad-model-file', `not a Sapling model file: it is not valid JSON (${(e as Error).message})`);
  }
  return validateModelFile(data);
}

/** Validates (and upgrades) a parsed model file. */
export function validateModelFile(data: unknown): AnyModelFile {
  if (!isObject(data) || data.format !== MODEL_FILE_FORMAT) {
    const hint = isObject(data) && 'modelTopology' in data ? ' (this looks like a TF.js model.json; import the Sapling .json file instead)' : '';
    throw new SaplingError('bad-model-file', `not a Sapling model file: "format" is not "${MODEL_FILE_FORMAT}"${hint}`);
  }
  let version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SaplingError('bad-model-file', `the model file has no valid "version" (got ${JSON.stringify(version)})`);
  }
  if (version > MODEL_FILE_VERSION) {
    throw new SaplingError(
      'newer-model-file',
      `the model file is version ${version}, made by a newer Sapling; this one reads versions up to ${MODEL_FILE_VERSION}`,
    );
  }
  let file: Record<string, unknown> = data;
  while (version < MODEL_FILE_VERSION) {
    const upgrade = UPGRADES[version];
    if (!upgrade) throw new SaplingError('bad-model-file', `no upgrade from model-file version ${version}`);
    file = upgrade(file);
    version++;
  }
  const problem = file.problem;
  const supervised = isObject(problem) && typeof problem.target === 'string' && TASKS.has(problem.task as string);
  const unsupervised = isObject(problem) && problem.target === null && UNSUPERVISED_TASKS.has(problem.task as string);
  need(isObject(problem) && (supervised || unsupervised) && Array.isArray(problem.classes), 'problem');
  need(Array.isArray(file.inputSchema) && file.inputSchema.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.kind === 'string'), 'inputSchema');
  const pipeline = file.pipeline;
  need(isObject(pipeline) && Array.isArray(pipeline.steps) && Array.isArray(pipeline.features) && Array.isArray(pipeline.inputs), 'pipeline');
  for (const step of pipeline.steps as unknown[]) {
    need(isObject(step) && typeof step.step === 'string', 'pipeline.steps');
    getStep((step as { step: string }).step);
  }
  const model = file.model;
  need(isObject(model) && typeof model.model === 'string' && typeof model.nFeatures === 'number', 'model');
  getModelInfo(model.model as string);
  const state = (model as Record<string, unknown>).state;
  need(isObject(state), 'model.state');
  if ('network' in state) {
    const network = state.network;
    need(isObject(network) && typeof network.weights === 'string' && Array.isArray(network.weightSpecs) && isObject(network.topology), 'model.state.network');
  }
  need(isObject(file.report), 'report');
  if (file.decision !== undefined) {
    const d = file.decision;
    need(isObject(d) && typeof d.threshold === 'number' && d.threshold >= 0 && d.threshold <= 1 && isObject(problem) && problem.task === 'binary', 'decision');
  }
  return file as unknown as AnyModelFile;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function need(condition: boolean, part: string): asserts condition {
  if (!condition) throw new SaplingError('bad-model-file', `the model file's "${part}" is missing or malformed`);
}
