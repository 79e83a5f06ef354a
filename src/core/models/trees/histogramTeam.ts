import { KernelArena, aligned, kernelsAvailable } from '../../kernels/kernels';
import type { BinnedFeatures } from './binning';
import { HIST_BINS, type Split, partition } from './split';

/**
 * Boosting's histograms, built fast and by two threads. A node's features are cut in two ranges
 * and each thread fills its range of the node's histogram, over all the node's rows: every bin then
 * sums the same rows in the same order whoever fills it, so one thread or two give the same sums
 * bit for bit (and the same trees), and nothing is added up afterwards. The same thread then takes
 * its range of the smaller child from the parent's histogram (histogram subtraction). With a
 * helper, the helper fills the first range while the caller fills the second; they meet through
 * shared memory and Atomics.wait / notify, which costs microseconds rather than the fraction of a
 * millisecond a message would (both sides run where blocking waits are allowed: worker threads,
 * Node's main thread, a page's workers). Where WebAssembly runs, the rows, their statistics and
 * scores, and a pool of the trees' histograms live in one WebAssembly memory: the `hist3` kernel
 * fills them in place (about 4× the speed of the same loop in JavaScript, with the same sums),
 * `subtract` takes the smaller child from its parent, `partition` splits a node's rows and
 * `boostScores` adds a leaf's value to its rows' scores and writes their next gradients, all
 * without copies between JavaScript and the kernels.
 */

/** Below this many rows a node's histogram is filled by the caller alone (a hand-over would not pay). */
export const TEAM_MIN_ROWS = 4096;

/** Byte offsets of the team's arrays in its WebAssembly memory. */
interface TeamLayout {
  readonly rowBins: number;
  readonly bins: number;
  readonly scratch: number;
  readonly gh: number;
  readonly order: number;
  readonly features: number;
  readonly scores: number;
  readonly y: number;
  readonly callerHist: number;
  readonly pool: number;
}

