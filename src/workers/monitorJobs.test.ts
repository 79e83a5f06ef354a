import { describe, expect, it } from 'vitest';
import type { ModelFile } from '../core/artifact/modelFile';
import type { MonitorOptions } from '../core/monitor/types';
import { defaultRecipe } from '../core/prep/recipe';
import { profileTable } from '../core/profile/profile';
import { resolveProblem } from '../core/problem';
import type { DataTable } from '../core/table/DataTable';
import { fixtureReport } from '../core/testing/monitorFixture';
import { sample, sampleText } from '../core/testing/tables';
import { runTraining } from '../core/train/runTraining';
import { MonitorJobs, type MonitorFunction } from './monitorJobs';

const penguins = await sample('penguins.csv');
const { file: trained } = await runTraining(penguins, { problem: resolveProblem(penguins, 'species'), recipe: defaultRecipe(profileTable(penguins), 'species'), model: { id: 'logistic', params: {} }, seed: 3 });

/** The model as a file made before references (model-file version 3 had none). */
const { monitoring: _reference, ...file } = trained;

/** A monitoring module over a stand-in engine holding `model` (and the penguins as the loaded table), recording its monitor calls. */
function jobs(model: ModelFile, loaded: DataTable | null = penguins) {
  const calls: { rows: number; options?: MonitorOptions; reference?: DataTable }[] = [];
  let current: ModelFile = model;
  const monitor: MonitorFunction = async (f, table, options, reference) => {
    calls.push({ rows: table.rowCount, options, reference });
    return { ...fixtureReport(f.inputSchema.map((c) => c.name), []), current: { rows: table.rowCount } };
  };
  const made = new MonitorJobs(
    {
      model: () => current,
      table: () => loaded,
      tableName: () => 'penguins.csv',
      startJob: () => () => false,
      runContext: () => ({}),
      readOptions: () => ({}),
      summarise: (f, name) => ({ name, model: f.model.model }) as never,
      becomeCurrent: (f) => (current = f),
    },
    monitor,
  );
  return { made, calls, current: () => current };
}

const lines = sampleText('penguins.csv').trim().split('\n');
const blob = (name: string, rows: string[]) => Object.assign(new Blob([[lines[0], ...rows].join('\n')]), { name });
const none = () => {};

describe('MonitorJobs', () => {
  it('monitors the new files against the model’s own reference, one chunk per file when asked', async () => {
    const { made, calls } = jobs({ ...file, monitoring: {} as never });
    const data = await made.load([blob('a.csv', lines.slice(1, 101)), blob('b.csv', lines.slice(101, 151))], none);
    expect(data).toEqual({ files: [{ name: 'a.csv', rows: 100 }, { name: 'b.csv', rows: 50 }], rows: 150, dateColumns: [], labelled: true });
    const run = await made.run({ kind: 'files' }, none);
    // The files together, then each on its own: no reference table (the model file has one).
    expect(calls.map((c) => [c.rows, c.reference])).toEqual([[150, undefined], [100, undefined], [50, undefined]]);
    expect(run.report.chunks.map((c) => [c.key, c.rows])).toEqual([['a.csv', 100], ['b.csv', 50]]);
    expect(run.reference).toBe('model');
    await made.run({ kind: 'chunks', chunks: 3 }, none);
    expect(calls[3].options).toEqual({ chunks: 3 });
  });

  it('falls back to the training rows for a file without a reference, and refuses without them', async () => {
    const { made, calls } = jobs(file);
    await made.load([blob('a.csv', lines.slice(1, 50))], none);
    const run = await made.run({ kind: 'chunks', chunks: 2 }, none);
    expect(run.reference).toBe('training rows');
    expect(calls[0].reference?.rowCount).toBe(file.report.split.train);
    const bare = jobs(file, null).made;
    await bare.load([blob('a.csv', lines.slice(1, 50))], none);
    await expect(bare.run({ kind: 'chunks', chunks: 2 }, none)).rejects.toThrow(/no monitoring reference/);
  });

  it('retrains the model’s recipe on old + new rows, compares on the newest, and adopts the candidate', async () => {
    const { made, current } = jobs(file);
    await made.load([blob('new.csv', lines.slice(1, 101))], none);
    const result = await made.retrain({ kind: 'old+new' }, none);
    // The 344 old rows and the first 80 new ones learn; the newest 20 are held out.
    expect(result.trainRows).toBe(344 + 80);
    expect(result.newestRows).toBe(20);
    expect(result.data.name).toBe('penguins.csv + new.csv');
    expect(Object.keys(result.current)).toEqual(Object.keys(result.retrained));
    expect(result.config.model).toEqual(file.config.model);
    expect(current()).toBe(file);
    made.adopt();
    expect(current()).not.toBe(file);
    expect(current().report.split).toEqual({ train: result.trainRows, test: 20 });
    expect(() => made.adopt()).toThrow(/retrain the model first/);
  });
});
