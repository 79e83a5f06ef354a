/**
 * Load runs for the serving benchmarks (`npm run bench -- serve` and `-- frameworks`): start one
 * server process, wait until it answers, drive it with autocannon, stop it. One server at a time:
 * the machine has two cores, one for the server and one for autocannon.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

/** The load: one-row requests from 32 concurrent connections for 10 s. */
export const CONNECTIONS = 32;
export const SECONDS = 10;

/** What one load run measured. */
export interface LoadResult {
  /** Mean requests a second (autocannon's per-second samples). */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses that were not 2xx, plus connection errors and timeouts: must be 0 for a fair figure. */
  readonly failed: number;
  /** Peak resident memory of the server process (VmHWM), MB; null where /proc is absent. */
  readonly peakMb: number | null;
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A server started by `startServer`; `stop` ends it and waits for it. */
export interface RunningServer {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `command` and waits (up to `timeoutMs`) until GET `readyUrl` answers 200. */
export async function startServer(command: readonly string[], readyUrl: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}: ${stderr}`);
    if (await fetch(readyUrl).then((r) => r.status === 200, () => false)) return { process: child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command.join(' ')} did not answer ${readyUrl} within ${timeoutMs / 1000} s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Peak resident memory of a process in MB, from /proc (Linux). */
function peakMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * POSTs `body` as JSON to `url` from CONNECTIONS connections for `seconds`, after a 2 s warm-up
 * run whose figures are dropped (JIT, connection set-up, the first allocations).
 */
export async function loadRun(server: RunningServer, url: string, body: string, seconds = SECONDS): Promise<LoadResult> {
  const options = { url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS };
  await autocannon({ ...options, duration: 2 });
  const r = await autocannon({ ...options, duration: seconds });
  return {
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    failed: r.non2xx + r.errors + r.timeouts,
    peakMb: peakMb(server.process.pid),
  };
}
