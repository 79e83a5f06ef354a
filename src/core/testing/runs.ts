import type { RunRecord } from '../project/runRecord';

/** A finished tree run on penguins, as the run history keeps it; `overrides` replace top-level parts. */
export function runFixture(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    startedAt: '2026-11-26T10:00:00.000Z',
    kind: 'train',
    status: 'succeeded',
    data: { name: 'penguins.csv', fingerprint: 'f00d', rows: 344, columns: 7 },
    problem: { target: 'species', task: 'multiclass' },
    recipe: { dropDuplicateRows: false, testSize: 0.2, stratify: true, steps: [{ step: 'impute', params: { numeric: 'mean' } }, { step: 'one-hot' }] },
    model: { id: 'tree', params: { maxDepth: 4 } },
    seed: 42,
    validation: { folds: 0, method: 'k-fold', group: null },
    backend: 'wasm',
    durationMs: 1250,
    metrics: { test: { accuracy: 0.95, log_loss: 0.2 }, train: { accuracy: 0.99, log_loss: 0.05 } },
    result: { model: 'tree', params: { maxDepth: 4, minSamplesLeaf: 1 }, rows: 344, split: { train: 275, test: 69 }, features: 9, stopReason: 'grown' },
    ...overrides,
  };
}
