import { HIST_BINS } from './split';

/*
 * The JavaScript twins of the histogram team's kernels (kernels.wat), used where WebAssembly is
 * missing; kernels.test.ts checks that both give the same numbers.
 */

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
