import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { type ParallelHost, type PartResult, type PartTask, parsePart } from '../core/ingest/parallel';
import { type ColumnProfile, type ProfileHost, profileColumns } from '../core/profile/profile';
import type { Column } from '../core/table/column';
import { type DataTable, getColumn } from '../core/table/DataTable';
import { type SketchHost, inputSketches } from '../core/monitor/reference';
import type { Sketch } from '../core/monitor/types';
import type { InputColumn } from '../core/prep/pipeline';
import { keyed } from '../core/util/keyed';
import type { TrainHost } from '../core/models/definition';
import { type ForestChunk, type ForestChunkResult, growForestChunk } from '../core/models/trees/forestChunk';
import { type DenseTeamMemory, serveDenseHelper } from '../core/models/mlp/dense/team';
import { type TeamMemory, serveHistogramHelper } from '../core/models/trees/histogramTeam';
import { TrialServer } from '../core/tune/trialHost';
import type { TrialHost, TrialOutcome, TrialRequest } from '../core/tune/trialProtocol';
import { PARALLEL_MIN_BYTES } from '../core/ingest/reader';
import { fileSource } from './io';

/**
 * Files from this size are read in parts once the threads are running: a part then costs a message
 * and a share of the merge (a 6.8 MB test file: ~0.25 s on the main thread alone).
 */
const WARM_MIN_BYTES = 4 << 20;

/** Messages to a CLI worker thread: parse a byte range of a file, profile some columns, grow trees, score tuning trials. */
type JobBody =
  | { kind: 'part'; path: string; task: PartTask }
  | { kind: 'profile'; columns: Column[]; rows: number }
  | { kind: 'forest'; chunk: ForestChunk }
  | { kind: 'histograms'; memory: TeamMemory }
  | { kind: 'dense'; memory: DenseTeamMemory }
  | { kind: 'trial'; request: TrialRequest }
  | { kind: 'trials-end'; search: number }
  | { kind: 'sketch'; columns: Column[]; rows: number; schema: InputColumn[] };
type Job = JobBody & { id: number };
type Reply = { id: number; result?: PartResult | ColumnProfile[] | ForestChunkResult | TrialOutcome | Sketch[]; error?: string };

/** Worker threads for reading, profiling and training: one per core, the main thread included. */
export class WorkerPool implements ProfileHost, TrainHost, SketchHost {
  readonly workers: number;
  /**
   * Tuning trials side by side, one per thread. Not the TF.js families: a thread would start TF.js
   * for them (about a second), which their short trials do not pay back (measured: logistic, 20
   * trials on 5,000 rows, ran slower on two threads than on one).
   */
  readonly trials: TrialHost;
  /** SAPLING_DENSE_SPLIT=always|never overrides the dense trainer's measured choice (for benchmarks and tests). */
  readonly denseSplit: 'measured' | 'always' | 'never';
  private readonly threads: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private nextThread = 0;

  /** `script` is the CLI's entry module: the same file runs as the worker threads. */
  constructor(private readonly script: URL) {
    // SAPLING_THREADS caps the helper threads (1 = do everything on the main thread).
    const cap = Number(process.env.SAPLING_THREADS);
    this.workers = Math.max(1, Number.isInteger(cap) && cap > 0 ? Math.min(cap, availableParallelism()) : availableParallelism());
    const split = process.env.SAPLING_DENSE_SPLIT;
    this.denseSplit = split === 'always' || split === 'never' ? split : 'measured';
    this.trials = {
      workers: this.workers,
      tfjs: false,
      run: (thread, request) => this.send<TrialOutcome>({ kind: 'trial', request }, thread),
      end: (thread, search) => this.send<void>({ kind: 'trials-end', search }, thread),
    };
  }

