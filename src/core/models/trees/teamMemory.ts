import { KernelArena, aligned, kernelsAvailable } from '../../kernels/kernels';
import type { BinnedFeatures } from './binning';
import { HIST_BINS } from './split';

/*
 * The memory a boosting histogram team shares (see histogramTeam.ts): the rows' bins, gradients,
 * order and scores, the split search's inputs and outputs, a pool of histograms, and the control
 * block the caller and its helper meet in.
 */

/** Byte offsets of the team's arrays in its WebAssembly memory. */
export interface TeamLayout {
  readonly rowBins: number;
  readonly bins: number;
  readonly scratch: number;
  readonly gh: number;
  readonly order: number;
  readonly features: number;
  readonly scores: number;
  readonly y: number;
  readonly nBins: number;
  readonly search: number;
  readonly candidates: number;
  readonly leafEnds: number;
  readonly leafValues: number;
  readonly leafOf: number;
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
  /** Bins in use per feature (`BinnedFeatures.nBins`), for the split search. */
  readonly nBins: Int32Array;
  /**
   * The split search's inputs (f64): λ, minSamplesLeaf, minHessian, minGain, then the n, G, H of
   * the node whose histogram is filled (at 4) and of the one it is taken from (at 8).
   */
  readonly search: Float64Array;
  /** The best split of each part and node, SLOT bytes each (see the `bestSplit` kernel). */
  readonly candidates: Float64Array;
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
/** Bumped when work is published and at the stop: the helper sleeps on it. */
export const WAKE = 0;
/** The next ticket to claim; a ticket is a part of a node's work. */
export const TICKET = 1;
/** Tickets below this have been published. */
export const LIMIT = 2;
/** The first ticket of the work published last (ticket − BASE is the part). */
export const BASE = 3;
/** Tickets done, all work together. */
export const COMPLETED = 4;
/** The rows of the published work: order[START, END). */
export const START = 5;
export const END = 6;
/** How many of `TeamMemory.features` are in use. */
export const FEATURES = 7;
/** Set when the run is over: the helper returns. */
export const STOP = 8;
/** Set by the helper once it serves. */
export const READY = 9;
/** Byte offset of the histogram filled, searched as node A. */
export const TARGET = 10;
/** Byte offset of the histogram the target is taken from (node B), or −1. */
export const FROM = 11;
/** What the published work does: FILL, SEARCH_TARGET, SEARCH_FROM (bits). */
export const TASKS = 12;
const CONTROL_SLOTS = 13;

/** TASKS bits: fill (and subtract), search node A, search node B. */
export const FILL = 1;
export const SEARCH_TARGET = 2;
export const SEARCH_FROM = 4;

/** Bytes of a candidate split (gain, left n, g, h as f64; feature, bin, missingLeft as i32). */
export const SLOT = 48;
/** Most leaves a tree may have for `boostRows` (a row's leaf is one byte). */
export const ROW_LEAVES = 256;
/** f64 index of node A's and node B's (n, G, H) in `TeamMemory.search`. */
export const NODE_A = 4;
export const NODE_B = 8;

/** At most this many bytes of a team's memory hold pooled histograms (beyond, trees use plain arrays). */
const POOL_BYTES = 64 * 1024 * 1024;

/**
 * Memory for a team over `data`: shared when a helper will use it, in a WebAssembly memory when
 * the kernels run here, plain typed arrays otherwise.
 */
export function teamMemory(data: BinnedFeatures, shared: boolean, poolSize = 0): TeamMemory {
  const { n, d } = data;
  const histBytes = d * HIST_BINS * 3 * 8;
  const control = new Int32Array(shared ? new SharedArrayBuffer(CONTROL_SLOTS * 4) : new ArrayBuffer(CONTROL_SLOTS * 4));
  const dims = Math.max(1, d);
  if (kernelsAvailable(shared)) {
    const pooled = Math.min(poolSize, Math.floor(POOL_BYTES / aligned(histBytes)));
    const bytes = 2 * aligned(n * d) + aligned(n * 8) * 2 + 3 * aligned(n * 4) + 2 * aligned(dims * 4) + aligned(12 * 8) + aligned(4 * SLOT) + aligned(ROW_LEAVES * 4) + aligned(ROW_LEAVES * 8) + aligned(n) + (1 + pooled) * aligned(histBytes);
    const arena = new KernelArena(bytes, shared);
    const layout: TeamLayout = {
      rowBins: arena.alloc(n * d),
      bins: arena.alloc(n * d),
      scratch: arena.alloc(n * 4),
      gh: arena.alloc(n * 8),
      order: arena.alloc(n * 4),
      features: arena.alloc(dims * 4),
      scores: arena.alloc(n * 8),
      y: arena.alloc(n * 4),
      nBins: arena.alloc(dims * 4),
      search: arena.alloc(12 * 8),
      candidates: arena.alloc(4 * SLOT),
      leafEnds: arena.alloc(ROW_LEAVES * 4),
      leafValues: arena.alloc(ROW_LEAVES * 8),
      leafOf: arena.alloc(n),
      callerHist: arena.alloc(histBytes),
      pool: arena.alloc(pooled * aligned(histBytes)),
    };
    const buffer = arena.memory.buffer;
    const rowBins = new Uint8Array(buffer, layout.rowBins, n * d);
    rowBins.set(data.rowBins);
    const columnBins = new Uint8Array(buffer, layout.bins, n * d);
    columnBins.set(data.bins);
    const nBins = new Int32Array(buffer, layout.nBins, dims);
    nBins.set(data.nBins);
    return {
      n,
      d,
      wasm: { memory: arena.memory, shared, layout },
      rowBins,
      columnBins,
      gh: new Float32Array(buffer, layout.gh, n * 2),
      order: new Int32Array(buffer, layout.order, n),
      features: new Int32Array(buffer, layout.features, dims),
      scores: new Float64Array(buffer, layout.scores, n),
      y: new Float32Array(buffer, layout.y, n),
      nBins,
      search: new Float64Array(buffer, layout.search, 12),
      candidates: new Float64Array(buffer, layout.candidates, (4 * SLOT) / 8),
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
    features: new Int32Array(dims),
    scores: new Float64Array(n),
    y: new Float32Array(n),
    nBins: Int32Array.from(data.nBins),
    search: new Float64Array(12),
    candidates: new Float64Array((4 * SLOT) / 8),
    callerHist: new Float64Array(histBytes / 8),
    pool: [],
    control,
  };
}

/** Whether the helper has started serving (it sets READY first). */
export function helperReady(memory: TeamMemory): boolean {
  return Atomics.load(memory.control, READY) === 1;
}
