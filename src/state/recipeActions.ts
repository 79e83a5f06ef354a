import type { RecipeRequest } from '../core/train/preparedData';
import { errorMessage } from '../core/util/errors';
import { requireEngine, tracked } from './engineHandle';
import { set } from './jobs';
import { addStep, duplicateStep, moveStep, removeStep, setChooserDropped, setStepParam } from './recipeSteps';
import type { StepSpec } from '../core/prep/recipeSpec';
import { type StudioState, studio, taskOf } from './store';

/*
 * Prepare's recipe actions: editing the ordered step list (recipeSteps.ts does the list work), the
 * live preview of the recipe on a sample of the training rows, and the prepared data set.
 */

function editSteps(edit: (steps: readonly StepSpec[]) => StepSpec[]): void {
  set((s) => (s.recipe ? { recipe: { ...s.recipe, steps: edit(s.recipe.steps) } } : {}));
}

/** Adds a step of `id` with its defaults at `at` (the end when absent); returns its index, or -1 without a recipe. */
export function addRecipeStep(id: string, at?: number): number {
  const steps = studio.getState().recipe?.steps;
  if (!steps) return -1;
  const index = Math.max(0, Math.min(at ?? steps.length, steps.length));
  editSteps((list) => addStep(list, id, index));
  return index;
}

/** The step spec at `index` of the current recipe (for its list key). */
export function recipeStepAt(index: number): StepSpec | undefined {
  return studio.getState().recipe?.steps[index];
}

/** Removes the step at `index`. */
export function removeRecipeStep(index: number): void {
  editSteps((steps) => removeStep(steps, index));
}

/** Moves the step at `index` up (−1) or down (+1). */
export function moveRecipeStep(index: number, delta: number): void {
  editSteps((steps) => moveStep(steps, index, delta));
}

/** Puts a copy of the step at `index` right after it. */
export function duplicateRecipeStep(index: number): void {
  editSteps((steps) => duplicateStep(steps, index));
}

/** Sets one parameter of the step at `index` (undefined: back to its default). */
export function setRecipeStepParam(index: number, key: string, value: unknown): void {
  editSteps((steps) => setStepParam(steps, index, key, value));
}

/** The column chooser: the feature columns left out (the leading drop-columns step's list). */
export function setChooserColumns(dropped: readonly string[]): void {
  editSteps((steps) => setChooserDropped(steps, dropped));
}

/** What the recipe is fitted for now, or null while there is no recipe (no target chosen yet). */
export function recipeRequest(s: StudioState): RecipeRequest | null {
  const task = taskOf(s);
  if (!s.recipe || !task || !s.dataset.result) return null;
  const supervised = !s.noTarget && s.target && s.targetSummary && !s.targetSummary.error;
  return { recipe: s.recipe, target: supervised ? s.target : null, task: supervised ? s.targetSummary!.task : null, seed: s.seed };
}

/** The settings a preview was fitted for, as a key (the data set by fingerprint). */
function requestKey(s: StudioState, req: RecipeRequest): string {
  return JSON.stringify([s.dataset.result?.fingerprint, req]);
}

/**
 * Fits the current recipe on a sample of the training rows in the engine and keeps the result for
 * Prepare; a result for settings changed meanwhile is dropped (the newer request follows).
 */
export async function refreshPreview(): Promise<void> {
  const s = studio.getState();
  const req = recipeRequest(s);
  if (!req) return;
  const key = requestKey(s, req);
  if (s.preparePreview?.key === key && !s.preparePreview.running) return;
  set((st) => ({ preparePreview: { key, result: st.preparePreview?.result ?? null, running: true } }));
  try {
    const result = await tracked(requireEngine().prepare.preview(req));
    if (studio.getState().preparePreview?.key === key) set({ preparePreview: { key, result, running: false } });
  } catch (e) {
    if (studio.getState().preparePreview?.key === key) set((st) => ({ preparePreview: { key, result: st.preparePreview?.result ?? null, running: false, error: errorMessage(e) } }));
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;

/** Refreshes the preview once the recipe has been still for `ms` (typing in a formula refits once per pause, not per key). */
export function schedulePreview(ms = 200): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void refreshPreview();
  }, ms);
}

/** The prepared data set of the current recipe as CSV (fitted on the training rows, applied to every row). */
export async function preparedDataCsv(): Promise<{ csv: Blob; rows: number; columns: number }> {
  const req = recipeRequest(studio.getState());
  if (!req) throw new Error('choose a target (or no target) on Problem first');
  return tracked(requireEngine().prepare.preparedCsv(req));
}
