import { STEP_TRANSFORMS, getStepTransform } from '../prep/replay';
import type { InputColumn } from '../prep/pipeline';
import type { ModelTask } from '../problem';
import { COLUMN_KINDS } from '../table/column';
import { checkObject, checkString, checkStrings } from '../util/check';
import { checkFittedModel } from './checkModel';
import { checkMonitoring } from './checkMonitoring';
import { checkReport } from './checkReport';
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
  // v3 → v4: files carry a monitoring reference (`monitoring`); older ones have none and are
  // monitored against a reference CSV.
  3: (file) => ({ ...file, version: 4 }),
  // v4 → v5: each feature names all the original columns it comes from (`sources`, its lineage);
  // before, a feature came from one column (`source`), or from a PCA ("PCA").
  4: (file) => {
    const pipeline = isObject(file.pipeline) ? file.pipeline : {};
    const features = Array.isArray(pipeline.features) ? pipeline.features : [];
    const upgraded = features.map((f) => (isObject(f) && typeof f.source === 'string' && f.sources === undefined ? { ...f, sources: [f.source] } : f));
    return { ...file, version: 5, pipeline: { ...pipeline, features: upgraded } };
  },
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

/**
 * Validates (and upgrades) a parsed model file: its structure, each pipeline step's state, and the
 * fitted model through its family's state check, so that loading and predicting never walk or
 * allocate more than the file holds. Errors name the place (`model.state.trees[3].left[17]: …`).
 */
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
  need(Array.isArray(file.inputSchema), 'inputSchema');
  file.inputSchema.forEach((item, i) => {
    const column = checkObject(item, `inputSchema[${i}]`);
    checkString(column.name, `inputSchema[${i}].name`);
    checkString(column.kind, `inputSchema[${i}].kind`, COLUMN_KINDS);
  });
  const pipeline = file.pipeline;
  need(isObject(pipeline) && Array.isArray(pipeline.steps) && Array.isArray(pipeline.features) && Array.isArray(pipeline.inputs), 'pipeline');
  checkPipeline(pipeline);
  need(isObject(file.model), 'model');
  const { task, classes } = problem as { task: ModelTask; classes: unknown[] };
  checkStrings(classes, 'problem.classes');
  // Every part the model reads is checked before anything is allocated or walked (issue 11).
  checkFittedModel(file.model, 'model', { nFeatures: (pipeline.features as unknown[]).length, task, classes: classes as string[] });
  need(isObject(file.report), 'report');
  checkReport(file.report, (file.model as { model: string }).model, unsupervised);
  if (file.decision !== undefined) {
    const d = file.decision;
    need(isObject(d) && typeof d.threshold === 'number' && d.threshold >= 0 && d.threshold <= 1 && isObject(problem) && problem.task === 'binary', 'decision');
  }
  if (file.monitoring !== undefined) {
    file = { ...file, monitoring: checkMonitoring(file.monitoring, { inputSchema: file.inputSchema as InputColumn[], task, classes: classes as string[] }) };
  }
  return file as unknown as AnyModelFile;
}

/** The fitted pipeline's parts: each step's state by the step's own check, the features and inputs. */
function checkPipeline(pipeline: Record<string, unknown>): void {
  (pipeline.steps as unknown[]).forEach((item, i) => {
    const step = checkObject(item, `pipeline.steps[${i}]`);
    getStepTransform(checkString(step.step, `pipeline.steps[${i}].step`, STEP_TRANSFORMS.map((d) => d.id))).checkState(step.state, `pipeline.steps[${i}].state`);
    if (step.params !== undefined) checkObject(step.params, `pipeline.steps[${i}].params`);
  });
  (pipeline.features as unknown[]).forEach((item, i) => {
    const feature = checkObject(item, `pipeline.features[${i}]`);
    checkString(feature.name, `pipeline.features[${i}].name`);
    checkString(feature.source, `pipeline.features[${i}].source`);
    checkStrings(feature.sources, `pipeline.features[${i}].sources`);
  });
  (pipeline.inputs as unknown[]).forEach((item, i) => {
    const input = checkObject(item, `pipeline.inputs[${i}]`);
    checkString(input.name, `pipeline.inputs[${i}].name`);
    checkString(input.kind, `pipeline.inputs[${i}].kind`, COLUMN_KINDS);
  });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function need(condition: boolean, part: string): asserts condition {
  if (!condition) throw new SaplingError('bad-model-file', `the model file's "${part}" is missing or malformed`);
}
