import { describe, expect, it } from 'vitest';
import type { ColumnDrift, MonitorReport } from '../core/monitor/types';
import { predictTable, usingModel } from '../core/artifact/predict';
import { gbdtModelFile } from '../core/testing/deployModels';
import { type InputRow, type OutputRow, type SaplingModel, loadModel } from '../runtime';
import { rowsToTable } from '../runtime/rows';
import type { ModelStore, ServedModel } from './modelStore';
import { monitorMetricsText } from './monitorMetrics';
import { MAX_CELL_CHARS, RowWindow } from './monitorWindow';
import { predictionsFromRows } from './monitorReporter';
import { type MonitorReporter, Monitoring } from './monitoring';
import { penguinRows } from './testKit';

const rowsOf = (from: number, to: number): InputRow[] => Array.from({ length: to - from }, (_, i) => ({ a: from + i, b: `b${from + i}` }));
const outputsOf = (rows: readonly InputRow[]): OutputRow[] => rows.map((r) => ({ prediction: Number(r.a) * 10 }));

describe('RowWindow', () => {
  it('keeps the newest `capacity` rows, oldest first, with their predictions, across requests of any size', () => {
    const w = new RowWindow(['a', 'b'], 5, ['prediction']);
    w.add(rowsOf(0, 3), outputsOf(rowsOf(0, 3)));
    expect(w.snapshot().inputs.map((r) => r.a)).toEqual([0, 1, 2]);
    w.add(rowsOf(3, 7), outputsOf(rowsOf(3, 7)));
    expect(w.rows).toBe(5);
    expect(w.total).toBe(7);
    const { inputs, outputs } = w.snapshot();
    expect(inputs.map((r) => r.a)).toEqual([2, 3, 4, 5, 6]);
    expect(inputs.map((r) => r.b)).toEqual(['b2', 'b3', 'b4', 'b5', 'b6']);
    expect(outputs.map((r) => r.prediction)).toEqual([20, 30, 40, 50, 60]);
    // One request larger than the window keeps its own newest rows.
    w.add(rowsOf(100, 112), outputsOf(rowsOf(100, 112)));
    expect(w.snapshot().inputs.map((r) => r.a)).toEqual([107, 108, 109, 110, 111]);
    expect(w.total).toBe(19);
  });

  it('keeps only the model’s input columns, as own properties, and clips long text', () => {
    const w = new RowWindow(['constructor', 'a'], 3, ['p']);
    const long = 'x'.repeat(MAX_CELL_CHARS + 500);
    w.add([{ a: long, extra: 'y'.repeat(1e6) } as InputRow, JSON.parse('{"constructor": "own", "a": null}') as InputRow], [{ p: 1 }, { p: 2 }]);
    const [first, second] = w.snapshot().inputs;
    expect(Object.keys(first)).toEqual(['constructor', 'a']);
    // A row lacking `constructor` does not read Object's (a missing value instead).
    expect(first.constructor).toBeNull();
    expect((first.a as string).length).toBe(MAX_CELL_CHARS);
    expect(second).toEqual(Object.assign(Object.create(null), { constructor: 'own', a: null }));
    expect(w.snapshot().outputs.map((o) => o.p)).toEqual([1, 2]);
  });
});

/** A served model with a reference (or without), made of what Monitoring reads. */
function servedModel(name: string, version: string, withReference = true): ServedModel {
  const file = { monitoring: withReference ? { version: 1 } : undefined };
  return { name, version, path: `/m/${name}.json`, model: { inputSchema: [{ name: 'a', kind: 'numeric' }, { name: 'b', kind: 'categorical' }], outputColumns: ['prediction'], classes: [], file } as unknown as SaplingModel };
}

/** A model store holding `served` (changed by the test to swap files). */
function storeOf(served: Map<string, ServedModel>): ModelStore {
  return { get: (n: string) => served.get(n), all: () => [...served.values()], names: () => [...served.keys()] } as unknown as ModelStore;
}

/** A stand-in report: the window's mean of `a` as the drift share, so a test can tell which rows it saw. */
function standInReporter(calls: { rows: number }[]): MonitorReporter {
  return async (_model, window) => {
    calls.push({ rows: window.inputs.length });
    const mean = window.inputs.reduce((s, r) => s + Number(r.a), 0) / window.inputs.length;
    return { drift_share: mean, columns: [] } as unknown as MonitorReport;
  };
}

