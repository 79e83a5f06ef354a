import type { ReadSettings } from '../core/ingest/reader';
import type { DateOrder } from '../core/table/cells';
import type { ColumnKind } from '../core/table/column';
import { choiceInfo, defaultModelFor, getModelInfo, modelsForTask } from '../core/models/info';
import { type RecipeSpec, defaultRecipe } from '../core/prep/recipe';
import type { ModelTask, Task, UnsupervisedTask } from '../core/problem';
import { errorMessage, isCancelled } from '../core/util/errors';
import type { BackendName } from '../workers/backend';
import type { EngineClient } from '../workers/client';
import type { DatasetSummary } from '../workers/protocol';
import type { WarningFix } from '../core/warnings';
import { type ErrorOrigin, addError, withoutOrigin } from './errorList';
import { hasEngine, launchEngine, requireEngine, tracked } from './engineHandle';
import { initialColourBy, loadRowMap } from './rowMap';
import type { StudioModel } from './modelOrigin';
import { loadRuns, runClock } from './runs';
import { dispatch, progressTo, set } from './jobs';
import { chooserDropped, setChooserDropped } from './recipeSteps';
import { INITIAL_STATE, type Step, type StudioState, studio } from './store';

/**
 * Everything the studio does, as plain functions over the store and the engine worker (STYLE.md §6).
 * Components call these; they never talk to the worker themselves.
 */

let errorIds = 0;
/** The full predictions CSV of the last run, as a Blob (it can outgrow a string): too big for the store, needed only for download. */
let predictionsCsv: Blob | null = null;
/** The last data file read, held so a restarted engine can read it again (the engine holds the table). */
let heldFile: File | null = null;

/**
 * Shows an error in the alert area and, with `origin` (the failed control's key), beside that
 * control; the same error already shown is counted, not stacked. Returns its id.
 */
export function showError(e: unknown, origin?: ErrorOrigin): number {
  const next = { id: ++errorIds, message: errorMessage(e), ...(origin ? { origin } : {}) };
  let id = next.id;
  set((s) => {
    const added = addError(s.errors, next);
    id = added.id;
    return { errors: added.errors };
  });
  return id;
}

/** Removes the errors of control `origin`: its action is being tried again. */
export function clearErrors(origin: ErrorOrigin): void {
  set((s) => ({ errors: withoutOrigin(s.errors, origin) }));
}

/** Changes the text of an alert still shown (what happened next). */
export function updateError(id: number, message: string): void {
  set((s) => ({ errors: s.errors.map((e) => (e.id === id ? { ...e, message } : e)) }));
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
  if (hasEngine()) return;
  void loadRuns((message) => showError(message));
  await bootEngine();
}

