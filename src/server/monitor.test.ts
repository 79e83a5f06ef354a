import { copyFileSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorReport } from '../core/monitor/types';
import { gbdtModelFile } from '../core/testing/deployModels';
import { type ServerOptions, createServer } from './app';
import { ModelStore } from './modelStore';
import { monitorReporter } from './monitorReporter';
import { PENGUIN_COLUMNS, penguinLines, penguinRows, sapling, trainModel } from './testKit';

// `sapling serve --monitor` over real HTTP on loopback: the window fed by every predict route, the
// monitor route, the drift gauges in /metrics, with the engine's reports (monitorReporter).
const dir = mkdtempSync(join(tmpdir(), 'sapling-monitor-'));
const models = join(dir, 'models');
mkdirSync(models);
const WINDOW = 200;

/** A column name that tries to break out of a Prometheus label: quotes, a backslash and a line feed. */
const HOSTILE = 'bill "len" \\ mm\nx';

interface Running {
  url: string;
  app: FastifyInstance;
  store: ModelStore;
}

const running: Running[] = [];

async function start(options: Partial<ServerOptions> = {}, folder = models, watch = false): Promise<Running> {
  const store = new ModelStore(folder);
  await store.load();
  if (watch) store.watch();
  const app = await createServer({ models: store, log: () => {}, ...options });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const r = { url, app, store };
  running.push(r);
  return r;
}

const monitor = (window = WINDOW) => ({ monitor: { window, report: monitorReporter, minAgeMs: 0, maxAgeMs: 0 } });

async function call(url: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers.set('content-type', 'application/json');
  }
  const response = await fetch(url, { ...init, body, headers, method: init.method ?? (body === undefined ? 'GET' : 'POST') });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Record<string, unknown> & { error?: string } };
}

type Row = Record<string, string | number | null>;

/** Every penguin row (the training distribution) as JSON rows of the species model's inputs. */
const allRows = (): Row[] => penguinRows(344, 1);

/** Rows moved away from the training data: longer bills, heavier birds, all on one island. */
function shifted(rows: readonly Row[]): Row[] {
  return rows.map((r) => ({
    ...r,
    bill_length_mm: r.bill_length_mm === null ? null : Number(r.bill_length_mm) + 12,
    flipper_length_mm: r.flipper_length_mm === null ? null : Number(r.flipper_length_mm) + 25,
    body_mass_g: r.body_mass_g === null ? null : Number(r.body_mass_g) + 1500,
    island: 'Biscoe',
  }));
}

/** Serves `rows` in requests of `batch`, in turns over the three predict routes (V1 JSON, V2 infer, V1 CSV). */
async function serveRows(url: string, name: string, rows: readonly Row[], batch = 25): Promise<void> {
  for (let i = 0, k = 0; i < rows.length; i += batch, k++) {
    const part = rows.slice(i, i + batch);
    let r;
    if (k % 3 === 0) r = await call(`${url}/v1/models/${name}:predict`, { json: { instances: part } });
    else if (k % 3 === 1) {
      const columns = Object.keys(part[0]);
      const inputs = columns.map((c) => ({ name: c, shape: [part.length], datatype: typeof part.find((p) => p[c] !== null)?.[c] === 'number' ? 'FP64' : 'BYTES', data: part.map((p) => p[c]) }));
      r = await call(`${url}/v2/models/${name}/infer`, { json: { inputs } });
    } else {
      const columns = Object.keys(part[0]);
      const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
      const csv = [columns.map(quote).join(','), ...part.map((p) => columns.map((c) => (p[c] === null ? 'NA' : typeof p[c] === 'string' ? quote(p[c] as string) : String(p[c]))).join(','))].join('\n') + '\n';
      r = await call(`${url}/v1/models/${name}:predict`, { body: csv, headers: { 'content-type': 'text/csv' } });
    }
    expect(r.status, r.text).toBe(200);
  }
}

