/**
 * Worker threads that run fuzz cases with a per-case time limit: a worker that does not answer in
 * time is terminated, the case counted as a hang, and a fresh worker takes its place; a worker
 * that dies (out of memory, a native abort) counts its case as a crash and is replaced too.
 */
import { Worker } from 'node:worker_threads';
import type { FuzzBases } from '../../src/core/testing/fuzz/bases';
import type { Outcome } from '../../src/core/testing/fuzz/outcome';

const BOOT = new URL('./boot.mjs', import.meta.url);
const SCRIPT = new URL('./worker.ts', import.meta.url).href;

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** The case it is running: how to settle it. */
  busy: ((o: Outcome) => void) | null;
}

/** A pool of `size` fuzz workers over the same base files. */
export class FuzzPool {
  private readonly slots: Slot[] = [];
  private readonly free: Slot[] = [];
  private readonly waiting: ((s: Slot) => void)[] = [];
  /** Workers started, including replacements. */
  started = 0;
  /** Set when workers keep dying before they are ready (a broken build): nothing more is run. */
  private broken: string | null = null;
  private bootFailures = 0;

  constructor(
    size: number,
    private readonly bases: FuzzBases,
    private readonly maxField: number,
    private readonly timeoutMs: number,
    private readonly memoryMb: number,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    this.started++;
    const worker = new Worker(BOOT, {
      workerData: { script: SCRIPT, bases: this.bases, maxField: this.maxField },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
      stdout: true,
      stderr: true,
    });
    // TF.js and the models may print; the report is the table.
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: Promise.resolve(), busy: null };
    slot.ready = new Promise((resolve, reject) => {
      const first = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        worker.off('message', first);
        resolve();
      };
      worker.on('message', first);
      worker.once('error', reject);
    });
    worker.on('message', (m: { index?: number; outcome?: Outcome }) => {
      if (!m.outcome || !slot.busy) return;
      const settle = slot.busy;
      slot.busy = null;
      settle(m.outcome);
    });
    let readied = false;
    const died = (why: string) => {
      if (!this.slots.includes(slot)) return;
      if (!readied && ++this.bootFailures >= 3) {
        this.broken = `fuzz workers die before they are ready: ${why}`;
        this.slots.splice(this.slots.indexOf(slot), 1);
        for (const w of this.waiting.splice(0)) w(slot);
        return;
      }
      this.retire(slot);
      const settle = slot.busy;
      slot.busy = null;
      settle?.({ verdict: 'crash', error: `worker died: ${why}`, site: 'the worker thread', ms: 0 });
    };
    worker.on('error', (e) => died(`${e.name}: ${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.slice(0, 300)));
    worker.on('exit', (code) => died(`exit code ${code}`));
    this.slots.push(slot);
    slot.ready.then(
      () => {
        readied = true;
        this.release(slot);
      },
      () => undefined,
    );
  }

  /** Takes a worker out (it is terminated) and starts another in its place. */
  private retire(slot: Slot): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    const i = this.free.indexOf(slot);
    if (i >= 0) this.free.splice(i, 1);
    void slot.worker.terminate();
    this.spawn();
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }

  private acquire(): Promise<Slot> {
    const slot = this.free.shift();
    return slot ? Promise.resolve(slot) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Runs one case of `kind` on the next free worker; a hang when it does not answer within the limit. */
  async run(kind: string, index: number, payload: unknown): Promise<Outcome> {
    const slot = await this.acquire();
    if (this.broken) throw new Error(this.broken);
    const t0 = performance.now();
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        if (!slot.busy) return;
        slot.busy = null;
        this.retire(slot);
        resolve({ verdict: 'hang', ms: performance.now() - t0 });
      }, this.timeoutMs);
      slot.busy = (o) => {
        clearTimeout(timer);
        resolve(o);
        this.release(slot);
      };
      slot.worker.postMessage({ kind, index, payload });
    });
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