  private thread(at?: number): Worker {
    while (at !== undefined && this.threads.length <= at) this.thread();
    if (at !== undefined) return this.threads[at];
    if (this.threads.length < this.workers) {
      const w = new Worker(this.script);
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      });
      w.on('error', (e) => this.pending.forEach((p) => p.reject(e)));
      this.threads.push(w);
      return w;
    }
    return this.threads[this.nextThread++ % this.threads.length];
  }

  /** Posts a job to thread `at`, or to the next thread in turn. */
  private send<T>(job: JobBody, at?: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.thread(at).postMessage({ ...job, id });
    });
  }

  /**
   * A host for reading the file at `path` in parts. A file large enough to be read in parts starts
   * every thread at once: each loads this module (~0.2 s) while the main thread reads the file's
   * head and plans the read, instead of after, with the main thread waiting.
   */
  reader(path: string): ParallelHost {
    // Threads already running (a second file, as train's --test) cost nothing to start: smaller files go in parts too.
    const warm = this.threads.length === this.workers;
    if (this.workers > 1 && !warm && sizeOf(path) >= PARALLEL_MIN_BYTES) this.thread(this.workers - 1);
    return { workers: this.workers, ...(warm ? { minBytes: WARM_MIN_BYTES } : {}), run: (task) => this.send<PartResult>({ kind: 'part', path, task }) };
  }

  run(columns: readonly Column[], rows: number): Promise<ColumnProfile[]> {
    return this.send<ColumnProfile[]>({ kind: 'profile', columns: [...columns], rows });
  }

  growForestChunk(chunk: ForestChunk): Promise<ForestChunkResult> {
    return this.send<ForestChunkResult>({ kind: 'forest', chunk });
  }

  serveHistograms(memory: TeamMemory): Promise<void> {
    return this.send<void>({ kind: 'histograms', memory });
  }

  serveDense(memory: DenseTeamMemory): Promise<void> {
    return this.send<void>({ kind: 'dense', memory });
  }

  inputSketches(inputs: DataTable, inputSchema: readonly InputColumn[]): Promise<Sketch[]> {
    // Only the columns sketched travel (copied: the caller keeps its table). A copied object gets
    // a prototype: category counts are keyed again, as `categoricalSketch` keys them (no prototype).
    const columns = inputSchema.map(({ name }) => getColumn(inputs, name));
    return this.send<Sketch[]>({ kind: 'sketch', columns, rows: inputs.rowCount, schema: [...inputSchema] }).then((sketches) =>
      sketches.map((s) => (s.kind === 'categorical' ? { ...s, categories: keyed(Object.entries(s.categories)) } : s)),
    );
  }

  /** Stops the threads; the CLI calls this when its command is done (they keep the process alive). */
  close(): void {
    for (const t of this.threads) void t.terminate();
  }
}

/** The size of the file at `path`, 0 when it cannot be read (the reader then says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const trialServer = new TrialServer();

/** Serves jobs when this module runs as a worker thread; returns false on the main thread. */
export function serveIfWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const port = parentPort;
  port.on('message', async (job: Job) => {
    try {
      if (job.kind === 'trial' || job.kind === 'trials-end') {
        const result = job.kind === 'trial' ? await trialServer.run(job.request) : trialServer.end(job.search);
        port.postMessage({ id: job.id, ...(result ? { result } : {}) } satisfies Reply);
        return;
      }
      if (job.kind === 'histograms' || job.kind === 'dense') {
        if (job.kind === 'histograms') serveHistogramHelper(job.memory);
        else serveDenseHelper(job.memory);
        port.postMessage({ id: job.id } satisfies Reply);
        return;
      }
      if (job.kind === 'sketch') {
        port.postMessage({ id: job.id, result: inputSketches({ rowCount: job.rows, columns: job.columns }, job.schema) } satisfies Reply);
        return;
      }
      const result = job.kind === 'part' ? await parsePart(fileSource(job.path), job.task) : job.kind === 'profile' ? profileColumns(job.columns, job.rows) : growForestChunk(job.chunk);
      const transfer = job.kind === 'forest' ? [(result as ForestChunkResult).oobSum.buffer, (result as ForestChunkResult).oobCount.buffer] : [];
      port.postMessage({ id: job.id, result } satisfies Reply, transfer as ArrayBuffer[]);
    } catch (e) {
      port.postMessage({ id: job.id, error: (e as Error).message } satisfies Reply);
    }
  });
  return true;
}
