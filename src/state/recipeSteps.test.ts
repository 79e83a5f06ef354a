import { describe, expect, it } from 'vitest';
import type { StepSpec } from '../core/prep/recipeSpec';
import { addStep, chooserDropped, duplicateStep, moveStep, removeStep, setChooserDropped, setStepParam, stepKey } from './recipeSteps';

const recipe: StepSpec[] = [
  { step: 'drop-columns', params: { columns: ['id'] } },
  { step: 'impute', params: {} },
  { step: 'scale', params: { method: 'minmax' } },
  { step: 'one-hot', params: {} },
];
const ids = (steps: readonly StepSpec[]) => steps.map((s) => s.step);

describe('the recipe step list', () => {
  it('adds a step anywhere, more than once, with its defaults', () => {
    const twice = addStep(addStep(recipe, 'scale'), 'scale', 1);
    expect(ids(twice)).toEqual(['drop-columns', 'scale', 'impute', 'scale', 'one-hot', 'scale']);
    expect(twice[1]).toEqual({ step: 'scale', params: {} });
    expect(ids(recipe)).toEqual(['drop-columns', 'impute', 'scale', 'one-hot']);
  });

  it('moves a step up and down, clamped at the ends, keeping its key', () => {
    const key = stepKey(recipe[2]);
    const up = moveStep(recipe, 2, -1);
    expect(ids(up)).toEqual(['drop-columns', 'scale', 'impute', 'one-hot']);
    expect(stepKey(up[1])).toBe(key);
    expect(ids(moveStep(recipe, 2, 1))).toEqual(['drop-columns', 'impute', 'one-hot', 'scale']);
    expect(ids(moveStep(recipe, 3, 1))).toEqual(ids(recipe));
    expect(ids(moveStep(recipe, 0, -1))).toEqual(ids(recipe));
  });

  it('duplicates a step right after it with a copy of its parameters and a key of its own', () => {
    const copied = duplicateStep(recipe, 2);
    expect(ids(copied)).toEqual(['drop-columns', 'impute', 'scale', 'scale', 'one-hot']);
    expect(copied[3].params).toEqual({ method: 'minmax' });
    expect(copied[3].params).not.toBe(copied[2].params);
    expect(stepKey(copied[3])).not.toBe(stepKey(copied[2]));
  });

  it('removes a step, and edits one parameter keeping the key (undefined: back to the default)', () => {
    expect(ids(removeStep(recipe, 1))).toEqual(['drop-columns', 'scale', 'one-hot']);
    const key = stepKey(recipe[2]);
    const edited = setStepParam(recipe, 2, 'method', 'standard');
    expect(edited[2]).toEqual({ step: 'scale', params: { method: 'standard' } });
    expect(stepKey(edited[2])).toBe(key);
    expect(setStepParam(edited, 2, 'method', undefined)[2].params).toEqual({});
    expect(edited[1]).toBe(recipe[1]);
  });

  it('the column chooser edits the leading drop-columns step only, adding one when the recipe has none', () => {
    const later = [...recipe, { step: 'drop-columns', params: { columns: ['island=Dream'] } }];
    expect(chooserDropped(later)).toEqual(['id']);
    const chosen = setChooserDropped(later, ['id', 'year']);
    expect(chosen[0].params).toEqual({ columns: ['id', 'year'] });
    expect(chosen[4].params).toEqual({ columns: ['island=Dream'] });
    const none = recipe.slice(1);
    expect(chooserDropped(none)).toEqual([]);
    expect(setChooserDropped(none, ['year'])).toEqual([{ step: 'drop-columns', params: { columns: ['year'] } }, ...none]);
  });
});
