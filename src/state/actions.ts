import { defaultModelFor, getModelInfo, modelsForTask } from '../core/models/info';
import { type RecipeSpec, type StepSpec, defaultRecipe } from '../core/prep/recipe';
import type { Task } from '../core/problem';
import { errorMessage, isCancelled } from '../core/util/errors';
import type { BackendName } from '../workers/backend';
import { callback, type EngineClient, startEngine } from '../workers/client';
import type { JobProgress } from '../workers/protocol';
import { type Job, type JobEvent, jobReducer } from './job';
import { INITIAL_STATE, type Step, type StudioState, studio } from './store';

/**
 * Everything the studio does, as plain functions over the store and the engine worker (STYLE.md §6).
 * Components call these; they never talk to the worker themselves.
 */

let engine: EngineClient | null = null;
let errorIds = 0;
/** The full predictions CSV of the last run: too big for the store, needed only for download. */
let predictionsCsv = '';

function set(patch: Partial<StudioState> | ((s: StudioState) => Partial<StudioState>)): void {
  studio.setState(patch);
}

function dispatch<K extends 'dataset' | 'training' | 'prediction'>(key: K, event: JobEvent<StudioState[K] extends Job<infer T> ? T : never>): void {
  set((s) => ({ [key]: jobReducer(s[key] as Job<unknown>, event as JobEvent<unknown>) }) as Partial<StudioState>);
}

function progressTo(key: 'dataset' | 'training' | 'prediction') {
  return callback((p: JobProgress) => {
    if (p.kind === 'epoch') {
      set((s) => ({ history: [...s.history, p.log] }));
      dispatch(key, { type: 'progress', progress: { stage: 'training', fraction: p.log.epoch / p.log.epochs } });
    } else if (p.kind === 'ingest') {
      const mb = (n: number) => (n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0);
      const stage = `${p.rows.toLocaleString('en-US')} rows, ${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB`;
      dispatch(key, { type: 'progress', progress: { stage, fraction: p.totalBytes ? p.bytesRead / p.totalBytes : undefined } });
    } else {
      dispatch(key, { type: 'progress', progress: { stage: p.stage, fraction: p.fraction } });
    }
  });
}

/** Shows an error in the alert area. */
export function showError(e: unknown): void {
  set((s) => ({ errors: [...s.errors, { id: ++errorIds, message: errorMessage(e) }] }));
}

