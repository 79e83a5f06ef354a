import { basename } from 'node:path';
import { type Curve, learningCurve, validationCurve } from '../../core/explain/curves';
import { defaultModelFor } from '../../core/models/info';
import { getModel } from '../../core/models/registry';
import type { ModelDefinition } from '../../core/models/definition';
import { appliesTo, parseParamText } from '../../core/params';
import { curveValues } from '../../core/explain/curveRange';
import { own } from '../../core/util/keyed';
import { defaultRecipe } from '../../core/prep/recipe';
import { recipeFacts } from '../../core/profile/profile';
import { type Task, resolveProblem } from '../../core/problem';
import { selectRows } from '../../core/table/DataTable';
import { DEFAULT_SEED } from '../../core/train/config';
import { splitForRun } from '../../core/train/singleRun';
import { SaplingError } from '../../core/util/errors';
import { num, table } from '../format';
import { readCsvFile, writeJson } from '../io';
import { foldsOption, numberOption } from '../options';
import type { WorkerPool } from '../parallel';
import { type TrainOptions, parseTask } from './train';

/**
 * `sapling curves <data.csv> --target <col> [--model id] [--vary name[=v1,v2,…]] [--cv K]`: the
 * learning curve of a model (and with --vary, its validation curve over one parameter), cross-
 * validated on the training rows (the test rows set aside as `train` sets them aside), with what
 * each curve says.
 */
export async function curvesCommand(path: string, options: TrainOptions & { vary?: string }, tfjsBackend: () => Promise<string>, pool?: WorkerPool): Promise<void> {
  if (!options.target) throw new SaplingError('missing-target', 'curves needs --target <column>');
  const folds = foldsOption(options.cv, 3);
  const seed = numberOption('--seed', options.seed, DEFAULT_SEED);
  const { table: data } = await readCsvFile(path, options.read ?? {}, pool);
  const problem = resolveProblem(data, options.target, parseTask(options.task));
  const model = getModel(options.model ?? defaultModelFor(problem.task));
  const params = Object.fromEntries((options.param ?? []).map((p) => parseParamText(model.schema, p, `model "${model.id}"`)));
  // The varied setting is checked before any fitting, so a wrong name fails at once.
  const vary = options.vary ? varied(model, options.vary, problem.task) : undefined;
  const config = { problem, recipe: defaultRecipe(recipeFacts(data), problem.target), model: { id: model.id, params }, seed };
  const backend = model.tfjs ? await tfjsBackend() : undefined;
  const { data: rows, split } = splitForRun(data, config);
  const training = selectRows(rows, split.train);
  const ctx = { host: pool, backend };
  console.log(`curves of ${model.label} (${model.id}) on ${basename(path)}: ${training.rowCount} training rows, ${folds}-fold cross-validation, seed ${seed}\n`);
  const learning = await learningCurve(training, config, folds, ctx);
  console.log('learning curve:');
  console.log(formatCurve(learning, 'training rows'));
  console.log(`\n${learning.reading}`);
  let validation: Curve | undefined;
  if (vary) {
    const { name, values } = vary;
    validation = await validationCurve(training, config, name, values, folds, ctx);
    console.log(`\nvalidation curve of ${name}:`);
    console.log(formatCurve(validation, name));
    console.log(`\n${validation.reading}`);
  }
  if (options.out) {
    await writeJson(options.out, { model: model.id, folds, learning, ...(validation ? { validation } : {}) });
    console.log(`\nwritten to ${options.out}`);
  }
}

/**
 * `--vary name=v1,v2,…` (or `--vary name` for the setting's default range, as the studio tries it):
 * the parameter and its values, each checked against the model's schema and the task.
 */
function varied(model: ModelDefinition, text: string, task: Task): { name: string; values: (number | string | boolean)[] } {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const list = eq < 0 ? null : text.slice(eq + 1);
  if (!name || list === '') throw new SaplingError('bad-param', `--vary needs name or name=v1,v2,…, got "${text}"`);
  const spec = own(model.schema, name);
  if (!spec) throw new SaplingError('unknown-param', `model "${model.id}" has no parameter "${name}" (known: ${Object.keys(model.schema).join(', ')})`);
  if (!appliesTo(spec, task)) throw new SaplingError('bad-param', `"${name}" of model "${model.id}" does not act on ${task} (only on ${(spec.tasks ?? []).join(', ')})`);
  if (list === null) return { name, values: curveValues(spec, undefined, name) };
  return { name, values: list.split(',').map((value) => parseParamText(model.schema, `${name}=${value}`, `model "${model.id}"`)[1] as number | string | boolean) };
}

function formatCurve(curve: Curve, x: string): string {
  const name = curve.metric === 'r2' ? 'R²' : 'accuracy';
  const rows = [[x, `training ${name}`, `validation ${name}`]];
  for (const p of curve.points) rows.push([p.apart ?? String(p.x), `${num(p.train.mean)} ± ${num(p.train.std)}`, `${num(p.validation.mean)} ± ${num(p.validation.std)}`]);
  return table(rows);
}