describe('Monitoring', () => {
  it('answers 409 until the window holds enough rows, then reports and reuses the report until the window moves', async () => {
    const served = new Map([['m', servedModel('m', 'v1')]]);
    const calls: { rows: number }[] = [];
    let clock = 0;
    const monitoring = new Monitoring(storeOf(served), { window: 40, minRows: 30, report: standInReporter(calls), minAgeMs: 100, maxAgeMs: 1000, refreshRows: 5, now: () => clock });
    const m = served.get('m') as ServedModel;
    await expect(monitoring.report(m)).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('holds 0 rows; a report needs at least 30') });
    monitoring.record(m, rowsOf(0, 29), outputsOf(rowsOf(0, 29)));
    await expect(monitoring.report(m)).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('holds 29 rows') });
    monitoring.record(m, rowsOf(29, 30), outputsOf(rowsOf(29, 30)));
    expect((await monitoring.report(m)).drift_share).toBe(14.5);
    expect(await monitoring.report(m)).toBe(await monitoring.report(m));
    expect(calls).toEqual([{ rows: 30 }]);
    // Fewer than refreshRows new rows within maxAgeMs: the report is reused …
    monitoring.record(m, rowsOf(30, 34), outputsOf(rowsOf(30, 34)));
    clock = 999;
    expect((await monitoring.report(m)).drift_share).toBe(14.5);
    // … until it is old, or enough rows arrived.
    clock = 1000;
    expect((await monitoring.report(m)).drift_share).toBe(16.5);
    // Enough rows arrived, but within minAgeMs of the last report: reused; then made again.
    monitoring.record(m, rowsOf(34, 39), outputsOf(rowsOf(34, 39)));
    clock = 1099;
    expect((await monitoring.report(m)).drift_share).toBe(16.5);
    clock = 1100;
    expect((await monitoring.report(m)).drift_share).toBe(19);
    expect(calls).toEqual([{ rows: 30 }, { rows: 34 }, { rows: 39 }]);
  });

  it('starts a new window when the file is swapped, and ignores rows of a request that still held the old model', async () => {
    const served = new Map([['m', servedModel('m', 'v1')]]);
    const monitoring = new Monitoring(storeOf(served), { window: 50, report: standInReporter([]) });
    const old = served.get('m') as ServedModel;
    monitoring.record(old, rowsOf(0, 40), outputsOf(rowsOf(0, 40)));
    expect(monitoring.rows(old)).toBe(40);
    const swapped = servedModel('m', 'v2');
    served.set('m', swapped);
    expect(monitoring.rows(swapped)).toBe(0);
    monitoring.record(old, rowsOf(0, 40), outputsOf(rowsOf(0, 40)));
    expect(monitoring.rows(swapped)).toBe(0);
    monitoring.record(swapped, rowsOf(100, 130), outputsOf(rowsOf(100, 130)));
    expect(monitoring.rows(swapped)).toBe(30);
    expect((await monitoring.report(swapped)).drift_share).toBe(114.5);
  });

  it('answers 409 for a file without a reference, and /metrics gauges only the window for it', async () => {
    const served = new Map([['old', servedModel('old', 'v1', false)]]);
    const monitoring = new Monitoring(storeOf(served), { window: 30, report: standInReporter([]) });
    const old = served.get('old') as ServedModel;
    monitoring.record(old, rowsOf(0, 30), outputsOf(rowsOf(0, 30)));
    await expect(monitoring.report(old)).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('the model file of "old" has no monitoring reference') });
    expect(await monitoring.gauges()).toEqual([{ model: 'old', rows: 30 }]);
  });

  it('logs a report that fails, shows the window without it in /metrics, and tries again next time', async () => {
    const served = new Map([['m', servedModel('m', 'v1')]]);
    const log: string[] = [];
    let fail = true;
    const monitoring = new Monitoring(
      storeOf(served),
      {
        window: 30,
        report: async () => {
          if (fail) throw new Error('boom');
          return { drift_share: 0.25 } as unknown as MonitorReport;
        },
      },
      (line) => log.push(line),
    );
    const m = served.get('m') as ServedModel;
    monitoring.record(m, rowsOf(0, 30), outputsOf(rowsOf(0, 30)));
    expect(await monitoring.gauges()).toEqual([{ model: 'm', rows: 30 }]);
    expect(log).toEqual(['m: the monitoring report failed: boom']);
    fail = false;
    expect((await monitoring.gauges())[0].report?.drift_share).toBe(0.25);
  });
});

