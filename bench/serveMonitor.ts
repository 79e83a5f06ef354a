/**
 * `npm run bench -- serve-monitor`: what `sapling serve --monitor` costs a prediction. The standalone
 * bundle serves the serve section's model and request (one row, 32 connections, autocannon) without
 * and with --monitor, in alternating turns (this machine's load drifts, so each side gets early and
 * late turns), and with --monitor while a client asks /metrics once a second (each scrape can make a
 * drift report, on the server's one thread). Besides requests/s it reports the server's CPU time per
 * request (user + system, from /proc), which other processes on a shared machine disturb far less.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadModel } from '../src/runtime';
import { RowWindow } from '../src/server/monitorWindow';
import { monitorReporter } from '../src/server/monitorReporter';
import { classificationCsv } from './data';
import { CONNECTIONS, freePort, startServer } from './load';
import { oneRowBody, saplingModelDir, serverBundle } from './serve';

const SECONDS = 6;
const TURNS = 3;

/** What one turn measured. */
interface TurnResult {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly failed: number;
  /** Server CPU (user + system) per answered request, µs. */
  readonly cpuUs: number;
}

/** A process's user + system CPU time in seconds, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat; after the name, 12 and 13 (0-based 11, 12).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const MODEL_NAME = 'gb';

interface Turn {
  readonly name: string;
  readonly flags: readonly string[];
  /** Asks GET /metrics every second during the load run. */
  readonly scrape?: boolean;
}

/** One load run of the bundle with `flags`. */
async function run(bundle: string, models: string, body: string, turn: Turn): Promise<TurnResult> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer([process.execPath, bundle, models, '--host', '127.0.0.1', '--port', String(port), ...turn.flags], `${base}/v2/health/ready`);
  let scrapes = 0;
  const timer = turn.scrape
    ? setInterval(() => {
        void fetch(`${base}/metrics`).then((r) => r.text().then(() => scrapes++));
      }, 1000)
    : undefined;
  try {
    const options = { url: `${base}/v1/models/${MODEL_NAME}:predict`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS };
    await autocannon({ ...options, duration: 2 });
    const before = cpuSeconds(server.process.pid);
    const r = await autocannon({ ...options, duration: SECONDS });
    const cpu = cpuSeconds(server.process.pid) - before;
    return { requestsPerSecond: r.requests.average, p99Ms: r.latency.p99, failed: r.non2xx + r.errors + r.timeouts, cpuUs: (cpu / r.requests.total) * 1e6 };
  } finally {
    clearInterval(timer);
    await server.stop();
  }
}

/**
 * In one process, without HTTP: CPU per one-row request (parse the body, predict, and with the
 * window add the row), blocks of 20,000 alternating with and without, and the time of one report
 * of a full window of 1,000 rows (what a GET …/monitor or a /metrics scrape costs when it makes one).
 */
async function inProcess(models: string, body: string): Promise<{ off: number; on: number; reportMs: number[]; columns: number }> {
  const model = await loadModel(readFileSync(join(models, `${MODEL_NAME}.json`), 'utf8'));
  const window = new RowWindow(
    model.inputSchema.map((c) => c.name),
    1000,
    model.outputColumns,
  );
  const block = (record: boolean, n: number) => {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const rows = (JSON.parse(body) as { instances: Record<string, unknown>[] }).instances;
      const out = model.predict(rows);
      if (record) window.add(rows, out);
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / n;
  };
  block(true, 20_000);
  block(false, 20_000);
  let off = 0;
  let on = 0;
  for (let k = 0; k < 8; k++) {
    off += block(false, 20_000) / 8;
    on += block(true, 20_000) / 8;
  }
  // The window now holds 1,000 copies of one row: a report over real rows costs the same tests.
  const reportMs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    await monitorReporter(model, window.snapshot());
    reportMs.push(performance.now() - t);
  }
  return { off, on, reportMs, columns: model.inputSchema.length };
}

/** The section: requests/s and p99 of each turn, and the ratio with / without --monitor. */
export async function serveMonitorSection(say: (line: string) => void): Promise<void> {
  const train = classificationCsv(20_000, 20);
  const models = saplingModelDir(train);
  const body = oneRowBody(train);
  const bundle = serverBundle();
  const off: Turn = { name: 'without --monitor', flags: [] };
  const on: Turn = { name: 'with --monitor (window 1000)', flags: ['--monitor'] };
  const scraped: Turn = { name: 'with --monitor, /metrics asked every second', flags: ['--monitor'], scrape: true };
  const turns = [...Array.from({ length: TURNS }, (_, i) => (i % 2 === 0 ? [off, on] : [on, off])).flat(), scraped];
  const results: { turn: Turn; result: TurnResult }[] = [];
  for (const turn of turns) results.push({ turn, result: await run(bundle, models, body, turn) });

  say(`One-row JSON requests (\`POST /v1/models/${MODEL_NAME}:predict\`) from ${CONNECTIONS} connections for ${SECONDS} s each (autocannon, after a 2 s warm-up), the standalone bundle, turns in this order:`);
  say('');
  say('| turn | requests/s | p99 | server CPU per request | failed |');
  say('| --- | --- | --- | --- | --- |');
  for (const { turn, result } of results) say(`| ${turn.name} | ${Math.round(result.requestsPerSecond)} | ${result.p99Ms} ms | ${Math.round(result.cpuUs)} µs | ${result.failed} |`);
  const mean = (t: Turn, of: (r: TurnResult) => number) => {
    const values = results.filter((r) => r.turn === t).map((r) => of(r.result));
    return values.reduce((s, v) => s + v, 0) / values.length;
  };
  const rps = (r: TurnResult) => r.requestsPerSecond;
  const cpu = (r: TurnResult) => r.cpuUs;
  say('');
  say(
    `With --monitor / without (means of ${TURNS} turns each): requests/s **${(mean(on, rps) / mean(off, rps)).toFixed(3)}**, server CPU per request **${(mean(on, cpu) / mean(off, cpu)).toFixed(3)}**; with /metrics scraped every second: requests/s ${(mean(scraped, rps) / mean(off, rps)).toFixed(3)}, CPU per request ${(mean(scraped, cpu) / mean(off, cpu)).toFixed(3)}.`,
  );
  const local = await inProcess(models, body);
  say('');
  say(
    `In one process (no HTTP), CPU per one-row request (parse, predict, add to the window), 8 alternating blocks of 20,000 each: without the window ${local.off.toFixed(1)} µs, with it ${local.on.toFixed(1)} µs, ratio **${(local.on / local.off).toFixed(3)}**. One report of a full window (1,000 rows × ${local.columns} columns): ${local.reportMs.map((v) => `${Math.round(v)}`).join(', ')} ms (made when asked for, at most once a second).`,
  );
}
