import { MODEL_CATALOG, getModelInfo } from '../models/info';
import type { StateCheckContext } from '../models/stateCheck';
import { resolveParams } from '../params';
import { type ModelTask, isClassification } from '../problem';
import { checkArray, checkInteger, checkNumbers, checkObject, checkString, checkStrings, fail } from '../util/check';
import { isSaplingError } from '../util/errors';

const FAMILY_IDS = MODEL_CATALOG.map((m) => m.id);

/** What the file around a fitted model says it must be: its feature count, and the problem's task and classes. */
export interface ModelExpectation {
  readonly nFeatures: number;
  readonly task: ModelTask;
  readonly classes: readonly string[];
}

/**
 * Checks a fitted model read from a file at `path` (`model`, or an ensemble's member) before it is
 * loaded: a known family that can do the task, classes that suit it (two or more distinct labels
 * for a classifier, none otherwise), the expected feature count, parameters valid for the family's
 * schema, and the family's own state check. Throws a `bad-model-file` SaplingError naming the place.
 */
export function checkFittedModel(x: unknown, path: string, expected: ModelExpectation): void {
  const model = checkObject(x, path);
  // Checked against the known ids first: the id is echoed JSON-quoted, so the message stays one line.
  const info = getModelInfo(checkString(model.model, `${path}.model`, FAMILY_IDS));
  const task = checkString(model.task, `${path}.task`, info.tasks) as ModelTask;
  if (task !== expected.task) fail(`${path}.task`, `is "${task}" where the file's problem is "${expected.task}"`);
  const classes = checkStrings(model.classes, `${path}.classes`, expected.classes.length);
  if (classes.some((c, k) => c !== expected.classes[k])) fail(`${path}.classes`, "differ from the problem's classes");
  if (isClassification(task)) {
    if (classes.length < 2) fail(`${path}.classes`, `a classifier needs at least 2 classes, got ${classes.length}`);
    if (new Set(classes).size !== classes.length) fail(`${path}.classes`, 'name a class twice');
  } else if (classes.length) fail(`${path}.classes`, `a ${task} model has no classes, got ${classes.length}`);
  checkInteger(model.nFeatures, `${path}.nFeatures`, expected.nFeatures, expected.nFeatures);
  const params = checkObject(model.params, `${path}.params`);
  checkParams(params, info.schema, `${path}.params`);
  checkArray(model.history, `${path}.history`);
  if (model.importance !== undefined) checkNumbers(model.importance, `${path}.importance`, expected.nFeatures);
  if (!info.checkState) fail(`${path}.model`, `"${info.id}" has no state check`);
  const ctx: StateCheckContext = {
    path: `${path}.state`,
    nFeatures: expected.nFeatures,
    task,
    classes: classes.length,
    classNames: classes,
    params,
    paramsPath: `${path}.params`,
    checkModel: (member, at) => checkFittedModel(member, at, expected),
  };
  info.checkState(model.state, ctx);
}

/**
 * The parameters a file carries, each checked against the family's schema (type, range, choices).
 * Keys the schema does not know are left alone: a file from an older Sapling may carry one it
 * dropped, and `load` reads only what it knows.
 */
function checkParams(params: Record<string, unknown>, schema: Parameters<typeof resolveParams>[0], path: string): void {
  const known = Object.fromEntries(Object.keys(params).filter((key) => Object.hasOwn(schema, key)).map((key) => [key, params[key]]));
  try {
    resolveParams(schema, known as Parameters<typeof resolveParams>[1], path);
  } catch (e) {
    if (isSaplingError(e)) fail(path, e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message);
    throw e;
  }
}
