import { autoInfo } from '../core/models/info';
import { resolveParams } from '../core/params';
import type { ValidationSpec } from '../core/train/config';
import { type TuneOptions, tuneSchema } from '../core/tune/tune';
import { errorMessage, isCancelled } from '../core/util/errors';
import type { ModelSummary } from '../workers/protocol';
import { becomeCurrent, clearErrors, showError } from './actions';
import { requireEngine, tracked } from './engineHandle';
import { dispatch, progressTo, set } from './jobs';
import { type StudioModel, trainedOrigin } from './modelOrigin';
import { recordRun, runClock } from './runs';
import { type StudioState, studio } from './store';

/**
 * The jobs that end in a model — training, Auto, tuning — as the studio runs them: in the engine
 * worker, as the store's \`training\` job with its live chart, recorded in the run history.
 */

/** Trains with the current recipe and model in the worker, streaming epochs to the chart. */
export async function train(): Promise<void> {
  const s = studio.getState();
  if (!s.recipe || !s.modelId || !(s.noTarget || (s.target && s.targetSummary))) {
    showError('Choose a target column, or no target, first (Problem).', 'train');
    return;
  }
  const common = runCommon(s);
  const problem = () => ({ target: s.target!, task: s.targetSummary!.task });
  // Only a plain training with a target cross-validates (Auto and tuning validate in their own way).
  const validation = s.noTarget || s.modelId === autoInfo.id ? {} : validationOf(s);
  await runModelJob(s.modelId, s.modelId === autoInfo.id ? 'auto' : 'train', (progress) =>
    s.noTarget
      ? requireEngine().trainUnsupervised({ task: s.noTarget, ...common }, progress)
      : s.modelId === autoInfo.id
        ? requireEngine().trainAuto({ problem: problem(), ...common, model: { id: autoInfo.id, params: {} } }, autoOptions(s.modelParams), progress)
        : requireEngine().train({ problem: problem(), ...common, ...validation }, progress),
    validation.validation,
  );
}

/**
 * Tunes the chosen model's settings by cross-validation on the training rows (the trials stream
 * into the live table), then trains the best and tests it once; the best settings fill the form.
 */
export async function tune(): Promise<void> {
  const s = studio.getState();
  if (!s.recipe || !s.modelId || !s.target || !s.targetSummary || s.noTarget || s.modelId === autoInfo.id) {
    showError('Tuning needs a target column and one model chosen (Auto tunes on its own).', 'tune');
    return;
  }
  const config = { problem: { target: s.target, task: s.targetSummary.task }, ...runCommon(s) };
  set({ trials: [], trialsModel: s.modelId });
  const summary = await runModelJob(s.modelId, 'tune', (progress) => requireEngine().tune(config, tuneOptions(s.tuneSettings), progress));
  // The found settings fill the form, unless another model was picked meanwhile.
  if (summary?.kind === 'supervised' && studio.getState().modelId === s.modelId) set({ modelParams: summary.report.params });
}

/** Sets one of the search's settings (strategy, trials, budget, folds) for the next tuning. */
export function setTuneSetting(key: string, value: unknown): void {
  set((s) => ({ tuneSettings: { ...s.tuneSettings, [key]: value } }));
}

/** What every run of the current settings shares: recipe, model, seed, read settings. */
function runCommon(s: StudioState) {
  return {
    recipe: s.recipe!,
    model: { id: s.modelId!, params: s.modelParams },
    seed: s.seed,
    ...(Object.keys(s.readSettings).length ? { read: s.readSettings } : {}),
  };
}

/**
 * Runs a job that ends in a model (training, Auto, tuning) as the `training` job: the live chart
 * fed, the result made current, a cancel or failure said. Resolves to the summary, or undefined.
 */
async function runModelJob(modelId: string, kind: StudioState['trainingKind'], start: (progress: ReturnType<typeof progressTo>) => Promise<ModelSummary>, validation?: ValidationSpec): Promise<ModelSummary | undefined> {
  const before = studio.getState();
  // Where this job's errors are shown (beside Train or Tune), apart from the model's origin below.
  const errorOrigin = kind === 'tune' ? 'tune' : 'train';
  clearErrors(errorOrigin);
  const startedAt = runClock.now();
  const origin = trainedOrigin(before, startedAt);
  if (!origin) {
    showError('Load a data set and choose a target column, or no target, first.', errorOrigin);
    return undefined;
  }
  set({ history: [], historyModel: modelId, historyOrigin: origin, trainingKind: kind });
  dispatch('training', { type: 'start' });
  const progress = progressTo('training');
  try {
    const summary = await tracked(start(progress)).finally(progress.flush);
    // A tuning fills the form with the settings it found: the model was trained with those.
    const found = kind === 'tune' && summary.kind === 'supervised' ? trainedOrigin(before, startedAt, summary.report.params) : null;
    const model: StudioModel = { ...summary, origin: found ?? origin };
    dispatch('training', { type: 'succeed', result: model });
    // Auto's chart shows its winner's training: label it as that model's.
    set({ historyOrigin: found ?? origin, ...(summary.kind === 'supervised' ? { historyModel: summary.report.model } : {}) });
    becomeCurrent(model);
    void recordRun(kind, before, startedAt, { status: 'succeeded', summary }, validation);
    return summary;
  } catch (e) {
    void recordRun(kind, before, startedAt, isCancelled(e) ? { status: 'cancelled' } : { status: 'failed', error: e }, validation);
    if (isCancelled(e)) {
      dispatch('training', { type: 'cancel' });
    } else {
      dispatch('training', { type: 'fail', error: errorMessage(e) });
      showError(`${kind === 'tune' ? 'Tuning' : 'Training'} failed: ${errorMessage(e)}`, errorOrigin);
    }
    return undefined;
  }
}

/** The run's cross-validation, when asked for (a group column that has since left the data is ignored). */
function validationOf(s: StudioState): { validation?: ValidationSpec } {
  if (s.validation.folds < 2) return {};
  const columns = s.dataset.result?.profile.columns.map((c) => c.name) ?? [];
  const group = s.validation.group && columns.includes(s.validation.group) ? { group: s.validation.group } : {};
  const method = s.validation.method === 'holdout' ? { method: 'holdout' as const } : {};
  return { validation: { folds: s.validation.folds, ...method, ...group } };
}

/** The search's options from the Tune form's values (or the defaults). */
function tuneOptions(settings: Readonly<Record<string, unknown>>): TuneOptions {
  const { strategy, trials, budget, folds } = resolveParams(tuneSchema, settings, 'tuning');
  return { strategy, trials, folds, ...(budget > 0 ? { budgetMs: budget * 1000 } : {}) };
}

/** Auto's budget and folds from its settings (the form's values, or the defaults). */
function autoOptions(params: Readonly<Record<string, unknown>>): { budgetMs: number; folds: number; trials?: number } {
  const { budget, folds, trials } = resolveParams(autoInfo.schema, params, 'Auto');
  return { budgetMs: budget * 1000, folds, ...(trials > 0 ? { trials } : {}) };
}