describe('monitorMetricsText', () => {
  const column = (name: string, test: ColumnDrift['test'], statistic: number, drifted: boolean) => ({ column: name, test, statistic, drifted }) as ColumnDrift;

  it('writes a gauge family per figure with HELP and TYPE, label values escaped, and only the window for a model without a report', () => {
    const hostile = 'a "quoted" \\ back\nslash';
    const report = {
      drift_share: 0.5,
      dataset_drift: true,
      columns: [column(hostile, 'ks', 0.42, true), column('b', 'chi2', NaN, false)],
      prediction: column('prediction', 'jensen-shannon', 0.125, true),
      performance: { metric: 'accuracy', reference: 0.9, estimated: { value: 0.75, std_error: 0.01, lower: 0.73, upper: 0.77 }, alert: true },
    } as unknown as MonitorReport;
    const text = monitorMetricsText([
      { model: 'm"1', rows: 1000, report },
      { model: 'cold', rows: 3 },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual([
      'sapling_monitor_window_rows{model="m\\"1"} 1000',
      'sapling_monitor_window_rows{model="cold"} 3',
      'sapling_drift_share{model="m\\"1"} 0.5',
      'sapling_dataset_drift{model="m\\"1"} 1',
      'sapling_column_drift_statistic{model="m\\"1",column="a \\"quoted\\" \\\\ back\\nslash",test="ks"} 0.42',
      'sapling_column_drift_statistic{model="m\\"1",column="b",test="chi2"} NaN',
      'sapling_column_drifted{model="m\\"1",column="a \\"quoted\\" \\\\ back\\nslash"} 1',
      'sapling_column_drifted{model="m\\"1",column="b"} 0',
      'sapling_prediction_drift_statistic{model="m\\"1",test="jensen-shannon"} 0.125',
      'sapling_prediction_drifted{model="m\\"1"} 1',
      'sapling_estimated_performance{model="m\\"1",metric="accuracy"} 0.75',
      'sapling_reference_performance{model="m\\"1",metric="accuracy"} 0.9',
    ]);
    for (const family of ['sapling_monitor_window_rows', 'sapling_drift_share', 'sapling_column_drift_statistic', 'sapling_estimated_performance']) {
      expect(lines).toContain(`# TYPE ${family} gauge`);
      expect(lines.find((l) => l.startsWith(`# HELP ${family} `))).toBeDefined();
    }
    // Every sample line is `name{labels} value` with each label value a closed, escaped string.
    const sampleLine = /^[a-z_]+\{([a-z_]+="(?:[^"\\\n]|\\["\\n])*",?)+\} (NaN|[+-]Inf|-?[\d.e+-]+)$/;
    for (const line of lines.filter((l) => !l.startsWith('#'))) expect(line).toMatch(sampleLine);
  });
});

describe('predictionsFromRows', () => {
  it('gives the core’s predictions of the rows from the answers the server sent (labels exact, probabilities to their 6 digits)', async () => {
    const file = gbdtModelFile();
    const model = await loadModel(file);
    const inputs = penguinRows(40, 100, ['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);
    const fromAnswers = predictionsFromRows(model, model.predict(inputs));
    const core = await usingModel(file, (m) => predictTable(m, rowsToTable(inputs, file.pipeline.inputs)));
    expect(fromAnswers.rows).toBe(40);
    expect(fromAnswers.classes).toEqual(core.classes);
    expect(fromAnswers.labels).toEqual(core.labels);
    expect(new Set(core.labels).size).toBe(2);
    const proba = core.proba as Float32Array;
    (fromAnswers.proba as Float32Array).forEach((p, i) => expect(Math.abs(p - proba[i])).toBeLessThan(1e-5 * Math.max(1e-3, proba[i])));
  });
});
