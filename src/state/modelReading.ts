import type { CurveRange } from '../core/explain/curveRange';
import type { Curve } from '../core/explain/curves';
import type { Explanation } from '../core/explain/contributions';
import type { Dependence } from '../core/explain/dependence';
import type { PermutationImportance } from '../core/explain/permutation';
import { callback } from '../workers/client';
import { isCancelled } from '../core/util/errors';
import { clearErrors, showError } from './actions';
import { requireEngine, tracked } from './engineHandle';
import { type StudioState, studio } from './store';

/**
 * Reading the current model beyond its report: the decision threshold saved into it, and the
 * measurements Evaluate and Export ask the engine for on request (permutation importance, the
 * learning curve by training size, partial dependence, why one prediction came out as it did).
 */

/** Saves (or, with null, clears) the current binary model's decision threshold; exports and predictions use it. */
export async function saveThreshold(threshold: number | null): Promise<void> {
  clearErrors('evaluate:threshold');
  try {
    const saved = await requireEngine().setThreshold(threshold);
    studio.setState((s) => (s.current?.kind === 'supervised' ? { current: { ...s.current, threshold: saved } } : {}));
  } catch (e) {
    showError(e, 'evaluate:threshold');
  }
}

/** Permutation importance of the current model (the engine predicts the rows again per column and repeat); null when it failed (the error is shown). */
export async function measurePermutationImportance(repeats: number): Promise<(PermutationImportance & { on: string }) | null> {
  return measured('evaluate:permutation', () => requireEngine().permutationImportance(repeats));
}

/** The current model's learning curve by training size (the engine trains sizes × folds models); null when it failed (the error is shown). */
export async function measureLearningCurve(folds: number): Promise<(Curve & { rows: number }) | null> {
  return measured('evaluate:size-curve', () => tracked(requireEngine().learningCurve(folds, callback(() => {}))));
}

/** Partial dependence and ICE of the current model on one column; null when it failed (the error is shown). */
export async function measureDependence(column: string): Promise<(Dependence & { on: string }) | null> {
  return measured('evaluate:dependence', () => requireEngine().dependence(column));
}

/** How each column pushed the prediction of row `row` (0-based) of the last predicted file; null when it failed (the error is shown). */
export async function explainPrediction(row: number): Promise<(Explanation & { row: number; against: string }) | null> {
  return measured('export:why', () => requireEngine().explainPrediction(row));
}

/** The current model's validation curve over one tunable setting, over `range` for a number setting (the engine trains points × folds models); null when it failed (the error is shown). */
export async function measureValidationCurve(param: string, folds: number, range?: CurveRange): Promise<(Curve & { rows: number; param: string }) | null> {
  return measured('evaluate:validation-curve', () => tracked(requireEngine().validationCurve(param, folds, range, callback(() => {}))));
}

/**
 * Runs measurement `key` of the current model (a card of Evaluate) and keeps it in `readings` with
 * that model, so it is still shown after a visit to another step; a result that arrives after the
 * model changed (new training, import, engine restart) is dropped.
 */
export async function readOnRequest(key: string, run: () => Promise<unknown>): Promise<void> {
  const model = modelOf(studio.getState());
  studio.setState((s) => ({ readings: { ...s.readings, [key]: { running: true, result: null } } }));
  const result = await run();
  studio.setState((s) => (modelOf(s) === model ? { readings: { ...s.readings, [key]: { running: false, result } } } : {}));
}

/** The current model's identity for its readings: its report (a saved threshold copies the summary but keeps the report). */
function modelOf(s: StudioState): object | null {
  return s.current?.report ?? null;
}

/** A measurement's result, or null when it failed (the error is shown beside the control `origin`) or was cancelled (nothing to say). */
async function measured<T>(origin: string, run: () => Promise<T>): Promise<T | null> {
  clearErrors(origin);
  try {
    return await run();
  } catch (e) {
    if (!isCancelled(e)) showError(e, origin);
    return null;
  }
}
