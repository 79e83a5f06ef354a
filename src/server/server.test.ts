import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../runtime';
import { createServer } from './app';
import { ModelStore } from './modelStore';
import { openApiDocument } from './openapi';
import { gbdtModelFile, oddNamesModelFile } from '../core/testing/deployModels';
import { PENGUIN_COLUMNS, ROOT, penguinLines, penguinRows, sapling, trainModel } from './testKit';

// The server in this process, listening on a free loopback port, asked over real HTTP (fetch).
const dir = mkdtempSync(join(tmpdir(), 'sapling-serve-'));
const models = join(dir, 'models');
mkdirSync(models);

interface Running {
  url: string;
  app: FastifyInstance;
}

async function start(options: { token?: string; maxBody?: number; cors?: string } = {}, folder = models): Promise<Running> {
  const store = new ModelStore(folder);
  await store.load();
  const app = await createServer({ models: store, log: () => {}, ...options });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app };
}

async function call(url: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const response = await fetch(url, { ...init, body, headers, method: init.method ?? (body === undefined ? 'GET' : 'POST') });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> & { error?: string } };
}

/** One input tensor per penguin column, from row objects. */
function tensors(rows: Record<string, unknown>[]) {
  return Object.keys(rows[0]).map((name) => ({
    name,
    shape: [rows.length],
    datatype: typeof rows.find((r) => r[name] !== null)?.[name] === 'number' ? 'FP64' : 'BYTES',
    data: rows.map((r) => r[name]),
  }));
}

let plain: Running;
let guarded: Running;
let species: Awaited<ReturnType<typeof loadModel>>;

beforeAll(async () => {
  trainModel('penguins', join(models, 'species.json'), '--target', 'species', '--model', 'tree');
  trainModel('penguins', join(models, 'mass.json'), '--target', 'body_mass_g', '--model', 'tree');
  mkdirSync(join(dir, 'odd'));
  writeFileSync(join(dir, 'odd', 'odd.json'), JSON.stringify(oddNamesModelFile()));
  species = await loadModel(readFileSync(join(models, 'species.json'), 'utf8'));
  plain = await start();
  guarded = await start({ token: 's3cret', maxBody: 600, cors: 'https://app.example.com' });
}, 60_000);

afterAll(async () => {
  await plain?.app.close();
  await guarded?.app.close();
});