/** The value of one series of a /metrics text (NaN when absent). */
function gauge(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

/** A seeded shuffle (the rows served in an order that mixes the species, as traffic would). */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

beforeAll(() => {
  trainModel('penguins', join(models, 'species.json'), '--target', 'species', '--model', 'tree');
  // The same data with `bill_length_mm` renamed to a name a Prometheus label must escape.
  const lines = penguinLines();
  const csv = [lines[0].replace('"bill_length_mm"', `"${HOSTILE.replace(/"/g, '""')}"`), ...lines.slice(1)].join('\n') + '\n';
  writeFileSync(join(dir, 'hostile.csv'), csv);
  mkdirSync(join(dir, 'hostile'));
  sapling('train', join(dir, 'hostile.csv'), '--target', 'species', '--model', 'tree', '--out', join(dir, 'hostile', 'odd.json'));
}, 60_000);

afterAll(async () => {
  for (const r of running) {
    r.store.close();
    await r.app.close();
  }
});

describe('sapling serve --monitor: the drift report of the served rows', () => {
  it('reports no data-set drift for rows of the training distribution, and drift with the moved columns named for shifted rows', async () => {
    const { url } = await start(monitor());
    const rows = shuffled(allRows()).slice(0, WINDOW);
    await serveRows(url, 'species', rows);
    const calm = await call(`${url}/v2/models/species/monitor`);
    expect(calm.status, calm.text).toBe(200);
    const report = calm.json as unknown as MonitorReport;
    expect(report).toMatchObject({ format: 'sapling-monitor-report', current: { rows: WINDOW }, reference: { source: 'model' }, dataset_drift: false });
    expect(report.columns.map((c) => c.column)).toEqual([...PENGUIN_COLUMNS]);
    expect(report.drift_share).toBeLessThan(0.5);

    // The window is now filled with shifted rows only.
    await serveRows(url, 'species', shifted(shuffled(allRows(), 11).slice(0, WINDOW)));
    const moved = (await call(`${url}/v2/models/species/monitor`)).json as unknown as MonitorReport;
    expect(moved.dataset_drift).toBe(true);
    const drifted = moved.columns.filter((c) => c.drifted).map((c) => c.column);
    expect(drifted).toEqual(expect.arrayContaining(['island', 'bill_length_mm', 'flipper_length_mm', 'body_mass_g']));
    expect(moved.alerts.length).toBeGreaterThan(0);

    const metrics = (await call(`${url}/metrics`)).text;
    expect(gauge(metrics, 'sapling_monitor_window_rows{model="species"}')).toBe(WINDOW);
    expect(gauge(metrics, 'sapling_drift_share{model="species"}')).toBe(moved.drift_share);
    expect(gauge(metrics, 'sapling_dataset_drift{model="species"}')).toBe(1);
    for (const c of moved.columns) {
      expect(gauge(metrics, `sapling_column_drift_statistic{model="species",column="${c.column}",test="${c.test}"}`)).toBeCloseTo(c.statistic, 12);
      expect(gauge(metrics, `sapling_column_drifted{model="species",column="${c.column}"}`)).toBe(c.drifted ? 1 : 0);
    }
    expect(gauge(metrics, `sapling_prediction_drift_statistic{model="species",test="${moved.prediction.test}"}`)).toBeCloseTo(moved.prediction.statistic, 12);
    // CBPE from the served probabilities (the window keeps every answered column).
    const estimated = moved.performance?.estimated?.value as number;
    expect(estimated).toBeGreaterThan(0.5);
    expect(estimated).toBeLessThanOrEqual(1);
    expect(gauge(metrics, 'sapling_estimated_performance{model="species",metric="accuracy"}')).toBeCloseTo(estimated, 12);
    expect(gauge(metrics, 'sapling_reference_performance{model="species",metric="accuracy"}')).toBeCloseTo(moved.performance?.reference as number, 12);
  });

  it('keeps the newest N rows: N + k rows served leave a window of N', async () => {
    const { url } = await start(monitor(50));
    await serveRows(url, 'species', allRows().slice(0, 73), 10);
    expect(gauge((await call(`${url}/metrics`)).text, 'sapling_monitor_window_rows{model="species"}')).toBe(50);
    expect(((await call(`${url}/v2/models/species/monitor`)).json as unknown as MonitorReport).current.rows).toBe(50);
  });

  it('escapes a hostile column name in the drift gauges’ labels', async () => {
    const { url } = await start(monitor(60), join(dir, 'hostile'));
    const rows = allRows().map(({ bill_length_mm, ...rest }) => ({ ...rest, [HOSTILE]: bill_length_mm }));
    await serveRows(url, 'odd', shuffled(rows).slice(0, 60), 20);
    const report = (await call(`${url}/v2/models/odd/monitor`)).json as unknown as MonitorReport;
    const hostile = report.columns.find((c) => c.column === HOSTILE);
    expect(hostile).toBeDefined();
    const metrics = (await call(`${url}/metrics`)).text;
    const escaped = 'bill \\"len\\" \\\\ mm\\nx';
    expect(gauge(metrics, `sapling_column_drifted{model="odd",column="${escaped}"}`)).toBe(hostile?.drifted ? 1 : 0);
    // No line of the text breaks out of its label: every sample line parses.
    for (const line of metrics.trimEnd().split('\n').filter((l) => !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_]+(\{([a-z_]+="(?:[^"\\\n]|\\["\\n])*",?)+\})? (NaN|[+-]Inf|-?[\d.e+-]+)$/);
    }
  });

  it('starts the window again when the model file is swapped (its reference changed)', async () => {
    const folder = join(dir, 'swap');
    mkdirSync(folder);
    copyFileSync(join(models, 'species.json'), join(folder, 'm.json'));
    const { url, store } = await start(monitor(40), folder, true);
    await serveRows(url, 'm', allRows().slice(0, 40), 20);
    expect((await call(`${url}/v2/models/m/monitor`)).status).toBe(200);
    const before = store.get('m')?.version;
    // Another model trained on the same data: a new file, a new reference.
    trainModel('penguins', join(folder, 'm.json.tmp'), '--target', 'species', '--model', 'gbdt');
    renameSync(join(folder, 'm.json.tmp'), join(folder, 'm.json'));
    await waitFor(() => store.get('m')?.version !== before);
    expect(gauge((await call(`${url}/metrics`)).text, 'sapling_monitor_window_rows{model="m"}')).toBe(0);
    expect(await call(`${url}/v2/models/m/monitor`)).toMatchObject({ status: 409, json: { error: expect.stringContaining('holds 0 rows; a report needs at least 30') } });
    await serveRows(url, 'm', allRows().slice(0, 30), 15);
    expect(((await call(`${url}/v2/models/m/monitor`)).json as unknown as MonitorReport).current.rows).toBe(30);
  });
});

