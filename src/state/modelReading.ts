import type { Curve } from '../core/explain/curves';
import type { Explanation } from '../core/explain/contributions';
import type { Dependence } from '../core/explain/dependence';
import type { PermutationImportance } from '../core/explain/permutation';
import { callback } from '../workers/client';
import { showError } from './actions';
import { requireEngine } from './engineHandle';
import { studio } from './store';

/**
 * Reading the current model beyond its report: the decision threshold saved into it, and the
 * measurements Evaluate and Export ask the engine for on request (permutation importance, the
 * learning curve by training size, partial dependence, why one prediction came out as it did).
 */

/** Saves (or, with null, clears) the current binary model's decision threshold; exports and predictions use it. */
export async function saveThreshold(threshold: number | null): Promise<void> {
  try {
    const saved = await requireEngine().setThreshold(threshold);
    studio.setState((s) => (s.current?.kind === 'supervised' ? { current: { ...s.current, threshold: saved } } : {}));
  } catch (e) {
    showError(e);
  }
}

/** Permutation importance of the current model (the engine predicts the rows again per column and repeat); null when it failed (the error is shown). */
export async function measurePermutationImportance(repeats: number): Promise<(PermutationImportance & { on: string }) | null> {
  try {
    return await requireEngine().permutationImportance(repeats);
  } catch (e) {
    showError(e);
    return null;
  }
}

/** The current model's learning curve by training size (the engine trains sizes × folds models); null when it failed (the error is shown). */
export async function measureLearningCurve(folds: number): Promise<(Curve & { rows: number }) | null> {
  try {
    return await requireEngine().learningCurve(folds, callback(() => {}));
  } catch (e) {
    showError(e);
    return null;
  }
}

/** Partial dependence and ICE of the current model on one column; null when it failed (the error is shown). */
export async function measureDependence(column: string): Promise<(Dependence & { on: string }) | null> {
  try {
    return await requireEngine().dependence(column);
  } catch (e) {
    showError(e);
    return null;
  }
}

/** How each column pushed the prediction of row `row` (0-based) of the last predicted file; null when it failed (the error is shown). */
export async function explainPrediction(row: number): Promise<(Explanation & { row: number; against: string }) | null> {
  try {
    return await requireEngine().explainPrediction(row);
  } catch (e) {
    showError(e);
    return null;
  }
}

/** The current model's validation curve over one tunable setting (the engine trains points × folds models); null when it failed (the error is shown). */
export async function measureValidationCurve(param: string, folds: number): Promise<(Curve & { rows: number; param: string }) | null> {
  try {
    return await requireEngine().validationCurve(param, folds, callback(() => {}));
  } catch (e) {
    showError(e);
    return null;
  }
}
