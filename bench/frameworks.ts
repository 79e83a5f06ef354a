/**
 * `npm run bench -- frameworks`: the measurement behind `sapling serve`'s HTTP framework (issue 13:
 * "a well-kept HTTP framework, chosen by measurement"). The same predict handler and model on plain
 * node:http, fastify and hono (@hono/node-server), under the serve benchmark's load, one server at
 * a time, taken in turns over several rounds so that a slow spell of the shared machine does not
 * fall on one framework alone; the median of the rounds.
 */
import { join } from 'node:path';
import { classificationCsv } from './data';
import { CONNECTIONS, type LoadResult, SECONDS, freePort, loadRun, startServer } from './load';
import { oneRowBody, saplingModelDir } from './serve';

const FRAMEWORKS = ['node', 'fastify', 'hono'] as const;
const LABELS: Record<(typeof FRAMEWORKS)[number], string> = { node: 'node:http (hand-written routing and body reading)', fastify: 'fastify', hono: 'hono + @hono/node-server' };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `--rounds N` from the command line (default 3). */
function rounds(): number {
  const i = process.argv.indexOf('--rounds');
  return i >= 0 ? Math.max(1, Number(process.argv[i + 1])) : 3;
}

/** The section: a table of requests/s and p99 per framework, relative to node:http. */
export async function frameworksSection(say: (line: string) => void): Promise<void> {
  const train = classificationCsv(20_000, 20);
  const model = join(saplingModelDir(train), 'gb.json');
  const row = oneRowBody(train);
  const runs = new Map<string, LoadResult[]>(FRAMEWORKS.map((f) => [f, []]));
  const n = rounds();
  for (let round = 0; round < n; round++) {
    for (const framework of FRAMEWORKS) {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const server = await startServer([process.execPath, '--import', 'tsx', join(import.meta.dirname, 'frameworkServer.ts'), framework, model, String(port)], `${base}/v2/health/ready`);
      try {
        runs.get(framework)!.push(await loadRun(server, `${base}/v1/models/m:predict`, row));
      } finally {
        await server.stop();
      }
    }
  }
  say(`The same predict handler (prediction runtime, 100-round boosting model, one-row JSON body) on three HTTP stacks; ${CONNECTIONS} connections, ${SECONDS} s each after a 2 s warm-up, ${n} rounds taken in turns, medians:`);
  say('');
  say('| framework | requests/s | rounds\' range | p99 | vs node:http | failed |');
  say('| --- | --- | --- | --- | --- | --- |');
  const base = median(runs.get('node')!.map((r) => r.requestsPerSecond));
  for (const framework of FRAMEWORKS) {
    const results = runs.get(framework)!;
    const rps = median(results.map((r) => r.requestsPerSecond));
    const failed = results.reduce((a, r) => a + r.failed, 0);
    // The spread of the rounds shows how much of a difference between frameworks is the machine's noise.
    const range = `${Math.round(Math.min(...results.map((r) => r.requestsPerSecond)))}–${Math.round(Math.max(...results.map((r) => r.requestsPerSecond)))}`;
    say(`| ${LABELS[framework]} | ${Math.round(rps)} | ${range} | ${median(results.map((r) => r.p99Ms)).toFixed(1)} ms | ${(rps / base).toFixed(2)}× | ${failed} |`);
  }
}
