import type { Rng } from '../../util/rng';
import { buildKdTree, type KdTree, kthNeighbourDistance, withinRadius } from './kdtree';

/** A DBSCAN clustering: a label per row (−1 = noise) and which rows are core points. */
export interface DbscanSolution {
  readonly labels: Int32Array;
  readonly core: Uint8Array;
  readonly clusters: number;
}

/**
 * DBSCAN (Ester et al. 1996) as scikit-learn runs it: a row with at least `minSamples` rows within
 * `eps` (itself included) is a core point; clusters grow from core points in row order through
 * their neighbourhoods; a border row joins the first cluster that reaches it; the rest is noise.
 * Neighbourhoods come from a k-d tree, two radius queries per row, so memory stays linear.
 */
export function fitDbscan(X: Float32Array, n: number, d: number, eps: number, minSamples: number, shouldStop?: () => boolean, tree: KdTree = buildKdTree(X, n, d)): DbscanSolution {
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 0 && shouldStop?.()) break;
    let count = 0;
    withinRadius(tree, X, i * d, eps, () => count++);
    if (count >= minSamples) core[i] = 1;
  }
  const labels = new Int32Array(n).fill(-1);
  let clusters = 0;
  const queue: number[] = [];
  for (let seed = 0; seed < n; seed++) {
    if (!core[seed] || labels[seed] >= 0) continue;
    const id = clusters++;
    labels[seed] = id;
    queue.push(seed);
    while (queue.length) {
      const p = queue.pop()!;
      withinRadius(tree, X, p * d, eps, (q) => {
        if (labels[q] >= 0) return;
        labels[q] = id;
        if (core[q]) queue.push(q);
      });
    }
  }
  return { labels, core, clusters };
}

/** The sorted k-distance curve and the eps it suggests. */
export interface KDistance {
  /** Distance of each sampled row to its k-th nearest neighbour, ascending (≤ 200 points). */
  readonly curve: number[];
  /** The knee of the curve: the point farthest below the chord from its first to its last point. */
  readonly suggestedEps: number;
}

/** Rows the k-distance curve is computed for at most. */
const K_DISTANCE_SAMPLE = 2000;

/**
 * The eps helper: distances from (a seeded sample of) the rows to their `k`-th nearest neighbour,
 * sorted. Rows inside clusters have small distances and noise large ones; the bend between them is
 * a good eps (Ester et al. §4.2). Use k = minSamples.
 */
export function kDistance(X: Float32Array, n: number, d: number, k: number, rng: Rng, tree: KdTree = buildKdTree(X, n, d)): KDistance {
  const m = Math.min(n, K_DISTANCE_SAMPLE);
  const rows = m === n ? Array.from({ length: n }, (_, i) => i) : sampleRows(n, m, rng);
  const kk = Math.min(k, n);
  const all = rows.map((i) => kthNeighbourDistance(tree, X, i * d, kk)).sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(all.length / 200));
  const curve = all.filter((_, i) => i % step === 0 || i === all.length - 1);
  return { curve, suggestedEps: knee(all) };
}

function sampleRows(n: number, m: number, rng: Rng): number[] {
  const chosen = new Set<number>();
  while (chosen.size < m) chosen.add(rng.int(n));
  return Array.from(chosen).sort((a, b) => a - b);
}

/** The value at the knee of an ascending curve (largest gap below the chord); the median if flat. */
function knee(values: readonly number[]): number {
  const m = values.length;
  if (m < 3) return values[m - 1] ?? 0;
  const y0 = values[0];
  const y1 = values[m - 1];
  let best = Math.floor(m / 2);
  let bestGap = 0;
  for (let i = 1; i < m - 1; i++) {
    const chord = y0 + ((y1 - y0) * i) / (m - 1);
    const gap = chord - values[i];
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return values[best];
}
