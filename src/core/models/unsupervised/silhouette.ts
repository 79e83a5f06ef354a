import type { Rng } from '../../util/rng';

/** Rows the silhouette is computed on at most; it is quadratic in the rows (scikit-learn's `sample_size`). */
export const SILHOUETTE_SAMPLE = 2000;

/**
 * Mean silhouette coefficient (Rousseeuw 1987) of a clustering: for each row, (b − a) / max(a, b)
 * where a is the mean distance to its own cluster and b the mean distance to the nearest other
 * cluster. Rows labelled −1 (noise) are left out; a row alone in its cluster scores 0, as in
 * scikit-learn. On more than `SILHOUETTE_SAMPLE` rows a seeded random sample is used. Null when
 * fewer than two clusters are present.
 */
export function silhouetteScore(X: Float32Array, n: number, d: number, labels: Int32Array, rng: Rng, sample = SILHOUETTE_SAMPLE): number | null {
  let rows: number[] = [];
  for (let i = 0; i < n; i++) if (labels[i] >= 0) rows.push(i);
  if (rows.length > sample) {
    // Partial Fisher–Yates: the first `sample` entries become a uniform sample.
    for (let i = 0; i < sample; i++) {
      const j = i + rng.int(rows.length - i);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    rows = rows.slice(0, sample).sort((a, b) => a - b);
  }
  const clusters = Array.from(new Set(rows.map((i) => labels[i]))).sort((a, b) => a - b);
  if (clusters.length < 2) return null;
  const slot = new Map(clusters.map((c, s) => [c, s]));
  const m = rows.length;
  const slotOf = Int32Array.from(rows, (i) => slot.get(labels[i])!);
  const sizes = new Float64Array(clusters.length);
  for (const s of slotOf) sizes[s]++;
  const sums = new Float64Array(clusters.length);
  let total = 0;
  for (let a = 0; a < m; a++) {
    sums.fill(0);
    const ia = rows[a] * d;
    for (let b = 0; b < m; b++) {
      if (a === b) continue;
      const ib = rows[b] * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = X[ia + j] - X[ib + j];
        s += t * t;
      }
      sums[slotOf[b]] += Math.sqrt(s);
    }
    const own = slotOf[a];
    if (sizes[own] <= 1) continue;
    const within = sums[own] / (sizes[own] - 1);
    let nearest = Infinity;
    for (let c = 0; c < clusters.length; c++) if (c !== own) nearest = Math.min(nearest, sums[c] / sizes[c]);
    const denominator = Math.max(within, nearest);
    total += denominator > 0 ? (nearest - within) / denominator : 0;
  }
  return total / m;
}
