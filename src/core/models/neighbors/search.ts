import type { KernelArena } from '../../kernels/kernels';

/**
 * Exact k-nearest-neighbour search by blocked brute force, the way scikit-learn's `brute`
 * algorithm does it: no tree, since k-d and ball trees degrade to worse than brute force beyond
 * ~15 dimensions (scikit-learn's own kd_tree takes minutes on 100k × 20 random rows), and one-hot
 * data is high-dimensional. Speed comes from the memory layout instead:
 *
 * - training rows are stored in tiles of `TILE` rows, feature-major inside a tile, so a tile stays
 *   in cache while every query of a block is compared with it;
 * - queries go four at a time through a register-blocked kernel (4 queries × 2 rows), so each
 *   loaded value is used several times.
 *
 * Where WebAssembly runs, the kernel is `euclideanTile` / `manhattanTile` (kernels.wat: two rows a
 * step in f64x2 lanes, about 3× the JavaScript below, which is its twin and gives the same sums).
 * This file only takes an arena it is handed (`kernelSearch.ts` makes one), so the prediction
 * runtime searches in JavaScript without carrying the WebAssembly.
 *
 * Distances are summed directly, Σ(q − x)² or Σ|q − x| in feature order, not by the faster-looking
 * ‖x‖² − 2·x·q expansion: in this kernel that was no faster (measured), and the direct sum keeps
 * equal distances equal (differences of float32 values and their squares are exact in float64), so
 * ties really go to the lower training row index: rows are scanned in index order and a candidate
 * only displaces one that is strictly farther. Every query is computed on its own, in a fixed
 * order, so a row's neighbours never depend on the other rows of its batch.
 */

/** How distances are measured. */
export type Metric = 'euclidean' | 'manhattan';

/** Training rows laid out for search. */
export interface NeighborIndex {
  readonly n: number;
  readonly d: number;
  readonly metric: Metric;
  /**
   * The rows in tiles: tiles[t·TILE·d + j·TILE + b] is feature j of row t·TILE + b. The last tile
   * is padded with zeros; padding rows are never merged into a top k.
   */
  readonly tiles: Float64Array;
  /** The kernels with the tiles in their memory, and room there for a block's queries and scores. */
  readonly kernel: { readonly arena: KernelArena; readonly queries: Float64Array; readonly scores: Float64Array } | null;
}

/** The k nearest training rows of each query, nearest first: m·k indices and distances. */
export interface Neighbors {
  readonly k: number;
  readonly index: Int32Array;
  readonly distance: Float64Array;
}

/** Training rows per tile; 256 rows × 20 features of float64 is 40 KB, comfortably in L2. */
const TILE = 256;
/** Queries per kernel call (the kernel's register block). */
const LANES = 4;

/** Makes a kernel arena of at least `bytes` (aligned as `KernelArena.alloc` aligns). */
export type ArenaMaker = (bytes: number) => KernelArena;

/** Rounds a byte count up as `KernelArena.alloc` does (16), for sizing an arena. */
const aligned = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * Lays out training rows (row-major, n × d) for search; with `makeArena`, in a kernel arena so the
 * WebAssembly kernels score them, otherwise in plain memory for the JavaScript scorers.
 */
export function buildIndex(X: Float32Array, n: number, d: number, metric: Metric, makeArena: ArenaMaker | null = null): NeighborIndex {
  const size = Math.ceil(n / TILE) * TILE * d;
  let tiles: Float64Array;
  let kernel: NeighborIndex['kernel'] = null;
  if (makeArena && d > 0) {
    const arena = makeArena(aligned(size * 8) + aligned(LANES * d * 8) + aligned(LANES * TILE * 8));
    const buffer = arena.memory.buffer;
    tiles = new Float64Array(buffer, arena.alloc(size * 8), size);
    const queries = new Float64Array(buffer, arena.alloc(LANES * d * 8), LANES * d);
    kernel = { arena, queries, scores: new Float64Array(buffer, arena.alloc(LANES * TILE * 8), LANES * TILE) };
  } else {
    tiles = new Float64Array(size);
  }
  for (let i = 0; i < n; i++) {
    const base = Math.floor(i / TILE) * TILE * d + (i % TILE);
    for (let j = 0; j < d; j++) tiles[base + j * TILE] = X[i * d + j];
  }
  return { n, d, metric, tiles, kernel };
}

