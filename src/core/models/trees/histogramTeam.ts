import { awaitChange, awaitValue } from '../../util/shared';
import { KernelArena } from '../../kernels/kernels';
import type { BinnedFeatures } from './binning';
import { HIST_BINS, type Split, type SplitLimits, bestBoostingSplit, betterSplit, partition, searchCut } from './split';
import { boostScores, fillGradientHistogram } from './teamTwins';
import {
  BASE,
  COMPLETED,
  END,
  FEATURES,
  FILL,
  FROM,
  LIMIT,
  NODE_A,
  NODE_B,
  READY,
  ROW_LEAVES,
  SEARCH_FROM,
  SEARCH_TARGET,
  SLOT,
  START,
  STOP,
  TARGET,
  TASKS,
  TICKET,
  type TeamMemory,
  WAKE,
} from './teamMemory';
export { type TeamMemory, helperReady, teamMemory } from './teamMemory';

/**
 * Boosting's histograms and split search, done fast and by two threads. A node's features are cut
 * in two parts (`searchCut`), and each part is a piece of work: fill those features' histograms
 * over all the node's rows, take them from the parent's (histogram subtraction: the larger child is
 * the parent less the smaller), and find the best split of both children among those features.
 * Every bin sums the same rows in the same order whoever fills it, and each part's best split is
 * merged in part order (`betterSplit`), so one thread or two give the same trees bit for bit, and
 * nothing is added up afterwards.
 *
 * With a helper the caller publishes a node's work and both threads claim its parts, first come
 * first served (an atomic ticket each): a helper that is asleep or descheduled when the work comes
 * does not hold the caller up, who then does both parts itself. They meet through shared memory and
 * Atomics.wait / notify, which costs microseconds rather than the fraction of a millisecond a
 * message would (both sides run where blocking waits are allowed: worker threads, Node's main
 * thread, a page's workers). Where WebAssembly runs, the rows, their statistics and scores, and a
 * pool of the trees' histograms live in one WebAssembly memory: the `hist3` kernel fills them in
 * place (about 4× the speed of the same loop in JavaScript, with the same sums), `subtract` takes
 * the smaller child from its parent, `bestSplit` scans the bins, `partition` splits a node's rows
 * and `boostRows` (or, leaf by leaf, `boostScores`) adds a tree's leaf values to its rows' scores
 * and writes their next gradients, all without copies between JavaScript and the kernels.
 */

/** Below this many rows a node's histogram is filled by the caller alone (a hand-over would not pay). */
export const TEAM_MIN_ROWS = 4096;

/**
 * Does part `part` (0 or 1) of the work published in the control block, with this thread's kernels
 * over the team's memory (each thread instantiates its own): fills the part's features of the
 * target over order[START, END) and takes them from FROM, then searches them in either node.
 */
type PartWorker = (part: number) => void;

/** A part worker over the team's WebAssembly memory, on this thread. */
function partWorker(memory: TeamMemory): PartWorker {
  const { d, control } = memory;
  const { kernels } = new KernelArena(0, memory.wasm!.shared, memory.wasm!.memory);
  const { layout } = memory.wasm!;
  const stride = HIST_BINS * 3;
  return (part) => {
    const count = control[FEATURES];
    const cut = searchCut(count);
    const k0 = part === 0 ? 0 : cut;
    const k1 = part === 0 ? cut : count;
    if (k1 <= k0) return;
    const tasks = control[TASKS];
    const target = control[TARGET];
    const from = control[FROM];
    const all = count === d ? 1 : 0;
    if (tasks & FILL) fillKernel(kernels, memory, target, from, control[START], control[END], k0, k1, all, stride);
    const out = layout.candidates + part * 2 * SLOT;
    if (tasks & SEARCH_TARGET) kernels.bestSplit(target, layout.nBins, layout.features, all, k0, k1, layout.search + NODE_A * 8, layout.search, out);
    if (tasks & SEARCH_FROM) kernels.bestSplit(from, layout.nBins, layout.features, all, k0, k1, layout.search + NODE_B * 8, layout.search, out + SLOT);
  };
}

/** Fills features k0 … k1 − 1 of those in use into the histogram at `target`, then takes them from `from` (≥ 0). */
function fillKernel(kernels: KernelArena['kernels'], memory: TeamMemory, target: number, from: number, start: number, end: number, k0: number, k1: number, all: number, stride: number): void {
  const { layout } = memory.wasm!;
  if (all) {
    // All features, in order: the range is features k0 … k1 − 1 themselves.
    kernels.hist3(target, layout.rowBins, memory.d, layout.order, start, end, layout.gh, k0, k1);
    if (from >= 0) kernels.subtract(from + k0 * stride * 8, target + k0 * stride * 8, (k1 - k0) * stride);
    return;
  }
  kernels.hist3Subset(target, layout.rowBins, memory.d, layout.order, start, end, layout.gh, layout.features + k0 * 4, k1 - k0);
  if (from >= 0) for (let k = k0; k < k1; k++) kernels.subtract(from + memory.features[k] * stride * 8, target + memory.features[k] * stride * 8, stride);
}