/** Starts a new engine worker, makes it the studio's, and has it choose a backend. */
export async function bootEngine(): Promise<void> {
  const engine = launchEngine((message) => showError(`The compute engine stopped (${message}); reload the page to start again. Your files are not affected.`));
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

/** Reads a CSV file in the worker with the current read settings. The data already loaded stays if this fails. */
export async function loadCsv(file: File): Promise<void> {
  heldFile = file;
  await read(file.name, (engine, settings) => engine.data.loadCsv(file, settings, progressTo('dataset')));
}

/** The data file last read (null before any): what a restarted engine reads again. */
export function heldDataFile(): File | null {
  return heldFile;
}

/** Settings with `patch` applied; keys set to undefined go back to detection. */
function mergeSettings(settings: ReadSettings, patch: Partial<ReadSettings>): ReadSettings {
  const merged: Record<string, unknown> = { ...settings, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as ReadSettings;
}

/** Changes read settings (delimiter, encoding, a column's type…) and reads the current file again. */
export async function rereadWith(patch: Partial<ReadSettings>): Promise<void> {
  const settings = mergeSettings(studio.getState().readSettings, patch);
  set({ readSettings: settings });
  const name = studio.getState().dataset.result?.name;
  if (name) await read(name, (engine, s) => engine.data.rereadCsv(s, progressTo('dataset')));
}

/** Changes read settings without reading (they apply to the next upload). */
export function setReadSettings(patch: Partial<ReadSettings>): void {
  set((s) => ({ readSettings: mergeSettings(s.readSettings, patch) }));
}

/** Reads the current file again with one column read as `kind` (and dates in `order`). */
export async function setColumnKind(column: string, kind: ColumnKind, order?: DateOrder): Promise<void> {
  const { kinds = {}, dateOrders = {} } = studio.getState().readSettings;
  await rereadWith({ kinds: { ...kinds, [column]: kind }, ...(order ? { dateOrders: { ...dateOrders, [column]: order } } : {}) });
}

async function read(name: string, run: (engine: EngineClient, settings: ReadSettings) => Promise<DatasetSummary>): Promise<void> {
  dispatch('dataset', { type: 'start' });
  const before = studio.getState();
  try {
    const summary = await tracked(run(requireEngine(), before.readSettings));
    dispatch('dataset', { type: 'succeed', result: summary });
    // The same file read again keeps the problem definition when its target is still there.
    set({ associations: null });
    void loadAssociations();
    const sameTarget = before.dataset.result?.name === summary.name && before.target && summary.profile.columns.some((c) => c.name === before.target);
    const sameFile = before.dataset.result?.name === summary.name;
    if (sameTarget && before.target) {
      await setTarget(before.target);
    } else if (sameFile && before.noTarget) {
      setNoTarget(before.noTarget);
    } else {
      const { target, noTarget, taskOverride, targetSummary, recipe, modelId, modelParams, training, history, exclusions } = INITIAL_STATE;
      set({ target, noTarget, taskOverride, targetSummary, recipe, modelId, modelParams, training, history, exclusions });
    }
    // The map of the rows is drawn from the loaded table: the new one, now.
    void loadRowMap();
  } catch (e) {
    if (isCancelled(e)) {
      dispatch('dataset', { type: 'cancel' });
      return;
    }
    dispatch('dataset', { type: 'fail', error: errorMessage(e) });
    showError(`Could not read ${name}: ${errorMessage(e)}`);
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
    const summary = await requireEngine().data.describeTarget(target);
    const { exclusions } = studio.getState();
    const recipe = withExclusions(defaultRecipe(profile, target), exclusions, target);
    set({ target, noTarget: null, taskOverride: null, targetSummary: summary, recipe });
    pickModelFor(summary.task);
  } catch (e) {
    showError(e);
  }
}

/**
 * Learns without a target: finds groups of rows (clustering) or fewer axes (projection) from every
 * column left in; proposes a recipe without a split, and the family's first model. `null` goes back
 * to predicting a column, which is then to be chosen.
 */
export function setNoTarget(task: UnsupervisedTask | null): void {
  const { dataset, exclusions } = studio.getState();
  const profile = dataset.result?.profile;
  if (!profile) return;
  if (task === null) {
    set({ noTarget: null, recipe: null });
    return;
  }
  const recipe = withExclusions(defaultRecipe(profile, null), exclusions, null);
  set({ target: null, noTarget: task, taskOverride: null, targetSummary: null, recipe });
  pickModelFor(task);
}

/** A recipe with the person's exclusions added: their columns left out, duplicates dropped. */
function withExclusions(recipe: RecipeSpec, exclusions: StudioState['exclusions'], target: string | null): RecipeSpec {
  const columns = [...new Set([...chooserDropped(recipe.steps), ...exclusions.columns])].filter((c) => c !== target);
  return { ...recipe, steps: setChooserDropped(recipe.steps, columns), dropDuplicateRows: recipe.dropDuplicateRows || exclusions.dropDuplicates };
}

/** Applies a warning's fix: to the recipe if there is one, and remembered for recipes to come. */
export function applyFix(fix: WarningFix): void {
  set((s) => {
    if (fix.kind === 'stratify') return s.recipe ? { recipe: { ...s.recipe, stratify: true } } : {};
    const exclusions =
      fix.kind === 'drop-column'
        ? { ...s.exclusions, columns: [...new Set([...s.exclusions.columns, fix.column])] }
        : { ...s.exclusions, dropDuplicates: true };
    const recipe = s.recipe && (s.target || s.noTarget) ? withExclusions(s.recipe, exclusions, s.target) : s.recipe;
    return { exclusions, recipe };
  });
}

/** Whether a fix is already part of the recipe (or remembered for it). */
export function isFixApplied(s: StudioState, fix: WarningFix): boolean {
  if (fix.kind === 'stratify') return Boolean(s.recipe?.stratify);
  if (fix.kind === 'drop-duplicates') return s.exclusions.dropDuplicates || Boolean(s.recipe?.dropDuplicateRows);
  return s.exclusions.columns.includes(fix.column) || chooserDropped(s.recipe?.steps ?? []).includes(fix.column);
}

/** Computes the associations between columns (in the worker) for the correlation chart. */
export async function loadAssociations(): Promise<void> {
  try {
    set({ associations: await requireEngine().data.associations() });
  } catch (e) {
    showError(e);
  }
}

/** Rows of the loaded table for the data grid (in file order or sorted). */
export function fetchRows(start: number, count: number, sort?: { column: string; descending: boolean }): Promise<string[][]> {
  return requireEngine().data.rows(start, count, sort);
}

/** Overrides the inferred task (null returns to the inferred one). */
export async function setTask(task: Task | null): Promise<void> {
  const { target } = studio.getState();
  if (!target) return;
  try {
    const summary = await requireEngine().data.describeTarget(target, task ?? undefined);
    set({ taskOverride: task, targetSummary: summary });
    pickModelFor(summary.task);
  } catch (e) {
    showError(e);
  }
}

/** Keeps the chosen model if it can do the task, else proposes the default one. */
function pickModelFor(task: ModelTask): void {
  const { modelId } = studio.getState();
  if (modelId && modelsForTask(task).some((m) => m.id === modelId)) return;
  set({ modelId: defaultModelFor(task), modelParams: {} });
}

/** Replaces the recipe's row, split or step settings. */
export function updateRecipe(patch: Partial<RecipeSpec>): void {
  set((s) => (s.recipe ? { recipe: { ...s.recipe, ...patch } } : {}));
}

/** Chooses the model family; parameters return to its defaults. */
export function setModel(id: string): void {
  choiceInfo(id);
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

/** Sets cross-validation for the next run: folds or repeats (0 = none, else 2–20), k-fold or repeated holdout, and the group column. */
export function setValidation(patch: Partial<StudioState['validation']>): void {
  set((s) => ({ validation: { ...s.validation, ...patch } }));
}

/** A trained or imported model becomes the one Evaluate and Export show; a model without a target gets its map of the rows. */
export function becomeCurrent(summary: StudioModel): void {
  // Predictions (and their "why?") belong to the model that made them.
  predictionsCsv = null;
  set((s) => ({ current: summary, tree: summary.kind === 'supervised' ? summary.tree : null, readings: {}, rowMap: INITIAL_STATE.rowMap, colourBy: initialColourBy(s, summary), prediction: INITIAL_STATE.prediction }));
  void loadRowMap();
}

/**
 * Sets a parameter of model `id` for the next training run, choosing that model if another is
 * picked (Evaluate's "Use suggested eps", "Use k = 2").
 */
export function setNextRunParam(id: string, key: string, value: unknown): void {
  getModelInfo(id);
  set((s) => (s.modelId === id ? { modelParams: { ...s.modelParams, [key]: value } } : { modelId: id, modelParams: { [key]: value } }));
}

/** Draws another tree of the current model (a forest's or a boosting model's). */
export async function showTree(index: number): Promise<void> {
  const { current } = studio.getState();
  try {
    const tree = await requireEngine().describeTree(index);
    // A model trained or imported meanwhile has its own tree.
    if (studio.getState().current === current) set({ tree });
  } catch (e) {
    showError(e);
  }
}

/** The current model file as a JSON Blob. */
export async function exportModelFile(): Promise<Blob> {
  return requireEngine().exportModel();
}

/** The current model as a TF.js pair. */
export async function exportTfjsPair(): Promise<{ modelJson: string; weights: Uint8Array }> {
  return requireEngine().exportTfjs();
}

/** Imports a model file; it becomes the current model. */
export async function importModel(file: File): Promise<void> {
  clearErrors('export:import');
  try {
    const summary = await requireEngine().importModel(file);
    becomeCurrent({ ...summary, origin: { source: 'imported', file: file.name, at: runClock.now() } });
  } catch (e) {
    showError(`Could not import ${file.name}: ${errorMessage(e)}`, 'export:import');
  }
}

/** Predicts an uploaded CSV with the current model. */
export async function predictFile(file: File): Promise<void> {
  clearErrors('export:predict');
  dispatch('prediction', { type: 'start' });
  try {
    const { csv, ...result } = await tracked(requireEngine().predict(file, progressTo('prediction')));
    predictionsCsv = csv;
    dispatch('prediction', { type: 'succeed', result });
  } catch (e) {
    if (isCancelled(e)) {
      dispatch('prediction', { type: 'cancel' });
      return;
    }
    dispatch('prediction', { type: 'fail', error: errorMessage(e) });
    showError(`Could not predict ${file.name}: ${errorMessage(e)}`, 'export:predict');
  }
}

/** The last predictions as a CSV Blob (null before any, or after the model changed). */
export function predictionsCsvFile(): Blob | null {
  return predictionsCsv;
}
