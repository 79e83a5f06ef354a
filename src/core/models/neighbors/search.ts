/**
 * Exact k-nearest-neighbour search by blocked brute force, the way scikit-learn's `brute`
 * algorithm does it: no tree, since k-d and ball trees degrade to worse than brute force beyond
 * ~15 dimensions (scikit-learn's own kd_tree takes minutes on 100k × 20 random rows), and one-hot
 * data is high-dimensional. Speed comes from the memory layout instead:
 *
 * - training rows are stored in tiles of `TILE` rows, feature-major inside a tile, so a tile stays
 *   in cache while every query of a block is compared with it;
 * - queries go four at a time through a register-blocked kernel (4 queries × 4 rows), so each
 *   loaded value is used four times;
 * - Euclidean distance is ranked by ‖x‖² − 2·x·q (‖q‖² is the same for every candidate), on data
 *   centred at the training mean to keep the cancellation small; the chosen neighbours' distances
 *   are then recomputed exactly from the raw values.
 *
 * Ties in distance go to the lower training row index: rows are scanned in index order and a
 * candidate only displaces one that is strictly farther. Every query is computed on its own, with
 * a fixed summation order, so a row's neighbours never depend on the other rows of its batch.
 */

/** How distances are measured. */
export type Metric = 'euclidean' | 'manhattan';

/** Training rows laid out for search. */
export interface NeighborIndex {
  readonly n: number;
  readonly d: number;
  readonly metric: Metric;
  /** The raw rows (row-major), for exact distances of the chosen neighbours. */
  readonly X: Float32Array;
  /** Centring offset per feature (zero for Manhattan, which needs no ranking trick). */
  readonly offset: Float64Array;
  /** Centred rows in tiles: tiles[t·TILE·d + j·TILE + b] is feature j of row t·TILE + b. */
  readonly tiles: Float64Array;
  /** ‖x − offset‖² per row, padded to whole tiles (padding rows are never merged into a top k). */
  readonly norms: Float64Array;
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

/** Lays out training rows (row-major, n × d) for search. */
export function buildIndex(X: Float32Array, n: number, d: number, metric: Metric): NeighborIndex {
  const offset = new Float64Array(d);
  if (metric === 'euclidean' && n > 0) {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) offset[j] += X[i * d + j];
    for (let j = 0; j < d; j++) offset[j] /= n;
  }
  const nTiles = Math.ceil(n / TILE);
  const tiles = new Float64Array(nTiles * TILE * d);
  const norms = new Float64Array(nTiles * TILE).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = Math.floor(i / TILE) * TILE * d + (i % TILE);
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = X[i * d + j] - offset[j];
      tiles[base + j * TILE] = v;
      norm += v * v;
    }
    norms[i] = norm;
  }
  return { n, d, metric, X, offset, tiles, norms };
}

/** The `k` nearest training rows (k ≤ n) of each of the `m` query rows in `Q` (row-major). */
export function kNearest(index: NeighborIndex, Q: Float32Array, m: number, k: number): Neighbors {
  const { d, n } = index;
  const best = new Float64Array(m * k).fill(Infinity);
  const found = new Int32Array(m * k).fill(-1);
  const queries = new Float64Array(LANES * d);
  const scores = new Float64Array(LANES * TILE);
  const nTiles = Math.ceil(n / TILE);
  // Query blocks of 64 rows reuse each tile 16 times while it is in cache.
  const block = 16 * LANES;
  for (let q0 = 0; q0 < m; q0 += block) {
    const qEnd = Math.min(m, q0 + block);
    for (let t = 0; t < nTiles; t++) {
      for (let a0 = q0; a0 < qEnd; a0 += LANES) {
        const lanes = Math.min(LANES, qEnd - a0);
        loadQueries(index, Q, a0, lanes, queries);
        if (index.metric === 'euclidean') euclideanScores(index, t, queries, scores);
        else manhattanScores(index, t, queries, scores);
        for (let a = 0; a < lanes; a++) keepBest(scores, a * TILE, Math.min(TILE, n - t * TILE), t * TILE, best, found, (a0 + a) * k, k);
      }
    }
  }
  const distance = exactDistances(index, Q, m, k, found);
  sortNeighbors(found, distance, m, k);
  return { k, index: found, distance };
}