/** What the caller and its helper share: the rows, their statistics, and a little control block. */
export interface TeamMemory {
  readonly n: number;
  readonly d: number;
  /** The WebAssembly memory all arrays below are views of, and where each starts; null without kernels. */
  readonly wasm: { readonly memory: WebAssembly.Memory; readonly shared: boolean; readonly layout: TeamLayout } | null;
  readonly rowBins: Uint8Array;
  /** The same bins feature-major (as `BinnedFeatures.bins`), which partitioning reads. */
  readonly columnBins: Uint8Array;
  /** (g, h) per row in float32 (as scikit-learn keeps them), written before each tree. */
  readonly gh: Float32Array;
  /** The rows of the tree being grown, partitioned node by node by the caller. */
  readonly order: Int32Array;
  /** The features in use (the first `control[FEATURES]`). */
  readonly features: Int32Array;
  /** One output's raw scores per row (f64) and the labels (f32), for `HistogramTeam.boost`. */
  readonly scores: Float64Array;
  readonly y: Float32Array;
  /** Where the caller fills a histogram that is not one of the pool's, before copying it out. */
  readonly callerHist: Float64Array;
  /**
   * Histograms for the caller to grow trees with, in the same memory, so kernels fill and subtract
   * them in place (with plain typed arrays any histogram will do, and this is empty).
   */
  readonly pool: readonly Float64Array[];
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
/** Byte offset of the histogram the helper fills. */
const TARGET = 7;
/** Byte offset of the histogram it then subtracts that from, or −1. */
const FROM = 8;
/** The helper's features: the first HELPER_FEATURES of the features in use. */
const HELPER_FEATURES = 9;
const CONTROL_SLOTS = 10;

/** How long either side of the team spins, in ms, before it sleeps in Atomics.wait. */
const SPIN_MS = 1;

/** Busy-waits while `pending()` holds, for at most `ms`. */
function spinWhile(pending: () => boolean, ms: number): void {
  const until = performance.now() + ms;
  while (pending() && performance.now() < until) {
    // spinning
  }
}

/** At most this many bytes of a team's memory hold pooled histograms (beyond, trees use plain arrays). */
const POOL_BYTES = 64 * 1024 * 1024;

/** Longest wait for the helper's half, in ms: far beyond any real half, short of hanging forever. */
const HELPER_TIMEOUT_MS = 120_000;

/**
 * Memory for a team over `data`: shared when a helper will use it, in a WebAssembly memory when
 * the kernels run here, plain typed arrays otherwise.
 */
export function teamMemory(data: BinnedFeatures, shared: boolean, poolSize = 0): TeamMemory {
  const { n, d } = data;
  const histBytes = d * HIST_BINS * 3 * 8;
  const control = new Int32Array(shared ? new SharedArrayBuffer(CONTROL_SLOTS * 4) : new ArrayBuffer(CONTROL_SLOTS * 4));
  if (kernelsAvailable(shared)) {
    const pooled = Math.min(poolSize, Math.floor(POOL_BYTES / aligned(histBytes)));
    const arena = new KernelArena(2 * aligned(n * d) + aligned(n * 8) * 2 + 3 * aligned(n * 4) + aligned(d * 4) + (1 + pooled) * aligned(histBytes), shared);
    const layout: TeamLayout = {
      rowBins: arena.alloc(n * d),
      bins: arena.alloc(n * d),
      scratch: arena.alloc(n * 4),
      gh: arena.alloc(n * 8),
      order: arena.alloc(n * 4),
      features: arena.alloc(Math.max(1, d) * 4),
      scores: arena.alloc(n * 8),
      y: arena.alloc(n * 4),
      callerHist: arena.alloc(histBytes),
      pool: arena.alloc(pooled * aligned(histBytes)),
    };
    const buffer = arena.memory.buffer;
    const rowBins = new Uint8Array(buffer, layout.rowBins, n * d);
    rowBins.set(data.rowBins);
    const columnBins = new Uint8Array(buffer, layout.bins, n * d);
    columnBins.set(data.bins);
    return {
      n,
      d,
      wasm: { memory: arena.memory, shared, layout },
      rowBins,
      columnBins,
      gh: new Float32Array(buffer, layout.gh, n * 2),
      order: new Int32Array(buffer, layout.order, n),
      features: new Int32Array(buffer, layout.features, Math.max(1, d)),
      scores: new Float64Array(buffer, layout.scores, n),
      y: new Float32Array(buffer, layout.y, n),
      callerHist: new Float64Array(buffer, layout.callerHist, histBytes / 8),
      pool: Array.from({ length: pooled }, (_, k) => new Float64Array(buffer, layout.pool + k * aligned(histBytes), histBytes / 8)),
      control,
    };
  }
  // Without the kernels the caller works alone: plain arrays.
  return {
    n,
    d,
    wasm: null,
    rowBins: data.rowBins,
    columnBins: data.bins,
    gh: new Float32Array(n * 2),
    order: new Int32Array(n),
    features: new Int32Array(Math.max(1, d)),
    scores: new Float64Array(n),
    y: new Float32Array(n),
    callerHist: new Float64Array(histBytes / 8),
    pool: [],
    control,
  };
}

/** Whether the helper has started serving (it sets READY first). */
export function helperReady(memory: TeamMemory): boolean {
  return Atomics.load(memory.control, READY) === 1;
}

/**
 * Fills features[k0, k1) of the features in use over order[start, end) into `target` (cleared
 * first), then, with `from`, subtracts them from it. With the kernels, both must be views of the
 * team's memory (the caller's histogram or a pooled one).
 */
type PartFiller = (target: Float64Array, from: Float64Array | null, start: number, end: number, k0: number, k1: number) => void;

/** A filler over the team's memory, on this thread (each thread instantiates its own kernels). */
function partFiller(memory: TeamMemory): PartFiller {
  const { d, control } = memory;
  const stride = HIST_BINS * 3;
  if (memory.wasm) {
    const { kernels } = new KernelArena(0, memory.wasm.shared, memory.wasm.memory);
    const { layout } = memory.wasm;
    return (target, from, start, end, k0, k1) => {
      if (k1 <= k0) return;
      const count = control[FEATURES];
      if (count === d) {
        // All features, in order: the range is features k0 … k1 − 1 themselves.
        kernels.hist3(target.byteOffset, layout.rowBins, d, layout.order, start, end, layout.gh, k0, k1);
        if (from) kernels.subtract(from.byteOffset + k0 * stride * 8, target.byteOffset + k0 * stride * 8, (k1 - k0) * stride);
        return;
      }
      kernels.hist3Subset(target.byteOffset, layout.rowBins, d, layout.order, start, end, layout.gh, layout.features + k0 * 4, k1 - k0);
      if (from) for (let k = k0; k < k1; k++) kernels.subtract(from.byteOffset + memory.features[k] * stride * 8, target.byteOffset + memory.features[k] * stride * 8, stride);
    };
  }
  return (target, from, start, end, k0, k1) => {
    const features = memory.features.subarray(k0, k1);
    fillGradientHistogram(target, memory.rowBins, d, features, memory.order, start, end, memory.gh);
    if (from) for (const f of features) for (let i = f * stride, last = (f + 1) * stride; i < last; i++) from[i] -= target[i];
  };
}

/**
 * The JavaScript twin of the `hist3` kernels: adds (1, g, h) of rows order[start, end) into their
 * bins of the listed features, after clearing those features' histograms.
 */
export function fillGradientHistogram(hist: Float64Array, rowBins: Uint8Array, d: number, features: Int32Array, order: Int32Array, start: number, end: number, gh: Float32Array): void {
  const stride = HIST_BINS * 3;
  for (const f of features) hist.fill(0, f * stride, (f + 1) * stride);
  const count = features.length;
  for (let i = start; i < end; i++) {
    const r = order[i];
    const g = gh[r * 2];
    const h = gh[r * 2 + 1];
    const row = r * d;
    for (let k = 0; k < count; k++) {
      const f = features[k];
      const at = f * stride + rowBins[row + f] * 3;
      hist[at] += 1;
      hist[at + 1] += g;
      hist[at + 2] += h;
    }
  }
}

/**
 * The JavaScript twin of the `boostScores` kernel: adds `value` to the scores of rows
 * order[start, end) and writes their (g, h) as `link` says (0 none, 1 squared error, 2 log loss).
 */
export function boostScores(scores: Float64Array, y: Float32Array, order: Int32Array, start: number, end: number, value: number, gh: Float32Array, link: number): void {
  for (let j = start; j < end; j++) {
    const r = order[j];
    const s = scores[r] + value;
    scores[r] = s;
    if (link === 1) {
      gh[r * 2] = s - y[r];
      gh[r * 2 + 1] = 1;
    } else if (link === 2) {
      // q and 1 − q without cancellation, as the kernel takes them (see kernels.wat).
      const e = Math.exp(-Math.abs(s));
      const big = 1 / (1 + e);
      const small = e * big;
      const q = s >= 0 ? big : small;
      const rest = s >= 0 ? small : big;
      gh[r * 2] = y[r] === 1 ? -rest : q - y[r];
      gh[r * 2 + 1] = Math.max(q * rest, 1e-16);
    }
  }
}

/**
 * The helper's side: fills its features of each requested node (and subtracts them, when asked)
 * until told to stop. Runs in a helper thread and blocks it for the length of a training run.
 */
export function serveHistogramHelper(memory: TeamMemory): void {
  const { control } = memory;
  const fill = partFiller(memory);
  const view = (byteOffset: number) => new Float64Array(memory.wasm!.memory.buffer, byteOffset, memory.callerHist.length);
  let seen = Atomics.load(control, REQUEST);
  Atomics.store(control, READY, 1);
  for (;;) {
    if (Atomics.load(control, STOP)) return;
    // Requests come every few hundred microseconds while a tree grows: spin a little before
    // sleeping, since waking a sleeping thread can take longer than the part it would fill.
    spinWhile(() => Atomics.load(control, REQUEST) === seen, SPIN_MS);
    Atomics.wait(control, REQUEST, seen);
    seen = Atomics.load(control, REQUEST);
    if (Atomics.load(control, STOP)) return;
    const from = control[FROM];
    fill(view(control[TARGET]), from >= 0 ? view(from) : null, control[START], control[END], 0, control[HELPER_FEATURES]);
    Atomics.store(control, DONE, seen);
    Atomics.notify(control, DONE);
  }
}

/**
 * Whether asking the helper pays, measured as training goes: the time each tree takes to grow with
 * and without it (a whole tree, so everything the helper changes counts: its halves, the hand-overs,
 * the gradients' cache lines moving between cores), as moving averages. Each way is tried a few
 * trees first and now and then after, and otherwise the faster is taken. In Node the helper saves
 * about a fifth of the growing; on a page, where the main thread draws the live chart as training
 * goes, three busy threads share two cores and the helper's half can arrive late enough to lose.
 * The trees are the same either way.
 */
export class HelperChoice {
  /** Moving averages of ms per row: [alone, helped]. */
  private readonly perRow = [0, 0];
  private readonly samples = [0, 0];
  private fills = 0;

