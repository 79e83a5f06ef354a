import type { BinnedFeatures } from './binning';
import { HIST_BINS, fillHistogram3 } from './split';

/**
 * Boosting's histograms built by two threads. A node's rows are cut in two halves, each filled into
 * its own histogram and then added, always, so one thread or two give the same sums (and the same
 * trees). With a helper, the helper fills the first half while the caller fills the second. They
 * meet through shared memory and Atomics.wait / notify, which costs microseconds rather than the
 * fraction of a millisecond a message would; both sides run where blocking waits are allowed
 * (worker threads, Node's main thread, a page's workers).
 */

/** Below this many rows a node's histogram is filled in one piece (halves would not pay). */
export const TEAM_MIN_ROWS = 4096;

/** What the caller and its helper share: the rows, their statistics, and a little control block. */
export interface TeamMemory {
  readonly rowBins: Uint8Array;
  readonly n: number;
  readonly d: number;
  /** (count, g, h) per row, written by the caller before each tree. */
  readonly stats: Float64Array;
  /** The rows of the tree being grown, partitioned node by node by the caller. */
  readonly order: Int32Array;
  /** The features in use (the first `control[FEATURES]`). */
  readonly features: Int32Array;
  /** The helper's half: d × 256 × 3. */
  readonly helperHist: Float64Array;
  readonly control: Int32Array;
}

// Slots of the control block.
const REQUEST = 0;
const DONE = 1;
const START = 2;
const END = 3;
const FEATURES = 4;
const STOP = 5;
const READY = 6;

/** Longest wait for the helper's half, in ms: far beyond any real half, short of hanging forever. */
const HELPER_TIMEOUT_MS = 120_000;

/** Memory for a team over `data`: shared when a helper will use it, plain otherwise. */
export function teamMemory(data: BinnedFeatures, shared: boolean): TeamMemory {
  const { n, d } = data;
  const bytes = (size: number) => (shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  const rowBins = shared ? new Uint8Array(bytes(n * d)) : data.rowBins;
  if (shared) rowBins.set(data.rowBins);
  return {
    rowBins,
    n,
    d,
    stats: new Float64Array(bytes(n * 3 * 8)),
    order: new Int32Array(bytes(n * 4)),
    features: new Int32Array(bytes(Math.max(1, d) * 4)),
    helperHist: new Float64Array(bytes(d * HIST_BINS * 3 * 8)),
    control: new Int32Array(bytes(8 * 4)),
  };
}

/** Whether the helper has started serving (it sets READY first). */
export function helperReady(memory: TeamMemory): boolean {
  return Atomics.load(memory.control, READY) === 1;
}

/**
 * The helper's side: fills the first half of each requested node until told to stop. Runs in a
 * helper thread and blocks it for the length of a training run.
 */
export function serveHistogramHelper(memory: TeamMemory): void {
  const { control } = memory;
  const data = { rowBins: memory.rowBins, d: memory.d } as BinnedFeatures;
  let seen = Atomics.load(control, REQUEST);
  Atomics.store(control, READY, 1);
  for (;;) {
    if (Atomics.load(control, STOP)) return;
    Atomics.wait(control, REQUEST, seen);
    seen = Atomics.load(control, REQUEST);
    if (Atomics.load(control, STOP)) return;
    const features = memory.features.subarray(0, control[FEATURES]);
    fillHistogram3(memory.helperHist, data, features, memory.order, control[START], control[END], memory.stats);
    Atomics.store(control, DONE, seen);
    Atomics.notify(control, DONE);
  }
}

/**
 * The caller's side: fills a node's histogram over order[start, end) (of `memory.order`), in halves
 * as described above, with the helper when there is one.
 */
export class HistogramTeam {
  private readonly half: Float64Array;

  constructor(
    private readonly memory: TeamMemory,
    private readonly data: BinnedFeatures,
    private readonly helped: boolean,
  ) {
    this.half = helped ? memory.helperHist : new Float64Array(memory.d * HIST_BINS * 3);
  }

  /** Sets the features of the next tree's histograms. */
  useFeatures(features: Int32Array): void {
    this.memory.features.set(features);
    Atomics.store(this.memory.control, FEATURES, features.length);
  }

  fill(hist: Float64Array, start: number, end: number): void {
    const { memory, data } = this;
    const features = memory.features.subarray(0, memory.control[FEATURES]);
    if (end - start < TEAM_MIN_ROWS) {
      fillHistogram3(hist, data, features, memory.order, start, end, memory.stats);
      return;
    }
    const mid = start + ((end - start) >> 1);
    const { control } = memory;
    let request = 0;
    if (this.helped) {
      control[START] = start;
      control[END] = mid;
      request = Atomics.add(control, REQUEST, 1) + 1;
      Atomics.notify(control, REQUEST);
    } else {
      fillHistogram3(this.half, data, features, memory.order, start, mid, memory.stats);
    }
    fillHistogram3(hist, data, features, memory.order, mid, end, memory.stats);
    if (this.helped) {
      for (let done = Atomics.load(control, DONE); done !== request; done = Atomics.load(control, DONE)) {
        if (Atomics.wait(control, DONE, done, HELPER_TIMEOUT_MS) === 'timed-out') throw new Error('the histogram helper thread stopped answering');
      }
    }
    const stride = HIST_BINS * 3;
    for (const f of features) {
      for (let i = f * stride, last = (f + 1) * stride; i < last; i++) hist[i] += this.half[i];
    }
  }

  /** Lets the helper return. */
  stop(): void {
    Atomics.store(this.memory.control, STOP, 1);
    Atomics.add(this.memory.control, REQUEST, 1);
    Atomics.notify(this.memory.control, REQUEST);
  }
}