/** Claims and does parts of the published work until none is left. */
function claimParts(control: Int32Array, work: PartWorker): void {
  for (;;) {
    const ticket = Atomics.load(control, TICKET);
    if (ticket >= Atomics.load(control, LIMIT)) return;
    if (Atomics.compareExchange(control, TICKET, ticket, ticket + 1) !== ticket) continue;
    work(ticket - Atomics.load(control, BASE));
    Atomics.add(control, COMPLETED, 1);
    Atomics.notify(control, COMPLETED);
  }
}

/**
 * The helper's side: claims parts of each node's work as it is published, until told to stop.
 * Runs in a helper thread and blocks it for the length of a training run.
 */
export function serveHistogramHelper(memory: TeamMemory): void {
  const { control } = memory;
  const work = partWorker(memory);
  Atomics.store(control, READY, 1);
  for (;;) {
    const wake = Atomics.load(control, WAKE);
    if (Atomics.load(control, STOP)) return;
    claimParts(control, work);
    awaitChange(control, WAKE, wake);
  }
}

/**
 * The caller's side: fills a node's histogram over order[start, end) (of `memory.order`) and finds
 * its best split, with the helper as described above when there is one, and keeps the scores.
 */
export class HistogramTeam {
  /** This thread's part worker and kernels over the team's memory, when it is WebAssembly's. */
  private readonly work: PartWorker | null;
  private readonly arena: KernelArena | null;
  private readonly pooled: Set<Float64Array>;
  /** Whether fills ask the helper now (the caller decides tree by tree, see HelperChoice). */
  private helping: boolean;
  private lambda = 0;
  private limits: SplitLimits = { minSamplesLeaf: 1, minHessian: 0, minGain: 0 };
  private readonly slots: Int32Array;

