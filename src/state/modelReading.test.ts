import { beforeEach, describe, expect, it } from 'vitest';
import { becomeCurrent } from './actions';
import { readOnRequest } from './modelReading';
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