  useHelper(): boolean {
    this.fills++;
    if (this.samples[0] < TRIALS || this.samples[1] < TRIALS) return this.samples[1] <= this.samples[0];
    const faster = this.perRow[1] < this.perRow[0];
    return this.fills % RETRY_EVERY === 0 ? !faster : faster;
  }

  record(helped: boolean, rows: number, ms: number): void {
    const i = helped ? 1 : 0;
    const v = ms / rows;
    this.perRow[i] = this.samples[i] === 0 ? v : 0.8 * this.perRow[i] + 0.2 * v;
    this.samples[i]++;
  }
}

/** Trees each way before settling on one; then every this many trees the other is tried again. */
const TRIALS = 3;
const RETRY_EVERY = 16;

/**
 * The caller's side: fills a node's histogram over order[start, end) (of `memory.order`), its
 * features split with the helper as described above when there is one, and keeps the scores.
 */
export class HistogramTeam {
  private readonly fillPart: PartFiller;
  /** This thread's kernels over the team's memory (partitioning, scores), when it is WebAssembly's. */
  private readonly arena: KernelArena | null;
  private readonly pooled: Set<Float64Array>;
  /** Whether fills ask the helper now (the caller decides tree by tree, see HelperChoice). */
  private helping: boolean;

  constructor(
    private readonly memory: TeamMemory,
    private readonly helped: boolean,
  ) {
    this.fillPart = partFiller(memory);
    this.arena = memory.wasm ? new KernelArena(0, memory.wasm.shared, memory.wasm.memory) : null;
    this.pooled = new Set(memory.pool);
    this.helping = helped;
  }

