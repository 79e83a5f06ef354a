import { beforeEach, describe, expect, it } from 'vitest';
import { becomeCurrent, showError } from './actions';
import { setEngine } from './engineHandle';
import { measurePermutationImportance, readOnRequest } from './modelReading';
import type { StudioModel } from './modelOrigin';
import { INITIAL_STATE, studio } from './store';

/** A supervised model summary with its own report (the readings' identity of a model). */
function model(name: string): StudioModel {
  return { kind: 'supervised', source: 'imported', name, report: { model: 'tree' }, tree: null, threshold: null, origin: { source: 'imported', file: name, at: 0 } } as unknown as StudioModel;
}

/** A measurement that ends when `finish` is called with its result. */
function pending<T>(): { run: () => Promise<T>; finish: (value: T) => void } {
  let finish: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve) => (finish = resolve));
  return { run: () => promise, finish };
}

describe('readOnRequest', () => {
  beforeEach(() => studio.setState({ ...INITIAL_STATE, current: model('a') }));

  it('keeps the result with the model, running until it arrives', async () => {
    const m = pending<number>();
    const done = readOnRequest('permutation', m.run);
    expect(studio.getState().readings.permutation).toEqual({ running: true, result: null });
    m.finish(42);
    await done;
    expect(studio.getState().readings.permutation).toEqual({ running: false, result: 42 });
  });

  it('keeps it when the threshold is saved (same model, copied summary)', async () => {
    const m = pending<number>();
    const done = readOnRequest('size-curve', m.run);
    studio.setState((s) => ({ current: { ...s.current!, threshold: 0.7 } as StudioModel }));
    m.finish(7);
    await done;
    expect(studio.getState().readings['size-curve']).toEqual({ running: false, result: 7 });
  });

  it('drops a result that arrives after the model changed, and a new model empties the readings', async () => {
    await readOnRequest('dependence', async () => 'old');
    const m = pending<number>();
    const done = readOnRequest('permutation', m.run);
    becomeCurrent(model('b'));
    expect(studio.getState().readings).toEqual({});
    m.finish(1);
    await done;
    expect(studio.getState().readings).toEqual({});
  });
});

describe('a failed measurement', () => {
  beforeEach(() => studio.setState({ ...INITIAL_STATE, current: model('a') }));

  it('is shown beside its control once, however often it is asked for', async () => {
    setEngine({ permutationImportance: async () => Promise.reject(new Error('no data is loaded')) } as never);
    expect(await measurePermutationImportance(5)).toBeNull();
    expect(await measurePermutationImportance(5)).toBeNull();
    expect(studio.getState().errors).toEqual([expect.objectContaining({ message: 'no data is loaded', origin: 'evaluate:permutation' })]);
  });

  it('leaves the errors of other controls, and counts a repeated one', () => {
    showError('Could not predict a.csv: bad', 'export:predict');
    showError('Could not predict a.csv: bad', 'export:predict');
    showError('The compute engine stopped');
    expect(studio.getState().errors.map((e) => [e.origin, e.count ?? 1])).toEqual([['export:predict', 2], [undefined, 1]]);
  });
});