describe('sapling serve: the Open Inference Protocol (KServe V2)', () => {
  it('answers the health, server and model metadata routes', async () => {
    expect(await call(`${plain.url}/v2/health/live`)).toMatchObject({ status: 200, json: { live: true } });
    expect(await call(`${plain.url}/v2/health/ready`)).toMatchObject({ status: 200, json: { ready: true } });
    expect((await call(`${plain.url}/v2`)).json).toMatchObject({ name: 'sapling', extensions: [] });
    const meta = await call(`${plain.url}/v2/models/species`);
    expect(meta.status).toBe(200);
    expect(meta.json).toMatchObject({
      name: 'species',
      platform: 'sapling-tree',
      inputs: [
        { name: 'island', datatype: 'BYTES', shape: [-1] },
        { name: 'bill_length_mm', datatype: 'FP64', shape: [-1] },
        { name: 'bill_depth_mm', datatype: 'FP64', shape: [-1] },
        { name: 'flipper_length_mm', datatype: 'FP64', shape: [-1] },
        { name: 'body_mass_g', datatype: 'FP64', shape: [-1] },
        { name: 'sex', datatype: 'BYTES', shape: [-1] },
        { name: 'year', datatype: 'FP64', shape: [-1] },
      ],
      outputs: [
        { name: 'prediction', datatype: 'BYTES', shape: [-1] },
        { name: 'proba_Adelie', datatype: 'FP32', shape: [-1] },
        { name: 'proba_Chinstrap', datatype: 'FP32', shape: [-1] },
        { name: 'proba_Gentoo', datatype: 'FP32', shape: [-1] },
      ],
    });
    expect((meta.json.versions as string[])[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(await call(`${plain.url}/v2/models/species/ready`)).toMatchObject({ status: 200, json: { name: 'species', ready: true } });
  });

  it('infers one output per predicted column, the runtime’s predictions in row order, and honours the outputs asked for', async () => {
    const rows = penguinRows(5, 150);
    const r = await call(`${plain.url}/v2/models/species/infer`, { json: { id: 'req-7', inputs: tensors(rows) } });
    expect(r.status, r.text).toBe(200);
    const expected = species.predict(rows);
    expect(new Set(expected.map((p) => p.prediction)).size).toBeGreaterThan(1);
    expect(r.json).toMatchObject({ id: 'req-7', model_name: 'species' });
    expect(r.json.outputs).toEqual(
      ['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo'].map((name) => ({
        name,
        shape: [5],
        datatype: name === 'prediction' ? 'BYTES' : 'FP32',
        data: expected.map((p) => p[name]),
      })),
    );
    const only = await call(`${plain.url}/v2/models/species/infer`, { json: { inputs: tensors(rows), outputs: [{ name: 'prediction' }] } });
    expect((only.json.outputs as { name: string }[]).map((o) => o.name)).toEqual(['prediction']);
    expect(only.json.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads INT64, FP32, BOOL and [rows, 1] shapes, and numbers of a regression as FP32', async () => {
    // The body mass model reads the species instead of the mass.
    const rows = penguinRows(3, 200, ['species', ...PENGUIN_COLUMNS.filter((c) => c !== 'body_mass_g')]);
    const inputs = tensors(rows).map((t) => (t.name === 'year' ? { ...t, datatype: 'INT64', shape: [3, 1], data: t.data.map((v) => [v]) } : t.name === 'bill_depth_mm' ? { ...t, datatype: 'FP32' } : t));
    const r = await call(`${plain.url}/v2/models/mass/infer`, { json: { inputs } });
    expect(r.status, r.text).toBe(200);
    const mass = await loadModel(readFileSync(join(models, 'mass.json'), 'utf8'));
    expect(r.json.outputs).toEqual([{ name: 'prediction', shape: [3], datatype: 'FP32', data: mass.predict(rows).map((p) => p.prediction) }]);
    // BOOL is checked as a type: `sex` is a category, so true is read as the text "true", an unseen value.
    const bool = await call(`${plain.url}/v2/models/mass/infer`, { json: { inputs: inputs.map((t) => (t.name === 'sex' ? { ...t, datatype: 'BOOL', data: [true, false, null] } : t)) } });
    expect(bool.status, bool.text).toBe(200);
    const wrongBool = await call(`${plain.url}/v2/models/mass/infer`, { json: { inputs: inputs.map((t) => (t.name === 'sex' ? { ...t, datatype: 'BOOL', data: [true, 'no', null] } : t)) } });
    expect(wrongBool).toMatchObject({ status: 400, json: { error: 'row 2: input "sex" is BOOL, which needs true or false (or null), but got "no"' } });
  });

  it('names a missing input, an unknown one, a wrong type with its row, and a bad shape, with 400', async () => {
    const rows = penguinRows(3, 10);
    const infer = (inputs: unknown) => call(`${plain.url}/v2/models/species/infer`, { json: { inputs } });
    expect(await infer(tensors(rows).filter((t) => t.name !== 'sex'))).toMatchObject({ status: 400, json: { error: 'the request lacks input "sex" that the model needs' } });
    expect(await infer([...tensors(rows), { name: 'species', shape: [3], datatype: 'BYTES', data: ['a', 'b', 'c'] }])).toMatchObject({ status: 400, json: { error: expect.stringContaining('input "species" is not a column the model reads') } });
    const wrong = tensors(rows).map((t) => (t.name === 'flipper_length_mm' ? { ...t, data: [190, '191', 192] } : t));
    expect(await infer(wrong)).toMatchObject({ status: 400, json: { error: 'row 2: input "flipper_length_mm" is FP64, which needs numbers (or null), but got "191"' } });
    const unreadable = tensors(rows).map((t) => (t.name === 'island' ? { ...t, datatype: 'BYTES', data: ['Dream', 'Dream', 'Dream'] } : t.name === 'year' ? { ...t, datatype: 'BYTES', data: ['2007', 'soon', '2008'] } : t));
    expect(await infer(unreadable)).toMatchObject({ status: 400, json: { error: 'row 2: column "year" must be a number, but got "soon"' } });
    expect(await infer(tensors(rows).map((t) => (t.name === 'year' ? { ...t, shape: [4] } : t)))).toMatchObject({ status: 400, json: { error: 'input "year": shape [4] holds 4 values, but data has 3' } });
    expect(await infer(tensors(rows).map((t) => (t.name === 'year' ? { ...t, datatype: 'UINT8' } : t)))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^the request body is not valid: .*datatype/) } });
    expect(await call(`${plain.url}/v2/models/species/infer`, { json: { instances: rows } })).toMatchObject({ status: 400, json: { error: expect.stringContaining("must have required property 'inputs'") } });
  });
});

