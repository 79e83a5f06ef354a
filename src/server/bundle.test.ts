import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { PENGUIN_COLUMNS, penguinLines, penguinRows, trainModel } from './testKit';

// The standalone bundle (dist/server/sapling-serve.mjs, built here into a folder with no
// node_modules above it) run as a child process, as the container runs it.
const dir = mkdtempSync(join(tmpdir(), 'sapling-bundle-'));
let bundle = '';
const modelA = join(dir, 'a.json');
const modelB = join(dir, 'b.json');
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundle = await buildServer(join(dir, 'server'));
  trainModel('penguins', modelA, '--target', 'species', '--model', 'tree');
  trainModel('penguins', modelB, '--target', 'species', '--model', 'gbdt');
}, 120_000);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts the bundle on a free port; resolves with its address once it listens. */
function startBundle(...args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  // The working folder is the test's, not the repository: nothing may come from node_modules.
  const child = spawn(process.execPath, [bundle, ...args, '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${err}`)));
  });
}

interface Answer {
  status: number;
  body: string;
}

/** One request over `agent` (keep-alive connections shared by the callers). */
function send(url: string, agent: Agent | undefined, method: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const json = { 'content-type': 'application/json' };

describe('the standalone server bundle', () => {
  it('serves a model file and answers its usage and bad flags without a stack trace', async () => {
    const { url } = await startBundle(modelA);
    const r = await send(`${url}/v1/models/a:predict`, undefined, 'POST', JSON.stringify({ instances: penguinRows(1) }), json);
    expect(r).toEqual({ status: 200, body: '{"predictions":[{"prediction":"Adelie","proba_Adelie":1,"proba_Chinstrap":0,"proba_Gentoo":0}]}' });
    const bad = spawn(process.execPath, [bundle, modelA, '--port', 'eighty'], { cwd: dir });
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(bad)).toBe(1);
    expect(err).toBe('error: --port must be a whole number of at least 0, got "eighty"\n');
    const missing = spawn(process.execPath, [bundle, join(dir, 'nothing-here')], { cwd: dir });
    let missingErr = '';
    missing.stderr.on('data', (d: Buffer) => (missingErr += d.toString()));
    expect(await exited(missing)).toBe(1);
    expect(missingErr).toMatch(/^error: cannot read .*nothing-here: no such file or folder\n$/);
  });

  it('holds neither TF.js nor the training code (the monitoring analysis it imports never loads a model), and imports only Node’s modules', () => {
    const text = readFileSync(bundle, 'utf8');
    // (`TensorFlow Serving`, the route's name, is in it; TF.js's own names are lower case.)
    expect(/tensorflow/.test(text), 'TF.js is in the bundle').toBe(false);
    expect(text.length).toBeLessThan(1_500_000);
    const imports = new Set([...text.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]).filter((m) => !m.includes(',')));
    expect([...imports].every((m) => m.startsWith('node:'))).toBe(true);
  });

  it('answers GET /v2/models/{name}/monitor with --monitor: 409 until rows are served, then the drift report', async () => {
    const { url } = await startBundle(modelA, '--monitor', '--monitor-window', '30');
    const before = await send(`${url}/v2/models/a/monitor`, undefined, 'GET');
    expect(before.status).toBe(409);
    const r = await send(`${url}/v1/models/a:predict`, undefined, 'POST', JSON.stringify({ instances: penguinRows(40, 100) }), json);
    expect(r.status).toBe(200);
    const report = await send(`${url}/v2/models/a/monitor`, undefined, 'GET');
    expect(report.status, report.body).toBe(200);
    expect(JSON.parse(report.body)).toMatchObject({ format: 'sapling-monitor-report', current: { rows: 30 } });
  });

  it('on SIGTERM stops taking connections and finishes the request in flight, then exits 0', async () => {
    const { child, url, stderr } = await startBundle(modelA);
    const lines = penguinLines();
    const csv = lines.join('\n') + '\n';
    const half = Math.floor(csv.length / 2);
    const { hostname, port } = new URL(url);
    // A request whose body is half sent when the signal comes.
    const answer = new Promise<Answer>((resolve, reject) => {
      const req = request(`${url}/v1/models/a:predict`, { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(csv)) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(csv.slice(0, half));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => {
          // No new connection is taken while the request in flight finishes.
          const probe = connect(Number(port), hostname);
          probe.on('error', (e: NodeJS.ErrnoException) => {
            expect(e.code).toBe('ECONNREFUSED');
            req.end(csv.slice(half));
          });
          probe.on('connect', () => reject(new Error('a new connection was taken after SIGTERM')));
        }, 300);
      }, 200);
    });
    const r = await answer;
    const answeredAt = performance.now();
    expect(r.status).toBe(200);
    expect(r.body.trimEnd().split('\n')).toHaveLength(lines.length);
    expect(await exited(child)).toBe(0);
    // It stops once that request is answered, not when the client lets its keep-alive connection go.
    expect(performance.now() - answeredAt).toBeLessThan(2000);
    expect(stderr()).toContain('SIGTERM: finishing the requests in flight, then stopping');
  });

  it('under load from 32 connections, with malformed requests mixed in and the model file swapped, answers every good request and never 5xx', async () => {
    const folder = join(dir, 'load');
    mkdirSync(folder);
    copyFileSync(modelA, join(folder, 'species.json'));
    const { url } = await startBundle(folder, '--max-body', '20000');
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const rows = penguinRows(340, 1);
    const csvLines = penguinLines();
    const tensors = (r: Record<string, unknown>[]) => PENGUIN_COLUMNS.map((name) => ({ name, shape: [r.length], datatype: typeof r.find((x) => x[name] !== null)?.[name] === 'number' ? 'FP64' : 'BYTES', data: r.map((x) => x[name]) }));
    const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
    const TOTAL = 3000;
    const versions = new Set<string>();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    let swapped = false;
    let broken = false;

    /** Request `i`: a good one (checked against the model's classes) or a malformed one (checked for its 4xx). */
    async function one(i: number): Promise<void> {
      const pick = (n: number) => rows.slice((i * 7) % 300, ((i * 7) % 300) + n);
      const kind = i % 10;
      let expected = 200;
      let answer: Answer;
      if (kind <= 4) answer = await send(`${url}/v1/models/species:predict`, agent, 'POST', JSON.stringify({ instances: pick(1 + (i % 3)) }), json);
      else if (kind === 5) answer = await send(`${url}/v2/models/species/infer`, agent, 'POST', JSON.stringify({ inputs: tensors(pick(2)) }), json);
      else if (kind === 6) answer = await send(`${url}/v1/models/species:predict`, agent, 'POST', [csvLines[0], ...csvLines.slice(1 + (i % 300), 4 + (i % 300))].join('\n'), { 'content-type': 'text/csv' });
      else {
        const faults: [number, () => Promise<Answer>][] = [
          [400, () => send(`${url}/v1/models/species:predict`, agent, 'POST', '{"instances": [{"island": "Dream",', json)],
          [400, () => send(`${url}/v1/models/species:predict`, agent, 'POST', JSON.stringify({ instances: [{ ...pick(1)[0], year: 'last year' }] }), json)],
          [400, () => send(`${url}/v1/models/species:predict`, agent, 'POST', JSON.stringify({ instances: [{ island: 'Dream' }] }), json)],
          [400, () => send(`${url}/v2/models/species/infer`, agent, 'POST', JSON.stringify({ inputs: tensors(pick(2)).map((t) => ({ ...t, datatype: 'BOOL' })) }), json)],
          [404, () => send(`${url}/v1/models/nope:predict`, agent, 'POST', JSON.stringify({ instances: pick(1) }), json)],
          [405, () => send(`${url}/v1/models/species:predict`, agent, 'GET')],
          [413, () => send(`${url}/v1/models/species:predict`, agent, 'POST', JSON.stringify({ instances: rows }), json)],
          [415, () => send(`${url}/v1/models/species:predict`, agent, 'POST', 'island=Dream', { 'content-type': 'application/x-www-form-urlencoded' })],
          [400, () => send(`${url}/v1/models/species:predict`, agent, 'POST', '\u0000\u00ff garbage', { 'content-type': 'text/csv' })],
        ];
        const [status, make] = faults[i % faults.length];
        expected = status;
        answer = await make();
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status !== expected) {
        failures.push(`request ${i} (kind ${kind}): ${answer.status} (expected ${expected}) ${answer.body.slice(0, 200)}`);
        return;
      }
      if (expected !== 200) {
        if (!(JSON.parse(answer.body) as { error?: unknown }).error) failures.push(`request ${i}: ${expected} without an error message`);
        return;
      }
      if (kind <= 4) {
        const predictions = (JSON.parse(answer.body) as { predictions: { prediction: string }[] }).predictions;
        if (predictions.length !== 1 + (i % 3) || !predictions.every((p) => classes.includes(p.prediction))) failures.push(`request ${i}: ${answer.body}`);
      } else if (kind === 5) {
        const r = JSON.parse(answer.body) as { model_version: string; outputs: { name: string; data: string[] }[] };
        versions.add(r.model_version);
        if (r.outputs[0].data.length !== 2) failures.push(`request ${i}: ${answer.body}`);
      } else if (answer.body.trimEnd().split('\n').length !== 4) failures.push(`request ${i}: ${answer.body}`);
    }

    async function worker(): Promise<void> {
      while (next < TOTAL) {
        const i = next++;
        if (!swapped && i >= TOTAL / 4) {
          // Swapped as deploy tools do: the new file written aside, then renamed over the old one.
          swapped = true;
          copyFileSync(modelB, join(folder, '.species.json.tmp'));
          renameSync(join(folder, '.species.json.tmp'), join(folder, 'species.json'));
        }
        if (!broken && i >= TOTAL / 2) {
          // Then overwritten in place by a file that is not a model, and fixed a moment later.
          broken = true;
          writeFileSync(join(folder, 'species.json'), '{"this is": "not a model"}');
          setTimeout(() => writeFileSync(join(folder, 'species.json'), readFileSync(modelA)), 300);
        }
        try {
          await one(i);
        } catch (e) {
          failures.push(`request ${i}: ${(e as Error).message}`);
        }
      }
    }

    const started = performance.now();
    await Promise.all(Array.from({ length: 32 }, worker));
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    expect(failures.slice(0, 10)).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(200)).toBe(TOTAL * 0.7);
    // Both models answered (the swap happened under load), and the first one again after the bad file.
    expect(versions.size).toBeGreaterThanOrEqual(2);
    const metrics = await send(`${url}/metrics`, undefined, 'GET');
    expect(metrics.body).not.toMatch(/status="5\d\d"/);
    expect(metrics.body).toContain(`sapling_requests_total{route="/v1/models/{name}:predict",method="POST",status="200"}`);
    console.log(`load: ${TOTAL} requests over 32 connections in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)}/s, under test load); statuses ${JSON.stringify(Object.fromEntries(statuses))}; model versions seen ${versions.size}`);
  }, 60_000);
});

