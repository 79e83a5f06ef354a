import { describe, expect, it } from 'vitest';
import { runFixture } from '../testing/runs';
import { compareRuns } from './compare';

describe('compareRuns', () => {
  it('marks the settings that differ and gives each figure’s difference and the better run', () => {
    const a = runFixture();
    const b = runFixture({
      id: 'run-2',
      seed: 7,
      model: { id: 'tree', params: { maxDepth: 6 } },
      result: { ...runFixture().result!, params: { maxDepth: 6, minSamplesLeaf: 1 } },
      metrics: { test: { accuracy: 0.97, log_loss: 0.3 }, train: { accuracy: 1, log_loss: 0.01 } },
    });
    const rows = compareRuns(a, b);
    const row = (label: string) => rows.find((r) => r.label === label)!;
    expect(rows.filter((r) => r.differs && r.group !== 'Test metrics' && r.group !== 'Training metrics').map((r) => r.label)).toEqual(['Maximum depth', 'Seed']);
    expect(row('Maximum depth')).toMatchObject({ group: 'Model', a: 4, b: 6, differs: true });
    expect(row('File')).toMatchObject({ a: 'penguins.csv', b: 'penguins.csv', differs: false });
    expect(row('Fill missing values')).toMatchObject({ a: 'numeric: mean', differs: false });
    expect(row('Scale numbers') ?? null).toBeNull();
    const accuracy = rows.find((r) => r.group === 'Test metrics' && r.label === 'Accuracy')!;
    expect(accuracy.delta).toBeCloseTo(0.02, 12);
    expect(accuracy.better).toBe('b');
    // Lower is better for a loss.
    expect(rows.find((r) => r.group === 'Test metrics' && r.label === 'Log loss')).toMatchObject({ better: 'a' });
    expect(row('Duration (s)')).toMatchObject({ a: 1.25, b: 1.25, differs: false, better: 'same' });
  });

  it('never marks a run better for its training figures: only test and cross-validated ones are judged', () => {
    const a = runFixture({ metrics: { test: { accuracy: 0.96, log_loss: 0.12 }, train: { accuracy: 0.97, log_loss: 0.1 } } });
    // B learned its training rows by heart: higher training accuracy, lower test accuracy.
    const b = runFixture({ id: 'run-2', metrics: { test: { accuracy: 0.94, log_loss: 0.9 }, train: { accuracy: 1, log_loss: 0 } } });
    const rows = compareRuns(a, b);
    const training = rows.filter((r) => r.group === 'Training metrics');
    expect(training.map((r) => r.label)).toEqual(['Accuracy', 'Log loss']);
    for (const r of training) {
      expect(r.better, r.label).toBeUndefined();
      expect(r.differs).toBe(true);
    }
    expect(training[0].delta).toBeCloseTo(0.03, 12);
    expect(rows.filter((r) => r.group === 'Test metrics').map((r) => [r.label, r.better])).toEqual([
      ['Accuracy', 'a'],
      ['Log loss', 'a'],
    ]);
  });

  it('compares data, recipes and steps that one run has and the other not', () => {
    const a = runFixture();
    const b = runFixture({
      data: { name: 'penguins-2.csv', fingerprint: 'beef', rows: 300, columns: 7 },
      recipe: { ...runFixture().recipe, testSize: 0.3, steps: [{ step: 'scale' }] },
    });
    const rows = compareRuns(a, b);
    const differs = rows.filter((r) => r.differs).map((r) => `${r.group}/${r.label}: ${r.a} → ${r.b}`);
    expect(differs).toEqual([
      'Data/File: penguins.csv → penguins-2.csv',
      'Data/Contents (fingerprint): f00d → beef',
      'Data/Rows: 344 → 300',
      'Recipe/Test set share: 0.2 → 0.3',
      expect.stringMatching(/^Recipe\/.+: numeric: mean → off$/),
      expect.stringMatching(/^Recipe\/.+: off → on$/),
      expect.stringMatching(/^Recipe\/.+: on → off$/),
    ]);
  });

  it('shows Auto’s choice and options beside a plain run, and cross-validation as mean and spread', () => {
    const a = runFixture({ metrics: { test: { accuracy: 0.95 }, cv: { accuracy: { mean: 0.9, std: 0.02 } } } });
    const b = runFixture({
      kind: 'auto',
      model: { id: 'auto', params: { budget: 8 } },
      result: { ...runFixture().result!, model: 'gbdt', params: { rounds: 100 } },
      metrics: { test: { accuracy: 0.95 }, cv: { accuracy: { mean: 0.93, std: 0.01 } } },
    });
    const rows = compareRuns(a, b);
    expect(rows.find((r) => r.label === 'Model')).toMatchObject({ a: 'Decision tree', b: 'Auto', differs: true });
    expect(rows.find((r) => r.label === 'Model trained')).toMatchObject({ a: 'Decision tree', b: 'Gradient boosting', differs: true });
    expect(rows.find((r) => r.label.startsWith('Auto: '))).toMatchObject({ label: 'Auto: Time budget (seconds)', a: null, b: 8 });
    const cv = rows.find((r) => r.group === 'Cross-validation')!;
    expect(cv).toMatchObject({ label: 'Accuracy', a: { mean: 0.9, std: 0.02 }, b: { mean: 0.93, std: 0.01 }, differs: true, better: 'b' });
    expect(cv.delta).toBeCloseTo(0.03, 12);
    expect(rows.find((r) => r.group === 'Test metrics')).toMatchObject({ delta: 0, better: 'same', differs: false });
  });

  it('leaves figures a run does not have without a difference (a failed run)', () => {
    const b = runFixture({ status: 'failed', error: 'boom', metrics: {}, result: undefined });
    const rows = compareRuns(runFixture(), b);
    expect(rows.find((r) => r.label === 'Status')).toMatchObject({ a: 'succeeded', b: 'failed', differs: true });
    const accuracy = rows.find((r) => r.group === 'Test metrics' && r.label === 'Accuracy')!;
    expect(accuracy).toMatchObject({ a: 0.95, b: null, differs: true });
    expect(accuracy.delta).toBeUndefined();
    // Its asked-for parameters stand in for the resolved ones it never got.
    expect(rows.find((r) => r.label === 'Maximum depth')).toMatchObject({ a: 4, b: 4, differs: false });
  });
});
