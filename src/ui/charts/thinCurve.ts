/**
 * The indices of the points of a polyline worth drawing (Ramer–Douglas–Peucker): every point left
 * out lies within `tolerance` of the line through the points kept, measured after scaling x by
 * `scaleX` and y by `scaleY` (pixels per unit, at the largest size the chart is drawn). A ROC curve
 * of 4,000 test rows has 2,000 points where a few hundred draw the same picture, and recharts' work
 * grows with every point (it held the page 300 ms when a model finished with Evaluate open).
 * The first and last points are always kept; the kept indices ascend.
 */
export function thinCurve(xs: readonly number[], ys: readonly number[], scaleX: number, scaleY: number, tolerance = 0.5): number[] {
  const n = Math.min(xs.length, ys.length);
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const spans: [number, number][] = [[0, n - 1]];
  const limit = tolerance * tolerance;
  while (spans.length) {
    const [a, b] = spans.pop()!;
    const ax = xs[a] * scaleX;
    const ay = ys[a] * scaleY;
    const dx = xs[b] * scaleX - ax;
    const dy = ys[b] * scaleY - ay;
    const length2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = limit;
    for (let i = a + 1; i < b; i++) {
      const px = xs[i] * scaleX - ax;
      const py = ys[i] * scaleY - ay;
      // Squared distance to the segment (to its nearer end beyond either end).
      const t = length2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / length2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d = ex * ex + ey * ey;
      if (d > worstD) [worst, worstD] = [i, d];
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    spans.push([a, worst], [worst, b]);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

/**
 * The indices worth drawing of a curve drawn as steps (recharts' `stepAfter`: level from each
 * point to the next): a point whose level is within `tolerance` of the last kept level (after
 * scaling by `scaleY`, pixels per unit) is left out, so the steps drawn stray from the full
 * staircase by at most that, vertically, and never sideways. The first and last points are kept.
 */
export function thinSteps(ys: readonly number[], scaleY: number, tolerance = 0.5): number[] {
  const n = ys.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  for (let i = 1; i < n - 1; i++) if (Math.abs(ys[i] - ys[out[out.length - 1]]) * scaleY > tolerance) out.push(i);
  out.push(n - 1);
  return out;
}