  constructor(
    private readonly memory: TeamMemory,
    private readonly helped: boolean,
  ) {
    this.work = memory.wasm ? partWorker(memory) : null;
    this.arena = memory.wasm ? new KernelArena(0, memory.wasm.shared, memory.wasm.memory) : null;
    this.pooled = new Set(memory.pool);
    this.helping = helped;
    this.slots = new Int32Array(memory.candidates.buffer, memory.candidates.byteOffset, memory.candidates.length * 2);
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

  /** Sets what the split search needs besides the histograms: λ and the limits every split respects. */
  useLimits(lambda: number, limits: SplitLimits): void {
    this.lambda = lambda;
    this.limits = limits;
    this.memory.search.set([lambda, limits.minSamplesLeaf, limits.minHessian, limits.minGain]);
  }

  /**
   * Fills `hist` over order[start, end) for the features in use, and then, given `from`, takes it
   * from `from` bin by bin (histogram subtraction: the larger child is the parent less the
   * smaller). In place when `hist` is one of the team's pooled histograms (or the team runs
   * without kernels), through the caller's histogram otherwise.
   */
  fill(hist: Float64Array, start: number, end: number, from: Float64Array | null = null): void {
    this.run(hist, start, end, from, FILL, null, null);
  }

  /** The best split of a node from its histogram and totals (n, G, H), if any gains enough. */
  search(hist: Float64Array, total: Float64Array): Split | null {
    return this.run(hist, 0, 0, null, SEARCH_TARGET, total, null)[0];
  }

  /**
   * A split's second half: fills the smaller child's histogram `small` over order[start, end),
   * takes it from the parent's `large` (which then holds the larger child's), and finds the best
   * split of each child given its totals (null: not wanted, the child cannot split).
   */
  grow(small: Float64Array, start: number, end: number, large: Float64Array, smallTotal: Float64Array | null, largeTotal: Float64Array | null): [Split | null, Split | null] {
    return this.run(small, start, end, large, FILL | (smallTotal ? SEARCH_TARGET : 0) | (largeTotal ? SEARCH_FROM : 0), smallTotal, largeTotal);
  }

  /** Does `tasks` for a target histogram (node A) and the one it is taken from (node B); returns each node's best split. */
  private run(target: Float64Array, start: number, end: number, from: Float64Array | null, tasks: number, totalA: Float64Array | null, totalB: Float64Array | null): [Split | null, Split | null] {
    const { memory } = this;
    const { control } = memory;
    const count = control[FEATURES];
    const inPlace = memory.wasm !== null && this.pooled.has(target) && (from === null || this.pooled.has(from));
    if (!inPlace) {
      if (tasks & FILL) this.fillApart(target, start, end, from, count);
      return [totalA ? this.searchApart(target, totalA, count) : null, totalB && from ? this.searchApart(from, totalB, count) : null];
    }
    if (totalA) memory.search.set(totalA, NODE_A);
    if (totalB) memory.search.set(totalB, NODE_B);
    control[TARGET] = target.byteOffset;
    control[FROM] = from ? from.byteOffset : -1;
    control[START] = start;
    control[END] = end;
    control[TASKS] = tasks;
    const parts = count >= 2 ? 2 : 1;
    if (this.helping && tasks & FILL && end - start >= TEAM_MIN_ROWS && parts === 2) {
      // Publish the work, claim parts with the helper, and wait for any part it still does.
      const limit = Atomics.load(control, TICKET) + parts;
      Atomics.store(control, BASE, limit - parts);
      Atomics.store(control, LIMIT, limit);
      Atomics.add(control, WAKE, 1);
      Atomics.notify(control, WAKE);
      claimParts(control, this.work!);
      awaitValue(control, COMPLETED, limit, 'the histogram helper thread');
    } else {
      // Alone: every feature in one pass over the rows (the same sums), then each part's search.
      if (tasks & FILL) {
        control[TASKS] = FILL;
        fillKernel(this.arena!.kernels, memory, target.byteOffset, from ? from.byteOffset : -1, start, end, 0, count, count === memory.d ? 1 : 0, HIST_BINS * 3);
        control[TASKS] = tasks & ~FILL;
      }
      for (let part = 0; part < parts; part++) this.work!(part);
    }
    return [totalA ? this.candidate(0, parts, totalA) : null, totalB ? this.candidate(1, parts, totalB) : null];
  }

  /** The best split of node A (0) or B (1) from the parts' candidates. */
  private candidate(node: number, parts: number, total: Float64Array): Split | null {
    let best: Split | null = null;
    for (let part = 0; part < parts; part++) {
      const at = (part * 2 + node) * SLOT;
      const feature = this.slots[(at + 32) >> 2];
      if (feature < 0) continue;
      const c = this.memory.candidates;
      const split: Split = { feature, bin: this.slots[(at + 36) >> 2], missingLeft: this.slots[(at + 40) >> 2] === 1, gain: c[at >> 3], left: c.slice((at >> 3) + 1, (at >> 3) + 4) };
      best = betterSplit(best, split, total, this.lambda);
    }
    return best;
  }

  /** `fill` for a histogram outside the team's memory: through the caller's histogram, or in JavaScript. */
  private fillApart(hist: Float64Array, start: number, end: number, from: Float64Array | null, count: number): void {
    const { memory } = this;
    const stride = HIST_BINS * 3;
    const features = memory.features.subarray(0, count);
    if (!memory.wasm) {
      fillGradientHistogram(hist, memory.rowBins, memory.d, features, memory.order, start, end, memory.gh);
      if (from) for (const f of features) for (let i = f * stride, last = (f + 1) * stride; i < last; i++) from[i] -= hist[i];
      return;
    }
    fillKernel(this.arena!.kernels, memory, memory.callerHist.byteOffset, -1, start, end, 0, count, count === memory.d ? 1 : 0, stride);
    for (const f of features) {
      const own = memory.callerHist.subarray(f * stride, (f + 1) * stride);
      hist.set(own, f * stride);
      if (from) for (let i = 0, at = f * stride; i < stride; i++, at++) from[at] -= own[i];
    }
  }

  /** `search` in JavaScript (the `bestSplit` kernel's twin), part by part as the kernel goes. */
  private searchApart(hist: Float64Array, total: Float64Array, count: number): Split | null {
    const features = this.memory.features.subarray(0, count);
    const cut = searchCut(count);
    const first = bestBoostingSplit(hist, total, this.memory, features.subarray(0, cut), this.lambda, this.limits);
    const second = cut < count ? bestBoostingSplit(hist, total, this.memory, features.subarray(cut), this.lambda, this.limits) : null;
    return betterSplit(first, second, total, this.lambda);
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
   * Adds a tree's leaf values to the scores of its rows and writes their next (g, h) as `link`
   * says (see `boost`); `leaves` are the segments of the row order each leaf owns. When the tree
   * grew on every row (`allRows`), the `boostRows` kernel takes the rows in their own order in one
   * pass; otherwise leaf by leaf. The same scores and gradients either way.
   */
  boostTree(leaves: readonly { start: number; end: number; node: number }[], values: readonly number[], allRows: boolean, link: 0 | 1 | 2): void {
    const { wasm } = this.memory;
    if (!wasm || !allRows || leaves.length > ROW_LEAVES) {
      for (const leaf of leaves) this.boost(leaf.start, leaf.end, values[leaf.node], link);
      return;
    }
    const { layout } = wasm;
    const buffer = wasm.memory.buffer;
    const ends = new Int32Array(buffer, layout.leafEnds, leaves.length);
    const leafValues = new Float64Array(buffer, layout.leafValues, leaves.length);
    // boostRows reads the leaves as consecutive segments of the order: sort them by start.
    const sorted = [...leaves].sort((a, b) => a.start - b.start);
    sorted.forEach((leaf, l) => {
      ends[l] = leaf.end;
      leafValues[l] = values[leaf.node];
    });
    this.arena!.kernels.boostRows(layout.scores, layout.y, this.memory.n, layout.order, layout.leafEnds, leaves.length, layout.leafValues, layout.leafOf, layout.gh, link);
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
    Atomics.add(this.memory.control, WAKE, 1);
    Atomics.notify(this.memory.control, WAKE);
  }
}
