import { afterEach, describe, expect, it, vi } from 'vitest';
import { profileTable } from '../core/profile/profile';
import { fingerprintTable } from '../core/table/DataTable';
import { runFixture } from '../core/testing/runs';
import { sample } from '../core/testing/tables';
import { CancelledError } from '../core/util/errors';
import { memoryRunStore } from './runHistory';

const penguins = await sample('penguins.csv');
const summary = { name: 'penguins.csv', fingerprint: fingerprintTable(penguins), profile: profileTable(penguins) };
const report = { active: 'cpu', reason: 'only backend', candidates: [] };

/**
 * A stand-in engine. `stuck`: once training starts it never answers again, as a worker caught in a
 * loop that never checks its stop flag (Cancel included). Otherwise Cancel ends the training.
 */
function fakeEngine(stuck: boolean) {
  let endTraining: (e: Error) => void = () => {};
  const never = () => new Promise(() => {});
  const engine = {
    terminate: vi.fn(),
    initBackend: vi.fn(async () => report),
    data: {
      loadCsv: vi.fn(async (_file: File) => summary),
      describeTarget: vi.fn(async () => ({ task: 'multiclass' })),
      associations: vi.fn(never),
    },
    train: vi.fn(() => new Promise((_, reject) => (endTraining = reject))),
    cancel: vi.fn(() => (stuck ? never() : Promise.resolve(endTraining(new CancelledError())))),
    mapRows: vi.fn(never),
  };
  return engine;
}

/** Fresh state modules over a memory run history holding one earlier run; `engines` are handed out in turn. */
async function studioWith(engines: ReturnType<typeof fakeEngine>[]) {
  vi.resetModules();
  const handle = await import('./engineHandle');
  const started: typeof engines = [];
  handle.setEngineFactory(() => {
    const engine = engines[started.length];
    started.push(engine);
    return { engine: engine as never, terminate: engine.terminate };
  });
  const store = await import('./store');
  const actions = await import('./actions');
  const modelJobs = await import('./modelJobs');
  const watchdog = await import('./watchdog');
  const runs = await import('./runs');
  watchdog.watchdogSettings.timeoutMs = 50;
  const earlier = runFixture({ id: 'earlier' });
  await runs.loadRuns(() => {}, async () => memoryRunStore([earlier]));
  await actions.bootEngine();
  const file = new File(['not read by the stand-in'], 'penguins.csv', { type: 'text/csv' });
  await actions.loadCsv(file);
  await actions.setTarget('species');
  actions.setModel('tree');
  actions.setModelParam('maxDepth', 3);
  actions.setSeed(7);
  actions.updateRecipe({ testSize: 0.3 });
  return { studio: store.studio, actions, modelJobs, watchdog, started, file, errors: () => store.studio.getState().errors.map((e) => e.message) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the watchdog', () => {
  it('terminates an engine that does not answer Cancel, starts a new one, keeps settings and history, and reads the data again', async () => {
    const [stuck, fresh] = [fakeEngine(true), fakeEngine(false)];
    const { studio, modelJobs, watchdog, started, file, errors } = await studioWith([stuck, fresh]);
    const settings = (() => {
      const s = studio.getState();
      return { target: s.target, modelId: s.modelId, modelParams: s.modelParams, seed: s.seed, recipe: s.recipe };
    })();
    expect(settings.recipe?.testSize).toBe(0.3);
    const training = modelJobs.train();
    expect(studio.getState().training.state).toBe('running');

    await watchdog.cancel();
    await training;

    expect(stuck.cancel).toHaveBeenCalledTimes(1);
    expect(stuck.terminate).toHaveBeenCalledTimes(1);
    expect(started).toEqual([stuck, fresh]);
    expect(errors()).toEqual(['The engine did not stop within 0.05 s of Cancel, so it was restarted. Your settings and run history are kept. Your data (penguins.csv) was read again.']);
    const s = studio.getState();
    expect(s.training.state).toBe('cancelled');
    expect(s.backend).toMatchObject({ status: 'ready', report });
    // The data file is read again in the new engine, and the person's settings are as they were.
    expect(fresh.data.loadCsv).toHaveBeenCalledTimes(1);
    expect(fresh.data.loadCsv.mock.calls[0][0]).toBe(file);
    expect(s.dataset.state).toBe('succeeded');
    expect({ target: s.target, modelId: s.modelId, modelParams: s.modelParams, seed: s.seed, recipe: s.recipe }).toEqual(settings);
    // The run history keeps the earlier run and records the cancelled one.
    expect(s.runs.map((r) => r.status).sort()).toEqual(['cancelled', 'succeeded']);
    expect(s.runs.some((r) => r.id === 'earlier')).toBe(true);

    // The new engine trains.
    const again = modelJobs.train();
    expect(fresh.train).toHaveBeenCalledTimes(1);
    await watchdog.cancel();
    await again;
    expect(fresh.terminate).not.toHaveBeenCalled();
  });

  it('leaves an engine that stops in time alone', async () => {
    const engine = fakeEngine(false);
    const { studio, modelJobs, watchdog, started, errors } = await studioWith([engine]);
    const training = modelJobs.train();
    await watchdog.cancel();
    await training;
    expect(studio.getState().training.state).toBe('cancelled');
    expect(started).toEqual([engine]);
    expect(engine.terminate).not.toHaveBeenCalled();
    expect(errors()).toEqual([]);
  });

  it('does nothing but pass the request on when no job is running', async () => {
    const engine = fakeEngine(true);
    const { watchdog, started, errors } = await studioWith([engine]);
    await watchdog.cancel();
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.cancel).toHaveBeenCalledTimes(1);
    expect(started).toHaveLength(1);
    expect(errors()).toEqual([]);
  });
});