/** The `k` nearest training rows (k ≤ n) of each of the `m` query rows in `Q` (row-major). */
export function kNearest(index: NeighborIndex, Q: Float32Array, m: number, k: number): Neighbors {
  const { d, n } = index;
  const best = new Float64Array(m * k).fill(Infinity);
  const found = new Int32Array(m * k).fill(-1);
  const { kernel } = index;
  const queries = kernel?.queries ?? new Float64Array(LANES * d);
  const scores = kernel?.scores ?? new Float64Array(LANES * TILE);
  const nTiles = Math.ceil(n / TILE);
  // Query blocks of 64 rows reuse each tile 16 times while it is in cache.
  const block = 16 * LANES;
  for (let q0 = 0; q0 < m; q0 += block) {
    const qEnd = Math.min(m, q0 + block);
    for (let t = 0; t < nTiles; t++) {
      for (let a0 = q0; a0 < qEnd; a0 += LANES) {
        const lanes = Math.min(LANES, qEnd - a0);
        loadQueries(d, Q, a0, lanes, queries);
        if (kernel) {
          const tile = index.tiles.byteOffset + t * TILE * d * 8;
          if (index.metric === 'euclidean') kernel.arena.kernels.euclideanTile(tile, d, queries.byteOffset, scores.byteOffset);
          else kernel.arena.kernels.manhattanTile(tile, d, queries.byteOffset, scores.byteOffset);
        } else if (index.metric === 'euclidean') euclideanScores(index, t, queries, scores);
        else manhattanScores(index, t, queries, scores);
        for (let a = 0; a < lanes; a++) keepBest(scores, a * TILE, Math.min(TILE, n - t * TILE), t * TILE, best, found, (a0 + a) * k, k);
      }
    }
  }
  // keepBest leaves each list sorted by (distance, row index); Euclidean scores are squared.
  if (index.metric === 'euclidean') for (let p = 0; p < best.length; p++) best[p] = Math.sqrt(best[p]);
  return { k, index: found, distance: best };
}

/** Copies `lanes` query rows into the kernel's layout queries[j·LANES + a]; spare lanes repeat the last. */
function loadQueries(d: number, Q: Float32Array, first: number, lanes: number, out: Float64Array): void {
  for (let a = 0; a < LANES; a++) {
    const row = (first + Math.min(a, lanes - 1)) * d;
    for (let j = 0; j < d; j++) out[j * LANES + a] = Q[row + j];
  }
}

/** scores[a·TILE + b] = Σ(x_b − q_a)² for the rows of tile t, summed in feature order. */
function euclideanScores(index: NeighborIndex, t: number, q: Float64Array, scores: Float64Array): void {
  const { d, tiles } = index;
  const base = t * TILE * d;
  for (let b = 0; b < TILE; b += 2) {
    let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
    for (let j = 0; j < d; j++) {
      const o = base + j * TILE + b;
      const x0 = tiles[o], x1 = tiles[o + 1];
      const p = j * LANES;
      const u0 = q[p], u1 = q[p + 1], u2 = q[p + 2], u3 = q[p + 3];
      let e = u0 - x0; s00 += e * e;
      e = u0 - x1; s01 += e * e;
      e = u1 - x0; s10 += e * e;
      e = u1 - x1; s11 += e * e;
      e = u2 - x0; s20 += e * e;
      e = u2 - x1; s21 += e * e;
      e = u3 - x0; s30 += e * e;
      e = u3 - x1; s31 += e * e;
    }
    scores[b] = s00; scores[b + 1] = s01;
    scores[TILE + b] = s10; scores[TILE + b + 1] = s11;
    scores[2 * TILE + b] = s20; scores[2 * TILE + b + 1] = s21;
    scores[3 * TILE + b] = s30; scores[3 * TILE + b + 1] = s31;
  }
}

/** scores[a·TILE + b] = Σ|x_b − q_a| for the rows of tile t. */
function manhattanScores(index: NeighborIndex, t: number, q: Float64Array, scores: Float64Array): void {
  const { d, tiles } = index;
  const base = t * TILE * d;
  for (let b = 0; b < TILE; b += 2) {
    let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
    for (let j = 0; j < d; j++) {
      const o = base + j * TILE + b;
      const x0 = tiles[o], x1 = tiles[o + 1];
      const p = j * LANES;
      const u0 = q[p], u1 = q[p + 1], u2 = q[p + 2], u3 = q[p + 3];
      s00 += Math.abs(u0 - x0); s01 += Math.abs(u0 - x1);
      s10 += Math.abs(u1 - x0); s11 += Math.abs(u1 - x1);
      s20 += Math.abs(u2 - x0); s21 += Math.abs(u2 - x1);
      s30 += Math.abs(u3 - x0); s31 += Math.abs(u3 - x1);
    }
    scores[b] = s00; scores[b + 1] = s01;
    scores[TILE + b] = s10; scores[TILE + b + 1] = s11;
    scores[2 * TILE + b] = s20; scores[2 * TILE + b + 1] = s21;
    scores[3 * TILE + b] = s30; scores[3 * TILE + b + 1] = s31;
  }
}

/** Merges `count` scores (rows first, first+1, …) into one query's sorted top k (insertion). */
function keepBest(scores: Float64Array, from: number, count: number, first: number, best: Float64Array, found: Int32Array, at: number, k: number): void {
  let worst = best[at + k - 1];
  for (let b = 0; b < count; b++) {
    const s = scores[from + b];
    // Strictly closer only: an equal score never displaces the lower row index found before it.
    if (!(s < worst)) continue;
    let p = k - 1;
    while (p > 0 && best[at + p - 1] > s) {
      best[at + p] = best[at + p - 1];
      found[at + p] = found[at + p - 1];
      p--;
    }
    best[at + p] = s;
    found[at + p] = first + b;
    worst = best[at + k - 1];
  }
}