  /** Whether the team has a helper at all. */
  get canHelp(): boolean {
    return this.helped;
  }

  /** Asks the helper for the large fills that follow (or not); no effect without one. */
  setHelping(on: boolean): void {
    this.helping = on && this.helped;
  }

  /** Sets the features of the next tree's histograms. */
  useFeatures(features: Int32Array): void {
    this.memory.features.set(features);
    Atomics.store(this.memory.control, FEATURES, features.length);
  }

  /**
   * Fills `hist` over order[start, end) for the features in use, and then, given `from`, takes it
   * from `from` bin by bin (histogram subtraction: the larger child is the parent less the
   * smaller). In place when `hist` is one of the team's pooled histograms (or the team runs
   * without kernels), through the caller's histogram otherwise.
   */
  fill(hist: Float64Array, start: number, end: number, from: Float64Array | null = null): void {
    const { memory } = this;
    const { control } = memory;
    const count = control[FEATURES];
    const direct = !memory.wasm || this.pooled.has(hist);
    const inPlace = direct && (from === null || !memory.wasm || this.pooled.has(from));
    if (!inPlace) {
      this.fillPart(memory.callerHist, null, start, end, 0, count);
      const stride = HIST_BINS * 3;
      for (const f of memory.features.subarray(0, count)) {
        const own = memory.callerHist.subarray(f * stride, (f + 1) * stride);
        hist.set(own, f * stride);
        if (from) for (let i = 0, at = f * stride; i < stride; i++, at++) from[at] -= own[i];
      }
      return;
    }
    if (!this.helping || end - start < TEAM_MIN_ROWS || count < 2) {
      this.fillPart(hist, from, start, end, 0, count);
      return;
    }
    // The helper takes the first features (it starts a little later), the caller the rest.
    const split = (count + 1) >> 1;
    control[START] = start;
    control[END] = end;
    control[TARGET] = hist.byteOffset;
    control[FROM] = from ? from.byteOffset : -1;
    control[HELPER_FEATURES] = split;
    const request = Atomics.add(control, REQUEST, 1) + 1;
    Atomics.notify(control, REQUEST);
    this.fillPart(hist, from, start, end, split, count);
    spinWhile(() => Atomics.load(control, DONE) !== request, SPIN_MS);
    for (let done = Atomics.load(control, DONE); done !== request; done = Atomics.load(control, DONE)) {
      if (Atomics.wait(control, DONE, done, HELPER_TIMEOUT_MS) === 'timed-out') throw new Error('the histogram helper thread stopped answering');
    }
  }

  /**
   * Adds `value` to the scores (`memory.scores`) of rows order[start, end) and writes their (g, h)
   * into `memory.gh` as `link` says: 0 none, 1 squared error, 2 log loss. The `boostScores` kernel
   * where the team's memory is WebAssembly's.
   */
  boost(start: number, end: number, value: number, link: 0 | 1 | 2): void {
    const { memory } = this;
    if (!memory.wasm) return boostScores(memory.scores, memory.y, memory.order, start, end, value, memory.gh, link);
    const { layout } = memory.wasm;
    this.arena!.kernels.boostScores(layout.scores, layout.y, layout.order, start, end, value, layout.gh, link);
  }

  /**
   * Splits rows order[start, end) of `memory.order` in place, stably, left rows first; returns where
   * the right ones start. The `partition` kernel where the team's memory is WebAssembly's.
   */
  partition(data: BinnedFeatures, start: number, end: number, split: Split): number {
    const { wasm, order } = this.memory;
    if (!wasm) return partition(data, order, start, end, split);
    const { layout } = wasm;
    return this.arena!.kernels.partition(layout.bins + split.feature * data.n, layout.order, start, end, layout.scratch, split.bin, split.missingLeft ? 1 : 0);
  }

  /** Lets the helper return. */
  stop(): void {
    Atomics.store(this.memory.control, STOP, 1);
    Atomics.add(this.memory.control, REQUEST, 1);
    Atomics.notify(this.memory.control, REQUEST);
  }
}