/** Copies `lanes` query rows, centred, into the kernel's layout queries[j·LANES + a]; spare lanes repeat the last. */
function loadQueries(index: NeighborIndex, Q: Float32Array, first: number, lanes: number, out: Float64Array): void {
  const { d, offset } = index;
  for (let a = 0; a < LANES; a++) {
    const row = (first + Math.min(a, lanes - 1)) * d;
    for (let j = 0; j < d; j++) out[j * LANES + a] = Q[row + j] - offset[j];
  }
}

/** scores[a·TILE + b] = ‖x_b‖² − 2·x_b·q_a for the rows of tile t: the squared distance less ‖q_a‖². */
function euclideanScores(index: NeighborIndex, t: number, q: Float64Array, scores: Float64Array): void {
  const { d, tiles, norms } = index;
  const base = t * TILE * d;
  for (let b = 0; b < TILE; b += 4) {
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (let j = 0; j < d; j++) {
      const o = base + j * TILE + b;
      const x0 = tiles[o], x1 = tiles[o + 1], x2 = tiles[o + 2], x3 = tiles[o + 3];
      const p = j * LANES;
      const u0 = q[p], u1 = q[p + 1], u2 = q[p + 2], u3 = q[p + 3];
      s00 += u0 * x0; s01 += u0 * x1; s02 += u0 * x2; s03 += u0 * x3;
      s10 += u1 * x0; s11 += u1 * x1; s12 += u1 * x2; s13 += u1 * x3;
      s20 += u2 * x0; s21 += u2 * x1; s22 += u2 * x2; s23 += u2 * x3;
      s30 += u3 * x0; s31 += u3 * x1; s32 += u3 * x2; s33 += u3 * x3;
    }
    const r = t * TILE + b;
    const n0 = norms[r], n1 = norms[r + 1], n2 = norms[r + 2], n3 = norms[r + 3];
    scores[b] = n0 - 2 * s00; scores[b + 1] = n1 - 2 * s01; scores[b + 2] = n2 - 2 * s02; scores[b + 3] = n3 - 2 * s03;
    const c1 = TILE + b;
    scores[c1] = n0 - 2 * s10; scores[c1 + 1] = n1 - 2 * s11; scores[c1 + 2] = n2 - 2 * s12; scores[c1 + 3] = n3 - 2 * s13;
    const c2 = 2 * TILE + b;
    scores[c2] = n0 - 2 * s20; scores[c2 + 1] = n1 - 2 * s21; scores[c2 + 2] = n2 - 2 * s22; scores[c2 + 3] = n3 - 2 * s23;
    const c3 = 3 * TILE + b;
    scores[c3] = n0 - 2 * s30; scores[c3 + 1] = n1 - 2 * s31; scores[c3 + 2] = n2 - 2 * s32; scores[c3 + 3] = n3 - 2 * s33;
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

/** The exact metric distance between each query and its chosen rows, from the raw float32 values. */
function exactDistances(index: NeighborIndex, Q: Float32Array, m: number, k: number, found: Int32Array): Float64Array {
  const { X, d } = index;
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < k; r++) {
      const row = found[i * k + r] * d;
      let s = 0;
      if (index.metric === 'euclidean') {
        for (let j = 0; j < d; j++) s += (Q[i * d + j] - X[row + j]) ** 2;
        s = Math.sqrt(s);
      } else {
        for (let j = 0; j < d; j++) s += Math.abs(Q[i * d + j] - X[row + j]);
      }
      out[i * k + r] = s;
    }
  }
  return out;
}

/** Orders each query's neighbours by exact distance, then row index (insertion sort; k is small). */
function sortNeighbors(found: Int32Array, distance: Float64Array, m: number, k: number): void {
  for (let i = 0; i < m; i++) {
    const at = i * k;
    for (let r = 1; r < k; r++) {
      const dist = distance[at + r];
      const row = found[at + r];
      let p = r;
      while (p > 0 && (distance[at + p - 1] > dist || (distance[at + p - 1] === dist && found[at + p - 1] > row))) {
        distance[at + p] = distance[at + p - 1];
        found[at + p] = found[at + p - 1];
        p--;
      }
      distance[at + p] = dist;
      found[at + p] = row;
    }
  }
}
