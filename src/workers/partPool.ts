import { type Remote, wrap } from 'comlink';
import type { ParallelHost } from '../core/ingest/parallel';
import type { ProfileHost } from '../core/profile/profile';
import type { TrainHost } from '../core/models/definition';
import type { ForestChunk } from '../core/models/trees/forestChunk';
import type { DenseTeamMemory } from '../core/models/mlp/dense/team';
import type { TeamMemory } from '../core/models/trees/histogramTeam';
import type { TrialHost } from '../core/tune/trialProtocol';
import type { PartWorkerApi } from './part.worker';

/**
 * The engine's helper workers, one per core, started on first use. They need shared memory, so
 * without cross-origin isolation there are none and the engine reads with its own thread.
 */
export class PartPool implements ProfileHost, TrainHost {
  readonly workers: number;
  /**
   * Tuning trials side by side, one per worker, when there are two or more. The workers do not load
   * TF.js, so the network families are tuned on the engine's own thread.
   */
  readonly trials?: TrialHost;
  private readonly remotes: Remote<PartWorkerApi>[] = [];
  private next = 0;

  constructor() {
    const isolated = typeof SharedArrayBuffer !== 'undefined' && self.crossOriginIsolated;
    this.workers = isolated ? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1)) : 1;
    if (this.workers > 1) {
      this.trials = { workers: this.workers, tfjs: false, run: (worker, request) => this.remote(worker).runTrial(request), end: (worker, search) => this.remote(worker).endTrials(search) };
    }
  }

  /** Worker `at`, or the next in turn; started on first use. */
  private remote(at?: number): Remote<PartWorkerApi> {
    while (at !== undefined && this.remotes.length <= at) this.remote();
    if (at !== undefined) return this.remotes[at];
    if (this.remotes.length < this.workers) {
      const worker = new Worker(new URL('./part.worker.ts', import.meta.url), { type: 'module', name: `sapling-part-${this.remotes.length + 1}` });
      this.remotes.push(wrap<PartWorkerApi>(worker));
      return this.remotes[this.remotes.length - 1];
    }
    return this.remotes[this.next++ % this.remotes.length];
  }

  /** A host that reads `file` in parts. */
  reader(file: Blob): ParallelHost {
    return { workers: this.workers, run: (task) => this.remote().parsePart(file, task) };
  }

  growForestChunk(chunk: ForestChunk) {
    return this.remote().growForestChunk(chunk);
  }

  serveHistograms(memory: TeamMemory) {
    return this.remote().serveHistograms(memory);
  }

  serveDense(memory: DenseTeamMemory) {
    return this.remote().serveDense(memory);
  }

  run(columns: readonly Parameters<PartWorkerApi['profileColumns']>[0][number][], rows: number) {
    return this.remote().profileColumns([...columns], rows);
  }
}
