/** Chart series of a learner's episodes: moving averages and thinning for long runs. */

/**
 * The trailing moving average of `values` over `window` points: point i averages values
 * max(0, i−window+1)…i, so the first points average what there is (as Gymnasium's and SB3's
 * episode-return smoothing does). Runs in O(n) with a running sum.
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  const w = Math.max(1, Math.floor(window));
  const out: number[] = new Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= w) sum -= values[i - w];
    out[i] = sum / Math.min(i + 1, w);
  }
  return out;
}

/** The window a curve of `n` episodes is smoothed over: about a twentieth of it, between 5 and 100. */
export function smoothingWindow(n: number): number {
  return Math.max(5, Math.min(100, Math.round(n / 20)));
}

/** The indices of at most about `max` evenly spaced points of `n`, always keeping the last (charts stay cheap while a long run streams). */
export function thinnedIndices(n: number, max = 400): number[] {
  const step = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}
