/**
 * `npm run bench -- serve`: `sapling serve` (the standalone bundle the container runs) against
 * FastAPI + uvicorn (one worker) serving scikit-learn's model of the same family and shape, both
 * trained on the same CSV and asked the same one-row JSON request from 32 connections for 10 s
 * (autocannon). The goals: at least 3× the requests a second, at most a third of the p99.
 *
 * SAPLING_SERVE_BUNDLE=<path of sapling-serve.mjs> measures that bundle instead of the one `npm run
 * build` writes to dist/server, e.g. one built in another worktree by `npx tsx
 * scripts/build-server.ts <outdir>`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, classificationCsv } from './data';
import { CONNECTIONS, type LoadResult, SECONDS, freePort, loadRun, startServer } from './load';

const root = join(import.meta.dirname, '..');
const PYTHON = '/usr/bin/python3';
const MODEL_NAME = 'gb';

/**
 * The server bundle `npm run build` writes (SAPLING_SERVE_BUNDLE names another, e.g. while the serve
 * work lives in another worktree).
 */
export function serverBundle(): string {
  const bundle = process.env.SAPLING_SERVE_BUNDLE ?? join(root, 'dist', 'server', 'sapling-serve.mjs');
  if (!existsSync(bundle)) throw new Error(`no server bundle at ${bundle}: run npm run build`);
  return bundle;
}

/** Debian's FastAPI, uvicorn (with uvloop and httptools, as `uvicorn[standard]` has) and scikit-learn, installed when missing. */
function ensurePythonReference(): void {
  const has = () => spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn, sklearn, numpy, uvloop, httptools']).status === 0;
  if (has()) return;
  const packages = ['python3-fastapi', 'python3-uvicorn', 'python3-sklearn', 'python3-uvloop', 'python3-httptools'];
  console.log(`installing ${packages.join(' ')} (apt-get)…`);
  const apt = (...args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  // A fresh machine may have no package lists yet: update once, only when the install fails.
  const installed = apt('install', '-y', ...packages) || (apt('update') && apt('install', '-y', ...packages));
  if (!installed || !has()) throw new Error(`could not install the Python reference (apt-get install ${packages.join(' ')})`);
}

/** Sapling's boosting model of the benchmark's shape (100 rounds, 31 leaves, 255 bins), in a folder of its own. */
export function saplingModelDir(train: string): string {
  const dir = join(DATA_DIR, 'serve-models');
  const model = join(dir, `${MODEL_NAME}.json`);
  if (!existsSync(model)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(process.execPath, ['scripts/sapling.mjs', 'train', train, '--target', 'y', '--model', 'gbdt', '--param', 'rounds=100', '--param', 'leaves=31', '--param', 'bins=255', '--param', 'earlyStopping=false', '--out', model], { cwd: root, stdio: 'ignore' });
  }
  return dir;
}

/** The first row of the CSV without its target, as the JSON body of one prediction. */
export function oneRowBody(csv: string): string {
  const [header, first] = readFileSync(csv, 'utf8').split('\n', 2);
  const names = header.split(',');
  const row = Object.fromEntries(names.map((n, j) => [n, Number(first.split(',')[j])]).filter(([n]) => n !== 'y'));
  return JSON.stringify({ instances: [row] });
}

/** Checks a server answers the request with one prediction before it is loaded, so errors are not measured. */
async function checkAnswer(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text}`);
  const predictions = (JSON.parse(text) as { predictions?: unknown[] }).predictions;
  if (!Array.isArray(predictions) || predictions.length !== 1) throw new Error(`${url} did not answer one prediction: ${text}`);
  return JSON.stringify(predictions[0]);
}

const ms = (v: number) => (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);
const mb = (v: number | null) => (v === null ? '—' : `${Math.round(v)} MB`);

/** The section: both servers in turn, their figures, and the ratios against the goals. */
export async function serveSection(say: (line: string) => void): Promise<void> {
  ensurePythonReference();
  const train = classificationCsv(20_000, 20);
  const models = saplingModelDir(train);
  const body = oneRowBody(train);
  const bundle = serverBundle();

  const results: { name: string; result: LoadResult; answer: string }[] = [];
  // One server at a time (two cores: one for the server, one for autocannon).
  {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await startServer([process.execPath, bundle, models, '--host', '127.0.0.1', '--port', String(port)], `${base}/v2/health/ready`);
    try {
      const url = `${base}/v1/models/${MODEL_NAME}:predict`;
      const answer = await checkAnswer(url, body);
      results.push({ name: '`sapling serve` (standalone bundle, Node ' + process.version + ')', result: await loadRun(server, url, body), answer });
    } finally {
      await server.stop();
    }
  }
  {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // One OpenMP thread: scikit-learn's boosting predict otherwise wakes a thread team for each
    // one-row call, which on this shared machine made the reference under 1 request/s.
    const server = await startServer([PYTHON, join(import.meta.dirname, 'fastapi_serve.py'), train, 'y', MODEL_NAME, String(port)], `${base}/v2/health/ready`, { OMP_NUM_THREADS: '1' });
    try {
      const url = `${base}/v1/models/${MODEL_NAME}:predict`;
      const answer = await checkAnswer(url, body);
      results.push({ name: 'FastAPI + uvicorn, 1 worker, scikit-learn HistGradientBoostingClassifier', result: await loadRun(server, url, body), answer });
    } finally {
      await server.stop();
    }
  }

  const [ours, reference] = results;
  say(`One-row JSON requests (\`POST /v1/models/${MODEL_NAME}:predict\`, \`{"instances": [row]}\`) from ${CONNECTIONS} connections for ${SECONDS} s (autocannon, after a 2 s warm-up), one server at a time. Model: binary boosting, 100 rounds × 31 leaves, 255 bins, trained on the same 20,000 × 20 CSV by each side.`);
  say('');
  say('| server | requests/s | p50 | p99 | failed | peak memory |');
  say('| --- | --- | --- | --- | --- | --- |');
  for (const { name, result } of results) say(`| ${name} | ${Math.round(result.requestsPerSecond)} | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${result.failed} | ${mb(result.peakMb)} |`);
  say('');
  const throughput = ours.result.requestsPerSecond / reference.result.requestsPerSecond;
  const tail = ours.result.p99Ms / reference.result.p99Ms;
  say(`Requests/s, Sapling / FastAPI: **${throughput.toFixed(1)}×** (goal ≥ 3×, ${throughput >= 3 ? 'met' : 'not met'}). p99, Sapling / FastAPI: **${tail.toFixed(2)}** (goal ≤ 0.33, ${tail <= 1 / 3 ? 'met' : 'not met'}).`);
  say(`Answers to the request: Sapling ${ours.answer}; scikit-learn ${reference.answer}.`);
  if (ours.result.failed + reference.result.failed > 0) say('Some requests failed (non-2xx, errors or timeouts): the figures above are not comparable.');
}
