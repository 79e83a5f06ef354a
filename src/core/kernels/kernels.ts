import { base64ToBytes } from '../util/base64';
import { KERNELS_PLAIN, KERNELS_SHARED } from './kernels.wasm';

/** The exported functions of kernels.wat (offsets are byte addresses in the memory). */
export interface KernelExports {
  hist3(hist: number, bins: number, d: number, order: number, start: number, end: number, stats: number, f0: number, f1: number): void;
  hist3Subset(hist: number, bins: number, d: number, order: number, start: number, end: number, stats: number, features: number, count: number): void;
  partition(bins: number, order: number, start: number, end: number, scratch: number, threshold: number, missingLeft: number): number;
  subtract(a: number, b: number, count: number): void;
  bestSplit(hist: number, nBins: number, features: number, all: number, k0: number, k1: number, node: number, limits: number, out: number): void;
  sortColumn(X: number, n: number, d: number, f: number, keys: number, tmp: number, counts: number, sorted: number): number;
  binColumn(X: number, n: number, d: number, f: number, edges: number, bins: number, rowBins: number): void;
  boostScores(scores: number, y: number, order: number, start: number, end: number, value: number, gh: number, link: number): void;
  boostRows(scores: number, y: number, n: number, order: number, ends: number, leaves: number, values: number, leafOf: number, gh: number, link: number): void;
  euclideanTile(tile: number, d: number, queries: number, scores: number): void;
  manhattanTile(tile: number, d: number, queries: number, scores: number): void;
  nearest(X: number, n: number, d4: number, P: number, k: number, labels: number, dists: number): void;
  trialSums(X: number, n: number, d4: number, P: number, k: number, closest: number, sums: number): void;
  updateClosest(X: number, n: number, d4: number, P: number, closest: number): void;
  centroidSums(X: number, n: number, d4: number, labels: number, sums: number, counts: number): void;
  treeLeaves(X: number, n: number, d: number, root: number, depth: number, leaves: number, hasMissing: number): void;
  treeSums(X: number, n: number, d: number, root: number, depth: number, sums: number, stride: number, values: number, hasMissing: number): void;
}

const compiled = new Map<boolean, WebAssembly.Module | null>();

/** The compiled kernels for a shared or a plain memory; null where WebAssembly (with SIMD) is missing. */
function module(shared: boolean): WebAssembly.Module | null {
  if (!compiled.has(shared)) {
    let result: WebAssembly.Module | null = null;
    try {
      const bytes = base64ToBytes(shared ? KERNELS_SHARED : KERNELS_PLAIN) as Uint8Array<ArrayBuffer>;
      if (typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes)) result = new WebAssembly.Module(bytes);
    } catch {
      result = null;
    }
    compiled.set(shared, result);
  }
  return compiled.get(shared)!;
}

/** Whether the kernels run here (shared: also with a memory other threads can see). */
export function kernelsAvailable(shared = false): boolean {
  if (shared && typeof SharedArrayBuffer === 'undefined') return false;
  return module(shared) !== null;
}

/** Bytes in a WebAssembly page. */
const PAGE = 65536;

/**
 * A WebAssembly memory laid out once, up front, for one job (no growing, so typed-array views stay
 * valid), with the kernels instantiated over it.
 */
export class KernelArena {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  private next = 0;

  /** `bytes` is the total the job will `alloc`, including alignment. */
  constructor(bytes: number, shared: boolean, memory?: WebAssembly.Memory) {
    const pages = Math.max(1, Math.ceil(bytes / PAGE));
    this.memory = memory ?? new WebAssembly.Memory(shared ? { initial: pages, maximum: 65536, shared: true } : { initial: pages });
    const mod = module(shared);
    if (!mod) throw new Error('internal error: WebAssembly kernels are not available here');
    this.kernels = new WebAssembly.Instance(mod, { env: { memory: this.memory } }).exports as unknown as KernelExports;
  }

  /** The byte offset of a new block of `bytes`, aligned to 16. */
  alloc(bytes: number): number {
    const at = this.next;
    this.next += Math.ceil(bytes / 16) * 16;
    if (this.next > this.memory.buffer.byteLength) throw new Error('internal error: kernel arena overflow');
    return at;
  }
}

/** Rounds a byte count up as `KernelArena.alloc` does, for sizing an arena. */
export function aligned(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