/** Removes an error from the alert area. */
export function dismissError(id: number): void {
  set((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

/** Moves to a lifecycle screen. */
export function goTo(step: Step): void {
  set({ step });
}

/** Starts the engine worker and lets it pick the fastest TF.js backend. */
export async function startStudio(): Promise<void> {
  if (engine) return;
  engine = startEngine((message) => showError(`The compute engine stopped (${message}); reload the page to start again. Your files are not affected.`)).engine;
  try {
    const report = await engine.initBackend();
    set({ backend: { status: 'ready', report } });
  } catch (e) {
    set({ backend: { status: 'failed', error: errorMessage(e) } });
    showError(`No machine-learning backend could start: ${errorMessage(e)}`);
  }
}

/** Switches the TF.js backend. */
export async function chooseBackend(name: BackendName): Promise<void> {
  const current = studio.getState().backend;
  set({ backend: { ...current, pending: name } });
  try {
    const report = await requireEngine().setBackend(name);
    set({ backend: { status: 'ready', report } });
  } catch (e) {
    set({ backend: { ...current, pending: undefined } });
    showError(`Could not switch to ${name}: ${errorMessage(e)}`);
  }
}

function requireEngine(): EngineClient {
  if (!engine) throw new Error('the studio has not started');
  return engine;
}

/** Reads a CSV file in the worker. The data already loaded stays if this fails. */
export async function loadCsv(file: File): Promise<void> {
  dispatch('dataset', { type: 'start' });
  try {
    const summary = await requireEngine().loadCsv(file, {}, progressTo('dataset'));
    dispatch('dataset', { type: 'succeed', result: summary });
    set({ target: null, taskOverride: null, targetSummary: null, recipe: null, modelId: null, modelParams: {}, training: INITIAL_STATE.training, history: [] });
  } catch (e) {
    if (isCancelled(e)) {
      dispatch('dataset', { type: 'cancel' });
      return;
    }
    dispatch('dataset', { type: 'fail', error: errorMessage(e) });
    showError(`Could not read ${file.name}: ${errorMessage(e)}`);
  }
}

/** Loads one of the bundled samples (`iris.csv`, `penguins.csv`). */
export async function loadSample(name: string): Promise<void> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}samples/${name}`);
    if (!response.ok) throw new Error(`the sample ${name} is not available (HTTP ${response.status})`);
    await loadCsv(new File([await response.blob()], name, { type: 'text/csv' }));
  } catch (e) {
    showError(e);
  }
}

/** Chooses the column to predict; proposes a recipe and a model for it. */
export async function setTarget(target: string): Promise<void> {
  const { dataset } = studio.getState();
  const profile = dataset.result?.profile;
  if (!profile) return;
  try {
    const summary = await requireEngine().describeTarget(target);
    const recipe = defaultRecipe(profile, target);
    set({ target, taskOverride: null, targetSummary: summary, recipe });
    pickModelFor(summary.task);
  } catch (e) {
    showError(e);
  }
}

/** Overrides the inferred task (null returns to the inferred one). */
export async function setTask(task: Task | null): Promise<void> {
  const { target } = studio.getState();
  if (!target) return;
  try {
    const summary = await requireEngine().describeTarget(target, task ?? undefined);
    set({ taskOverride: task, targetSummary: summary });
    pickModelFor(summary.task);
  } catch (e) {
    showError(e);
  }
}

/** Keeps the chosen model if it can do the task, else proposes the default one. */
function pickModelFor(task: Task): void {
  const { modelId } = studio.getState();
  if (modelId && modelsForTask(task).some((m) => m.id === modelId)) return;
  set({ modelId: defaultModelFor(task), modelParams: {} });
}

/** Replaces the recipe's row, split or step settings. */
export function updateRecipe(patch: Partial<RecipeSpec>): void {
  set((s) => (s.recipe ? { recipe: { ...s.recipe, ...patch } } : {}));
}

/** Turns a preprocessing step on (with its parameters) or off. */
export function setStep(stepId: string, spec: StepSpec | null): void {
  set((s) => {
    if (!s.recipe) return {};
    const order = ['drop-columns', 'impute', 'scale', 'one-hot'];
    const others = s.recipe.steps.filter((x) => x.step !== stepId);
    const steps = spec ? [...others, spec].sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step)) : others;
    return { recipe: { ...s.recipe, steps } };
  });
}

/** Chooses the model family; parameters return to its defaults. */
export function setModel(id: string): void {
  getModelInfo(id);
  set({ modelId: id, modelParams: {} });
}

/** Sets one model parameter. */
export function setModelParam(key: string, value: unknown): void {
  set((s) => ({ modelParams: { ...s.modelParams, [key]: value } }));
}

/** Sets the random seed. */
export function setSeed(seed: number): void {
  set({ seed });
}

/** Trains with the current recipe and model in the worker, streaming epochs to the chart. */
export async function train(): Promise<void> {
  const s = studio.getState();
  if (!s.target || !s.recipe || !s.modelId || !s.targetSummary) {
    showError('Choose a target column first (Problem).');
    return;
  }
  set({ history: [] });
  dispatch('training', { type: 'start' });
  try {
    const config = {
      problem: { target: s.target, task: s.targetSummary.task },
      recipe: s.recipe,
      model: { id: s.modelId, params: s.modelParams },
      seed: s.seed,
    };
    const summary = await requireEngine().train(config, progressTo('training'));
    dispatch('training', { type: 'succeed', result: summary });
    set({ current: summary });
  } catch (e) {
    if (isCancelled(e)) {
      dispatch('training', { type: 'cancel' });
    } else {
      dispatch('training', { type: 'fail', error: errorMessage(e) });
      showError(`Training failed: ${errorMessage(e)}`);
    }
  }
}

/** Stops the running job at its next batch. */
export async function cancel(): Promise<void> {
  await requireEngine().cancel();
}

/** The current model file's JSON text. */
export async function exportModelText(): Promise<string> {
  return requireEngine().exportModel();
}

/** The current model as a TF.js pair. */
export async function exportTfjsPair(): Promise<{ modelJson: string; weights: Uint8Array }> {
  return requireEngine().exportTfjs();
}

/** Imports a model file; it becomes the current model. */
export async function importModel(file: File): Promise<void> {
  try {
    const summary = await requireEngine().importModel(file);
    set({ current: summary, prediction: INITIAL_STATE.prediction });
    predictionsCsv = '';
  } catch (e) {
    showError(`Could not import ${file.name}: ${errorMessage(e)}`);
  }
}

/** Predicts an uploaded CSV with the current model. */
export async function predictFile(file: File): Promise<void> {
  dispatch('prediction', { type: 'start' });
  try {
    const { csv, ...result } = await requireEngine().predict(file, progressTo('prediction'));
    predictionsCsv = csv;
    dispatch('prediction', { type: 'succeed', result });
  } catch (e) {
    dispatch('prediction', { type: 'fail', error: errorMessage(e) });
    showError(`Could not predict ${file.name}: ${errorMessage(e)}`);
  }
}

/** The last predictions as CSV text. */
export function predictionsCsvText(): string {
  return predictionsCsv;
}