describe('sapling serve: TensorFlow Serving’s predict route', () => {
  it('predicts {"instances": [rows]} as {"predictions": [the runtime’s rows]}', async () => {
    const rows = penguinRows(4, 3);
    const r = await call(`${plain.url}/v1/models/species:predict`, { json: { instances: rows } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ predictions: species.predict(rows) });
    expect((r.json.predictions as { prediction: string }[])[0]).toEqual({ prediction: 'Adelie', proba_Adelie: 1, proba_Chinstrap: 0, proba_Gentoo: 0 });
    // A missing value may be null, "NA" or empty, as in a CSV.
    const missing = await call(`${plain.url}/v1/models/species:predict`, { json: { instances: [{ ...rows[0], sex: 'NA', bill_depth_mm: null }] } });
    expect(missing.status, missing.text).toBe(200);
  });

  it('answers a CSV body with the CSV `sapling predict` writes, byte for byte', async () => {
    // Quoted names, NA cells, an extra column and CRLF line ends, all as in a real file.
    const lines = penguinLines();
    const csv = [lines[0], ...lines.slice(1, 12), ...lines.slice(160, 170), ...lines.slice(300, 310)].join('\r\n') + '\r\n';
    const file = join(dir, 'some.csv');
    writeFileSync(file, csv);
    const r = await call(`${plain.url}/v1/models/species:predict`, { body: csv, headers: { 'content-type': 'text/csv' } });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.text).toBe(sapling('predict', join(models, 'species.json'), file));
    expect(r.text.split(/\r?\n/)[0]).toBe('species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year,prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo');
    expect(r.text.split(/\r?\n/)).toHaveLength(33);
    expect(r.headers.get('sapling-warning')).toBeNull();
    // A ragged row is dropped as the CLI drops it, and the reader's warning comes back as a header
    // (the CLI prints it on stderr).
    const ragged = [lines[0], lines[1], 'Torgersen,39.5', lines[3]].join('\n') + '\n';
    const raggedFile = join(dir, 'ragged.csv');
    writeFileSync(raggedFile, ragged);
    const answer = await call(`${plain.url}/v1/models/species:predict`, { body: ragged, headers: { 'content-type': 'text/csv' } });
    expect(answer.text).toBe(sapling('predict', join(models, 'species.json'), raggedFile));
    expect(answer.text.trim().split('\n')).toHaveLength(3);
    const cli = spawnSync(process.execPath, ['scripts/sapling.mjs', 'predict', join(models, 'species.json'), raggedFile], { cwd: ROOT, encoding: 'utf8' }).stderr.trim().split('\n').filter((l) => l.startsWith('warning: ')).map((l) => l.slice('warning: '.length));
    expect(cli.length).toBeGreaterThan(0);
    expect(answer.headers.get('sapling-warning')?.split(/(?<="), (?=")/).map((v) => JSON.parse(v))).toEqual(cli);
  });

  it('names what is wrong with 400: malformed JSON, not instances, a missing column, a wrong type with its row', async () => {
    const rows = penguinRows(3, 20);
    const predict = (init: RequestInit & { json?: unknown }) => call(`${plain.url}/v1/models/species:predict`, init);
    expect(await predict({ body: '{"instances": [{"island": ', headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^the request body is not valid JSON/) } });
    expect(await predict({ json: { instances: {} } })).toMatchObject({ status: 400, json: { error: 'the body must be {"instances": [row objects]} (JSON), or a CSV with Content-Type: text/csv' } });
    expect(await predict({ json: { instances: rows.map(({ sex: _, ...r }) => r) } })).toMatchObject({ status: 400, json: { error: 'the data lacks column "sex" that the model needs' } });
    expect(await predict({ json: { instances: [rows[0], { ...rows[1], body_mass_g: 'heavy' }] } })).toMatchObject({ status: 400, json: { error: 'row 2: column "body_mass_g" must be a number, but got "heavy"' } });
    expect(await predict({ json: { instances: [rows[0], 7] } })).toMatchObject({ status: 400, json: { error: 'row 2: expected an object of column values, got 7' } });
    expect(await predict({ body: '', headers: { 'content-type': 'text/csv' } })).toMatchObject({ status: 400, json: { error: 'the CSV body is empty: send a header line and rows' } });
    expect(await predict({ body: 'island,year\nDream,2008\n', headers: { 'content-type': 'text/csv' } })).toMatchObject({ status: 400, json: { error: expect.stringContaining('"bill_length_mm"') } });
    // A `__proto__` key is an ordinary key: it pollutes nothing and is not a row.
    expect(await predict({ body: '{"__proto__": {"x": 1}, "instances": [{"__proto__": {"polluted": 1}}]}', headers: { 'content-type': 'application/json' } })).toMatchObject({ status: 400, json: { error: expect.stringMatching(/^the data lacks columns "island"/) } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('serves a model whose columns are named __proto__, constructor and toString, over V1 JSON and V2, as the runtime predicts the same rows', async () => {
    const odd = await start({}, join(dir, 'odd'));
    try {
      const plainModel = await loadModel(gbdtModelFile());
      const rows = penguinRows(5, 30, ['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']);
      const expected = plainModel.predict(rows);
      // Rows with the odd names as a JSON client writes them (`__proto__` first, as an own key).
      const body = `{"instances": [${rows.map(({ species, island, year, ...rest }) => `{"__proto__":${JSON.stringify(species)},${JSON.stringify({ constructor: island, toString: year, ...rest }).slice(1)}`).join(',')}]}`;
      const v1 = await call(`${odd.url}/v1/models/odd:predict`, { body, headers: { 'content-type': 'application/json' } });
      expect(v1).toMatchObject({ status: 200, json: { predictions: expected } });
      const columns: [string, string, string][] = [['__proto__', 'species', 'BYTES'], ['constructor', 'island', 'BYTES'], ['bill_length_mm', 'bill_length_mm', 'FP64'], ['bill_depth_mm', 'bill_depth_mm', 'FP64'], ['flipper_length_mm', 'flipper_length_mm', 'FP64'], ['body_mass_g', 'body_mass_g', 'FP64'], ['toString', 'year', 'INT64']];
      const inputs = columns.map(([name, from, datatype]) => ({ name, datatype, shape: [rows.length], data: rows.map((r) => r[from]) }));
      const v2 = await call(`${odd.url}/v2/models/odd/infer`, { json: { inputs, outputs: [{ name: 'prediction' }] } });
      expect(v2).toMatchObject({ status: 200, json: { outputs: [{ name: 'prediction', data: expected.map((r) => r.prediction) }] } });
    } finally {
      await odd.app.close();
    }
  });
});

describe('sapling serve: errors', () => {
  it('answers 404 for an unknown model or route, 405 for a method a route does not take, 415 for other bodies, never with a stack trace', async () => {
    const answers = [
      [await call(`${plain.url}/v2/models/nope`), 404, 'no model "nope" here (serving "mass", "species")'],
      [await call(`${plain.url}/v1/models/nope:predict`, { json: { instances: [] } }), 404, 'no model "nope" here (serving "mass", "species")'],
      [await call(`${plain.url}/v2/models/nope/infer`, { json: { inputs: [] } }), 404, 'no model "nope" here (serving "mass", "species")'],
      [await call(`${plain.url}/v3/anything`), 404, 'no route GET /v3/anything'],
      [await call(`${plain.url}/v2/models/%E0%A4%A`), 400, "bad request: '/v2/models/%E0%A4%A' is not a valid url component"],
      [await call(`${plain.url}/v1/models/species:classify`, { json: {} }), 404, 'no route POST /v1/models/species:classify'],
      [await call(`${plain.url}/v1/models/species:predict`), 405, '/v1/models/{name}:predict takes POST only'],
      [await call(`${plain.url}/v2/models/species`, { method: 'DELETE' }), 405, '/v2/models/{name} takes GET only'],
      [await call(`${plain.url}/v1/models/species:predict`, { body: 'island=Dream', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported content type: send application/json (or text/csv to the :predict route)'],
      [await call(`${plain.url}/v1/models/species:predict`, { body: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported content type: send application/json (or text/csv to the :predict route)'],
      [await call(`${plain.url}/v2/models/species/infer`, { body: 'island\nDream\n', headers: { 'content-type': 'text/csv' } }), 415, 'the infer route takes application/json (send CSV to /v1/models/{name}:predict)'],
    ] as const;
    for (const [r, status, error] of answers) {
      expect({ status: r.status, body: r.json }).toEqual({ status, body: { error } });
      expect(r.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d/);
    }
    expect((await call(`${plain.url}/v1/models/species:predict`)).headers.get('allow')).toBe('POST');
  });

  it('answers 413 over --max-body and takes a body under it', async () => {
    const auth = { authorization: 'Bearer s3cret' };
    const big = JSON.stringify({ instances: penguinRows(10) });
    expect(big.length).toBeGreaterThan(600);
    expect(await call(`${guarded.url}/v1/models/species:predict`, { body: big, headers: { ...auth, 'content-type': 'application/json' } })).toMatchObject({ status: 413, json: { error: 'the request body is larger than this server takes (--max-body)' } });
    const csv = penguinLines().slice(0, 30).join('\n');
    expect(await call(`${guarded.url}/v1/models/species:predict`, { body: csv, headers: { ...auth, 'content-type': 'text/csv' } })).toMatchObject({ status: 413 });
    // Without a length up front (chunked), the limit holds as the body arrives.
    const stream = new Blob([csv]).stream();
    expect(await call(`${guarded.url}/v1/models/species:predict`, { body: stream, headers: { ...auth, 'content-type': 'text/csv' }, duplex: 'half' } as RequestInit)).toMatchObject({ status: 413 });
    const small = await call(`${guarded.url}/v1/models/species:predict`, { json: { instances: penguinRows(2) }, headers: auth });
    expect(small.status, small.text).toBe(200);
  });
});

describe('sapling serve: --token and --cors', () => {
  it('needs the bearer token on every route but the health probes', async () => {
    const body = { json: { instances: penguinRows(1) } };
    expect(await call(`${guarded.url}/v1/models/species:predict`, body)).toMatchObject({ status: 401, json: { error: 'this server needs "Authorization: Bearer <token>"' } });
    const wrong = await call(`${guarded.url}/v1/models/species:predict`, { ...body, headers: { authorization: 'Bearer s3cre' } });
    expect(wrong).toMatchObject({ status: 401, json: { error: 'the bearer token is wrong' } });
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    for (const path of ['/metrics', '/openapi.json', '/v2/models/species', '/v2']) expect((await call(`${guarded.url}${path}`)).status, path).toBe(401);
    expect((await call(`${guarded.url}/v1/models/species:predict`, { ...body, headers: { authorization: 'bearer s3cret' } })).status).toBe(200);
    expect((await call(`${guarded.url}/v2/health/live`)).status).toBe(200);
    expect((await call(`${guarded.url}/v2/health/ready`)).status).toBe(200);
  });

  it('answers a browser’s preflight and calls from the allowed origin, and sends no CORS headers without --cors', async () => {
    const preflight = await call(`${guarded.url}/v1/models/species:predict`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    const called = await call(`${guarded.url}/v1/models/species:predict`, { json: { instances: penguinRows(1) }, headers: { origin: 'https://app.example.com', authorization: 'Bearer s3cret' } });
    expect(called.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const none = await call(`${plain.url}/v1/models/species:predict`, { json: { instances: penguinRows(1) }, headers: { origin: 'https://app.example.com' } });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(`${plain.url}/v1/models/species:predict`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com' } })).status).toBe(405);
  });
});

describe('sapling serve: /metrics and /openapi.json', () => {
  it('counts requests by route and status, latency, rows predicted and predicted classes, in the Prometheus text format', async () => {
    const fresh = await start();
    try {
      const rows = penguinRows(6, 1);
      await call(`${fresh.url}/v1/models/species:predict`, { json: { instances: rows } });
      await call(`${fresh.url}/v2/models/species/infer`, { json: { inputs: tensors(rows.slice(0, 2)) } });
      await call(`${fresh.url}/v1/models/species:predict`, { json: { instances: 1 } });
      await call(`${fresh.url}/v2/models/nope`);
      const m = await call(`${fresh.url}/metrics`);
      expect(m.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const lines = m.text.split('\n');
      const value = (series: string) => Number(lines.find((l) => l.startsWith(`${series} `))?.split(' ')[1]);
      expect(value('sapling_requests_total{route="/v1/models/{name}:predict",method="POST",status="200"}')).toBe(1);
      expect(value('sapling_requests_total{route="/v1/models/{name}:predict",method="POST",status="400"}')).toBe(1);
      expect(value('sapling_requests_total{route="/v2/models/{name}/infer",method="POST",status="200"}')).toBe(1);
      expect(value('sapling_requests_total{route="/v2/models/{name}",method="GET",status="404"}')).toBe(1);
      expect(value('sapling_request_duration_seconds_count{route="/v1/models/{name}:predict"}')).toBe(2);
      expect(value('sapling_request_duration_seconds_bucket{route="/v1/models/{name}:predict",le="+Inf"}')).toBe(2);
      expect(value('sapling_request_duration_seconds_bucket{route="/v1/models/{name}:predict",le="5"}')).toBe(2);
      expect(value('sapling_rows_predicted_total{model="species"}')).toBe(8);
      const predicted = species.predict([...rows, ...rows.slice(0, 2)]).map((p) => p.prediction);
      for (const label of new Set(predicted)) expect(value(`sapling_predicted_class_total{model="species",class="${label}"}`)).toBe(predicted.filter((p) => p === label).length);
      expect(value('sapling_models_loaded')).toBe(2);
      expect(lines).toContain('# TYPE sapling_request_duration_seconds histogram');
    } finally {
      await fresh.app.close();
    }
  });

  it('describes every route and each model’s columns in OpenAPI 3', async () => {
    const r = await call(`${plain.url}/openapi.json`);
    expect(r.status).toBe(200);
    const doc = r.json as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { required?: string[] }> } };
    expect(doc.openapi).toMatch(/^3\.0\./);
    for (const path of ['/v2/health/live', '/v2/health/ready', '/v2/models/species', '/v2/models/species/ready', '/v2/models/species/infer', '/v1/models/species:predict', '/v2/models/mass/infer', '/metrics']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.components.schemas.model_species_row.required).toEqual([...PENGUIN_COLUMNS]);
    // Two names that make the same schema id keep a schema each.
    const served = (name: string, model: typeof species) => ({ name, model }) as unknown as Parameters<typeof openApiDocument>[0][number];
    const both = openApiDocument([served('a b', species), served('a_b', await loadModel(readFileSync(join(models, 'mass.json'), 'utf8')))], '0', false) as typeof doc;
    expect(both.components.schemas.model_a_b_row.required).toEqual([...PENGUIN_COLUMNS]);
    expect(both.components.schemas.model_a_b_2_row.required).not.toContain('body_mass_g');
  });
});

describe('sapling serve: the model store', () => {
  it('swaps a replaced file in, keeps the old model when the new file is bad (and says why), and unloads a removed one', async () => {
    const folder = join(dir, 'swap');
    mkdirSync(folder);
    copyFileSync(join(models, 'species.json'), join(folder, 'm.json'));
    const log: string[] = [];
    const store = new ModelStore(folder, (line) => log.push(line));
    await store.load();
    store.watch();
    try {
      const first = store.get('m')?.version;
      expect(store.get('m')?.model.task).toBe('multiclass');
      // Replaced by another model: a regression now.
      copyFileSync(join(models, 'mass.json'), join(folder, 'm.json.tmp'));
      const { renameSync, rmSync } = await import('node:fs');
      renameSync(join(folder, 'm.json.tmp'), join(folder, 'm.json'));
      await waitFor(() => store.get('m')?.version !== first);
      expect(store.get('m')?.model.task).toBe('regression');
      // A half-written or broken file keeps the model that works.
      writeFileSync(join(folder, 'm.json'), '{"format": "sapling-model", "ver');
      await waitFor(() => log.some((l) => l.includes('did not load')));
      await store.settled();
      expect(store.get('m')?.model.task).toBe('regression');
      expect(log.at(-1)).toMatch(/^m: m\.json did not load, still serving the previous model \([0-9a-f]{12}\): not a Sapling model file/);
      // A new file in the folder is served under its name; a removed one is not.
      copyFileSync(join(models, 'species.json'), join(folder, 'other.json'));
      await waitFor(() => store.get('other') !== undefined);
      rmSync(join(folder, 'm.json'));
      await waitFor(() => store.get('m') === undefined);
      expect(store.names()).toEqual(['other']);
    } finally {
      store.close();
    }
  });
});

describe('sapling serve: models from a Kubernetes ConfigMap volume', () => {
  it('swaps a model in when the volume’s ..data link moves to a new folder (the files’ own names never change)', async () => {
    const { symlinkSync } = await import('node:fs');
    // The layout of Kubernetes' atomic writer: species.json → ..data/species.json, ..data → ..<timestamp>.
    const volume = join(dir, 'configmap');
    mkdirSync(join(volume, '..2026_12_07_1'), { recursive: true });
    copyFileSync(join(models, 'species.json'), join(volume, '..2026_12_07_1', 'species.json'));
    symlinkSync('..2026_12_07_1', join(volume, '..data'));
    symlinkSync('..data/species.json', join(volume, 'species.json'));
    const store = new ModelStore(volume);
    await store.load();
    store.watch();
    try {
      expect(store.names()).toEqual(['species']);
      expect(store.get('species')?.model.task).toBe('multiclass');
      mkdirSync(join(volume, '..2026_12_07_2'));
      copyFileSync(join(models, 'mass.json'), join(volume, '..2026_12_07_2', 'species.json'));
      symlinkSync('..2026_12_07_2', join(volume, '..data_tmp'));
      const { renameSync } = await import('node:fs');
      renameSync(join(volume, '..data_tmp'), join(volume, '..data'));
      await waitFor(() => store.get('species')?.model.task === 'regression');
    } finally {
      store.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