describe('sapling serve --monitor: when there is no report', () => {
  it('answers 409 for too few rows and for a file without a reference, 404 for an unknown model, 401 without the token', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    copyFileSync(join(models, 'species.json'), join(folder, 'species.json'));
    // A version 2 file: no monitoring reference.
    writeFileSync(join(folder, 'old.json'), JSON.stringify(gbdtModelFile()));
    const { url } = await start({ ...monitor(), token: 'k' }, folder);
    const auth = { authorization: 'Bearer k' };
    expect(await call(`${url}/v2/models/species/monitor`)).toMatchObject({ status: 401, json: { error: 'this server needs "Authorization: Bearer <token>"' } });
    expect(await call(`${url}/v2/models/species/monitor`, { headers: auth })).toMatchObject({
      status: 409,
      json: { error: 'the monitoring window of "species" holds 0 rows; a report needs at least 30 (rows served since the model file was loaded; the window keeps the newest 200)' },
    });
    expect(await call(`${url}/v2/models/old/monitor`, { headers: auth })).toMatchObject({ status: 409, json: { error: expect.stringMatching(/^the model file of "old" has no monitoring reference/) } });
    expect(await call(`${url}/v2/models/nope/monitor`, { headers: auth })).toMatchObject({ status: 404, json: { error: 'no model "nope" here (serving "old", "species")' } });
    expect(await call(`${url}/v2/models/species/monitor`, { method: 'POST', headers: auth })).toMatchObject({ status: 405 });
    const doc = (await call(`${url}/openapi.json`, { headers: auth })).json as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths['/v2/models/species/monitor']?.get?.responses ?? {})).toEqual(['200', '401', '404', '409']);
    // The old model's window is counted, with no drift series (there is no reference to test against).
    const rows = penguinRows(35, 1, ['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);
    expect((await call(`${url}/v1/models/old:predict`, { json: { instances: rows }, headers: auth })).status).toBe(200);
    const metrics = (await call(`${url}/metrics`, { headers: auth })).text;
    expect(gauge(metrics, 'sapling_monitor_window_rows{model="old"}')).toBe(35);
    expect(metrics).not.toContain('sapling_drift_share{model="old"}');
  });

  it('without --monitor: the route answers 409 and /metrics has no monitoring series', async () => {
    const { url } = await start();
    await serveRows(url, 'species', allRows().slice(0, 40));
    expect(await call(`${url}/v2/models/species/monitor`)).toMatchObject({ status: 409, json: { error: 'monitoring is off: start the server with --monitor (and --monitor-window N for the rows kept per model)' } });
    const metrics = (await call(`${url}/metrics`)).text;
    expect(metrics).toContain('sapling_rows_predicted_total{model="species"} 40');
    expect(metrics).not.toMatch(/sapling_(monitor|drift|dataset|column|prediction_drift|estimated|reference)/);
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
