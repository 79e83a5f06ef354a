import { type ParamSchema, type ParamSpec, type RawParams, appliesTo } from '../../params';
import type { ModelTask } from '../../problem';
import { SaplingError } from '../../util/errors';
import type { ModelInfo } from '../modelInfo';
import { ensembleStateCheck } from './state';

/**
 * The ensemble's parameters are its members' own, flattened so every tool that reads a schema (the
 * CLI's `--param`, recipes, project files) carries them: a switch per family (`gbdt: true`) and each
 * family's parameters under its id (`gbdt.learningRate`). Members that cannot do the task are left
 * out (logistic regression in a regression ensemble), so the defaults suit every task.
 */
export const ENSEMBLE_ID = 'ensemble';

/** The families in the default ensemble: scikit-learn's usual baselines, averaged. */
const DEFAULT_MEMBERS = new Set(['logistic', 'linear', 'forest', 'gbdt']);

/** Parameter key of member `family`'s parameter `name`. */
export function memberKey(family: string, name: string): string {
  return `${family}.${name}`;
}

/** The ensemble's catalog entry, its schema built from the families it can hold. */
export function ensembleInfoOf(families: readonly ModelInfo[]) {
  const schema: Record<string, ParamSpec> = {};
  for (const family of families) {
    schema[family.id] = {
      type: 'boolean',
      label: `${family.label}: a member`,
      default: DEFAULT_MEMBERS.has(family.id),
      help: `Whether ${family.label.toLowerCase()} is one of the models averaged (left out when it cannot do the task).`,
    };
    for (const [name, spec] of Object.entries(family.schema)) {
      // The members' search ranges stay theirs: tuning the whole ensemble at once is not offered.
      const { tune: _tune, ...plain } = spec;
      schema[memberKey(family.id, name)] = { ...plain, label: `${family.label}: ${spec.label}` } as ParamSpec;
    }
  }
  return {
    id: ENSEMBLE_ID,
    label: 'Ensemble: several models averaged',
    help: 'Trains the models switched on in its settings on the same rows and averages their predictions: the class probabilities (soft voting) or the predicted values. Models that err in different places cancel part of each other’s errors, so the average is often a little more accurate than the best of them, at the cost of training and predicting with all of them. Auto builds one from its leading models (with their tuned settings) and keeps it when its cross-validated score beats the best single model. The importance of the features comes from permutation (Evaluate).',
    tasks: ['binary', 'multiclass', 'regression'] as readonly ModelTask[],
    // Members that refuse NaN (the linear models) would refuse it anyway; the ensemble refuses it
    // whatever its members, so the studio always fills missing values for it.
    handlesMissing: false,
    // Logistic and linear regression (and the network) are TF.js networks: a backend is needed.
    tfjs: true,
    // A k-NN member's predictions cost in proportion to the training set.
    trainMetricsRows: 10_000,
    composite: true,
    checkState: ensembleStateCheck(families.map((f) => f.id)),
    schema: schema as ParamSchema,
  } satisfies ModelInfo;
}

/**
 * The ensemble's settings form for these values: the switches of the families that can do `task`,
 * and the settings of each family switched on (all of them at once would be some sixty fields).
 */
export function ensembleForm(schema: ParamSchema, families: readonly ModelInfo[], values: RawParams, task: ModelTask): ParamSchema {
  const out: Record<string, ParamSpec> = {};
  for (const f of families) {
    if (!f.tasks.includes(task)) continue;
    out[f.id] = schema[f.id];
    if ((values[f.id] ?? schema[f.id].default) !== true) continue;
    for (const [name, spec] of Object.entries(f.schema)) if (appliesTo(spec, task)) out[memberKey(f.id, name)] = schema[memberKey(f.id, name)];
  }
  return out;
}

/** One member of an ensemble: its family and its own parameters. */
export interface MemberSpec {
  readonly model: string;
  readonly params: RawParams;
}

/**
 * The members an ensemble's resolved parameters name that can do `task`, each with its own
 * parameters, in catalog order; an error when none can.
 */
export function membersOf(params: RawParams, families: readonly ModelInfo[], task: ModelTask): MemberSpec[] {
  const members = families
    .filter((f) => params[f.id] === true && f.tasks.includes(task))
    .map((f) => ({ model: f.id, params: Object.fromEntries(Object.keys(f.schema).map((name) => [name, params[memberKey(f.id, name)]]).filter(([, v]) => v !== undefined)) }));
  if (!members.length) {
    const able = families.filter((f) => f.tasks.includes(task)).map((f) => f.id);
    throw new SaplingError('bad-param', `the ensemble has no member that can do ${task}: switch on at least one of ${able.join(', ')}`);
  }
  return members;
}

/**
 * The ensemble's parameters for these members (each with its non-default settings): only these
 * members switched on. What Auto trains when it chooses an ensemble.
 */
export function ensembleParams(members: readonly MemberSpec[], families: readonly ModelInfo[]): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const f of families) out[f.id] = members.some((m) => m.model === f.id);
  for (const m of members) {
    for (const [name, value] of Object.entries(m.params)) out[memberKey(m.model, name)] = value as number | string | boolean;
  }
  return out;
}
