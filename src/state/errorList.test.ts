import { describe, expect, it } from 'vitest';
import { addError, withoutOrigin, type ShownError } from './errorList';

describe('the alert list', () => {
  it('keeps one alert for the same message from the same control, counting the repeats', () => {
    let errors: readonly ShownError[] = [];
    const first = addError(errors, { id: 1, message: 'No data is loaded', origin: 'evaluate:permutation' });
    errors = first.errors;
    const again = addError(errors, { id: 2, message: 'No data is loaded', origin: 'evaluate:permutation' });
    expect(again.id).toBe(1);
    expect(again.errors).toEqual([{ id: 1, message: 'No data is loaded', origin: 'evaluate:permutation', count: 2 }]);
    expect(addError(again.errors, { id: 3, message: 'No data is loaded', origin: 'evaluate:permutation' }).errors[0].count).toBe(3);
  });

  it('stacks different messages, and the same message from different controls', () => {
    const a = addError([], { id: 1, message: 'failed', origin: 'train' }).errors;
    const b = addError(a, { id: 2, message: 'failed', origin: 'tune' }).errors;
    const c = addError(b, { id: 3, message: 'failed' }).errors;
    const d = addError(c, { id: 4, message: 'other', origin: 'train' }).errors;
    expect(d.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('moves a repeated error last, where the newest are', () => {
    const a = addError(addError([], { id: 1, message: 'x' }).errors, { id: 2, message: 'y' }).errors;
    expect(addError(a, { id: 3, message: 'x' }).errors.map((e) => e.id)).toEqual([2, 1]);
  });

  it('drops a control’s errors when its action is tried again, and only those', () => {
    const list: ShownError[] = [
      { id: 1, message: 'a', origin: 'train' },
      { id: 2, message: 'b', origin: 'export:predict' },
      { id: 3, message: 'c' },
    ];
    expect(withoutOrigin(list, 'train').map((e) => e.id)).toEqual([2, 3]);
    expect(withoutOrigin(list, 'tune')).toBe(list);
  });
});
