import { choiceInfo, getModelInfo } from '../../core/models/info';
import type { ModelTask } from '../../core/problem';
import type { Change, StudioModel } from '../../state/modelOrigin';
import { TASK_LABELS } from '../format';

/** What a model was trained on, and what has changed since, in words (issue 12, point 2). */

/** A time as the person's clock shows it, to the minute: `2026-12-07 04:30`. */
export function whenText(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** What a model learns, as the end of a sentence: `to predict “species”`, `without a target, to find groups (clustering)`. */
function purposeText(target: string | null, task: ModelTask): string {
  if (target !== null) return `to predict “${target}”`;
  return task === 'clustering' ? 'without a target, to find groups (clustering)' : 'without a target, to reduce dimensions (PCA)';
}

/**
 * Which data and target a model was trained on, with which model and when: `Trained on
 * penguins.csv (344 rows) to predict “species”, Logistic regression, 2026-12-07 04:30`; an
 * imported model says its file instead.
 */
export function trainedOnText(model: StudioModel): string {
  const { origin } = model;
  const label = getModelInfo(model.model).label;
  const target = model.problem.target ?? null;
  const task = model.report.task;
  if (origin.source === 'imported') {
    const what = target !== null ? `predicting “${target}”` : 'without a target';
    // The report's row count is not among the checks made on import: say it only when it is there.
    const rows = typeof model.report.rows === 'number' ? ` on ${model.report.rows.toLocaleString('en-US')} rows` : '';
    return `Imported from ${origin.file}: ${label} ${what}, trained elsewhere${rows}`;
  }
  const how = origin.model !== model.model ? `${label} (chosen by ${choiceInfo(origin.model).label.split(':')[0]})` : label;
  return `Trained on ${origin.data.name} (${origin.data.rows.toLocaleString('en-US')} rows) ${purposeText(target, task)}, ${how}, ${whenText(origin.at)}`;
}

/** One change since training, in words: `the target is now “island”`. */
export function changeText(change: Change): string {
  switch (change.what) {
    case 'data':
      if (!change.now) return 'no data is loaded now';
      return change.now.name === change.was.name ? `${change.now.name} was read again differently` : `the data is now ${change.now.name} (${change.now.rows.toLocaleString('en-US')} rows)`;
    case 'problem':
      if (!change.now) return 'no target is chosen now';
      return change.now.target === null ? `the problem is now ${TASK_LABELS[change.now.task].toLowerCase()}, without a target` : `the target is now “${change.now.target}”`;
    case 'task':
      return `the task is now ${TASK_LABELS[change.now].toLowerCase()} (was ${TASK_LABELS[change.was].toLowerCase()})`;
    case 'recipe':
      return 'the recipe on Prepare changed';
    case 'model':
      return change.now ? `the model picked is now ${choiceInfo(change.now).label.split(':')[0]}` : 'no model is picked now';
    case 'params':
      return "the model's settings changed";
    case 'seed':
      return `the random seed is now ${change.now} (was ${change.was})`;
  }
}

/** Several changes in one phrase: `the target is now “island”; the recipe on Prepare changed`. */
export function changesText(changes: readonly Change[]): string {
  return changes.map(changeText).join('; ');
}
