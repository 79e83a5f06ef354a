// Samples for the monitoring statistics' tests, drawn exactly as scripts/monitor-scipy-reference.py
// draws them (its port of createRng) so SciPy and Sapling see bit-identical values: only + − × ÷
// on the generator's uniforms, which IEEE 754 rounds the same way in both languages.
import { createRng } from '../util/rng';

/** The distribution shapes the reference script knows. */
export type MonitorSampleKind = 'normal' | 'skewed' | 'ints' | 'few' | 'uniform';

/** `n` values of a shape from `seed`, scaled then shifted, as the reference script's sample(). */
export function monitorSample(kind: MonitorSampleKind, n: number, seed: number, shift = 0, scale = 1): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    if (kind === 'normal') {
      // Irwin–Hall: the sum of 12 uniforms minus 6, near-normal with variance 1.
      let s = 0;
      for (let k = 0; k < 12; k++) s += rng.next();
      v = s - 6;
    } else if (kind === 'skewed') {
      v = 1 / (rng.next() + 0.05);
    } else if (kind === 'ints') {
      v = Math.floor(rng.next() * 10);
    } else if (kind === 'few') {
      const u = rng.next();
      v = u < 0.5 ? 0 : u < 0.8 ? 1.5 : u < 0.95 ? 4 : 10;
    } else {
      v = rng.next();
    }
    out[i] = v * scale + shift;
  }
  return out;
}
