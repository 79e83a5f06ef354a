import type { RawParams } from '../core/params';
import type { StepSpec } from '../core/prep/recipeSpec';

/*
 * The recipe's step list as Prepare edits it: pure functions over an ordered array of step specs,
 * where any step may appear more than once. Each returns a new array (the store's recipe is
 * immutable). A spec keeps a stable key through moves and edits (`stepKey`) so the list can keep
 * each step's open form and focus while steps move around it.
 */

/** The step that drops the columns the model does not use, when it leads the recipe (Prepare's column chooser edits it). */
export const CHOOSER_STEP = 'drop-columns';

const keys = new WeakMap<StepSpec, number>();
let nextKey = 0;

/** A key for a step spec that survives moves and parameter edits (not duplication): React's list key. */
export function stepKey(spec: StepSpec): number {
  let key = keys.get(spec);
  if (key === undefined) {
    key = ++nextKey;
    keys.set(spec, key);
  }
  return key;
}

/** `next` takes over `from`'s key (an edit of the same step). */
function carryKey(from: StepSpec, next: StepSpec): StepSpec {
  keys.set(next, stepKey(from));
  return next;
}

/** The steps with a new step of `id` (its defaults) inserted at `at` (the end when absent). */
export function addStep(steps: readonly StepSpec[], id: string, at = steps.length): StepSpec[] {
  const out = [...steps];
  out.splice(Math.max(0, Math.min(at, steps.length)), 0, { step: id, params: {} });
  return out;
}

/** The steps without the one at `index`. */
export function removeStep(steps: readonly StepSpec[], index: number): StepSpec[] {
  return steps.filter((_, i) => i !== index);
}

/** The steps with the one at `index` moved by `delta` places (clamped to the list's ends). */
export function moveStep(steps: readonly StepSpec[], index: number, delta: number): StepSpec[] {
  const to = Math.max(0, Math.min(steps.length - 1, index + delta));
  if (index < 0 || index >= steps.length || to === index) return [...steps];
  const out = [...steps];
  const [moved] = out.splice(index, 1);
  out.splice(to, 0, moved);
  return out;
}

/** The steps with a copy of the one at `index` (same parameters, a key of its own) right after it. */
export function duplicateStep(steps: readonly StepSpec[], index: number): StepSpec[] {
  const spec = steps[index];
  if (!spec) return [...steps];
  const out = [...steps];
  out.splice(index + 1, 0, { step: spec.step, params: structuredClone(spec.params ?? {}) });
  return out;
}

/**
 * The steps with parameter `key` of the step at `index` set to `value`; `undefined` goes back to the
 * default (the key is removed, so a recipe written out keeps only what the person chose).
 */
export function setStepParam(steps: readonly StepSpec[], index: number, key: string, value: unknown): StepSpec[] {
  return steps.map((s, i) => {
    if (i !== index) return s;
    const params: Record<string, unknown> = { ...s.params };
    if (value === undefined) delete params[key];
    else params[key] = value;
    return carryKey(s, { ...s, params });
  });
}

/** Index of the leading drop-columns step that the column chooser edits, or -1 when the recipe does not start with one. */
export function chooserIndex(steps: readonly StepSpec[]): number {
  return steps[0]?.step === CHOOSER_STEP ? 0 : -1;
}

/** The columns the column chooser leaves out (those its leading drop-columns step names). */
export function chooserDropped(steps: readonly StepSpec[]): readonly string[] {
  const i = chooserIndex(steps);
  return i < 0 ? [] : ((steps[i].params?.columns as string[] | undefined) ?? []);
}

/**
 * The steps with the column chooser's columns set to `columns`: the leading drop-columns step's
 * columns replaced (the step added first when there is none). Drop-columns steps later in the
 * list are the person's own and are left alone.
 */
export function setChooserDropped(steps: readonly StepSpec[], columns: readonly string[]): StepSpec[] {
  const i = chooserIndex(steps);
  if (i < 0) return [{ step: CHOOSER_STEP, params: { columns: [...columns] } }, ...steps];
  return steps.map((s, j) => (j === i ? carryKey(s, { ...s, params: { ...s.params, columns: [...columns] } as RawParams }) : s));
}
