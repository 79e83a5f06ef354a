// Isotonic calibration of a classifier's probabilities, as CBPE (NannyML) needs it: the share of
// rows that truly are class c as an increasing function of the model's probability of c, fitted on
// the test rows. Follows scikit-learn's IsotonicRegression(out_of_bounds='clip'): rows with equal
// probability are pooled first (weighted mean), then pool-adjacent-violators, then only the first
// and last point of each constant run are kept; predictions interpolate linearly and clip at the ends.
import { sortedFloat64 } from '../util/sortNumbers';

/** An increasing calibration map: breakpoints `x` (ascending) → calibrated `y`, linear between them. */
export interface CalibrationMap {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * The isotonic (increasing) regression of `target` (0/1 or any number) on `score`, as its
 * breakpoints: one point per distinct score where the fitted value changes, the first and last of
 * each constant run kept (scikit-learn's `X_thresholds_`, `y_thresholds_`). NaN scores are skipped.
 */
export function isotonicFit(score: ArrayLike<number>, target: ArrayLike<number>): CalibrationMap {
  const order: number[] = [];
  for (let i = 0; i < score.length; i++) if (!Number.isNaN(score[i])) order.push(i);
  order.sort((a, b) => score[a] - score[b]);
  // Distinct scores with the summed target and weight of their rows (scikit-learn's `_make_unique`).
  const xs: number[] = [];
  const sums: number[] = [];
  const weights: number[] = [];
  for (const i of order) addRow(xs, sums, weights, score[i], target[i]);
  return poolAdjacentViolators(xs, sums, weights);
}

/**
 * `isotonicFit` of a one-vs-rest truth (`positive[i]` is 1 when row i is of the class): the same
 * map, sooner. The scores of the class's rows and of the others are sorted apart (a typed array
 * sorts natively, without a comparator: 20,000 rows take a few milliseconds instead of ~50) and
 * merged.
 */
export function isotonicFitBinary(score: ArrayLike<number>, positive: ArrayLike<number>): CalibrationMap {
  let nPos = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i] === 1 && !Number.isNaN(score[i])) nPos++;
  const pos = new Float64Array(nPos);
  const neg: number[] = [];
  let p = 0;
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i])) continue;
    if (positive[i] === 1) pos[p++] = score[i];
    else neg.push(score[i]);
  }
  const posSorted = sortedFloat64(pos);
  const negSorted = sortedFloat64(Float64Array.from(neg));
  const xs: number[] = [];
  const sums: number[] = [];
  const weights: number[] = [];
  for (let a = 0, b = 0; a < posSorted.length || b < negSorted.length; ) {
    if (b >= negSorted.length || (a < posSorted.length && posSorted[a] <= negSorted[b])) addRow(xs, sums, weights, posSorted[a++], 1);
    else addRow(xs, sums, weights, negSorted[b++], 0);
  }
  return poolAdjacentViolators(xs, sums, weights);
}

/** Adds a row (in ascending score order) to the distinct scores, pooling it with an equal one. */
function addRow(xs: number[], sums: number[], weights: number[], x: number, t: number): void {
  const last = xs.length - 1;
  if (last >= 0 && xs[last] === x) {
    sums[last] += t;
    weights[last]++;
  } else {
    xs.push(x);
    sums.push(t);
    weights.push(1);
  }
}

/** Pool adjacent violators over distinct ascending scores with their target sums and weights, then trim the runs. */
function poolAdjacentViolators(xs: readonly number[], sums: readonly number[], weights: readonly number[]): CalibrationMap {
  const blockValue: number[] = [];
  const blockWeight: number[] = [];
  const blockStart: number[] = [];
  for (let j = 0; j < xs.length; j++) {
    let value = sums[j] / weights[j];
    let weight = weights[j];
    let start = j;
    while (blockValue.length && blockValue[blockValue.length - 1] >= value) {
      const w = blockWeight.pop()!;
      value = (blockValue.pop()! * w + value * weight) / (w + weight);
      weight += w;
      start = blockStart.pop()!;
    }
    blockValue.push(value);
    blockWeight.push(weight);
    blockStart.push(start);
  }
  const fitted = new Array<number>(xs.length);
  blockStart.forEach((start, b) => {
    const end = b + 1 < blockStart.length ? blockStart[b + 1] : xs.length;
    for (let j = start; j < end; j++) fitted[j] = blockValue[b];
  });
  return trimRuns(xs, fitted);
}

/** Drops the inner points of constant runs: a point is kept unless its y equals both neighbours'. */
function trimRuns(xs: readonly number[], ys: readonly number[]): CalibrationMap {
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 0; j < xs.length; j++) {
    if (j > 0 && j < xs.length - 1 && ys[j] === ys[j - 1] && ys[j] === ys[j + 1]) continue;
    x.push(xs[j]);
    y.push(ys[j]);
  }
  return { x, y };
}

/**
 * A map of at most `maxPoints` breakpoints, kept small for the model file: every value rounded to
 * `digits` significant digits (probabilities are float32, 7 digits at most), points whose x
 * rounds onto the previous one dropped, runs trimmed again, and, when still too many, points taken
 * at evenly spaced positions (first and last always kept), which bends the line between them only.
 */
export function compactMap(map: CalibrationMap, maxPoints: number, digits = 6): CalibrationMap {
  const round = (v: number) => Number(v.toPrecision(digits));
  const xs: number[] = [];
  const ys: number[] = [];
  map.x.forEach((v, j) => {
    const x = round(v);
    if (xs.length && x <= xs[xs.length - 1]) return;
    xs.push(x);
    ys.push(round(map.y[j]));
  });
  const trimmed = trimRuns(xs, ys);
  if (trimmed.x.length <= maxPoints) return trimmed;
  const keep = Math.max(2, maxPoints);
  const x: number[] = [];
  const y: number[] = [];
  for (let t = 0; t < keep; t++) {
    const j = Math.round((t * (trimmed.x.length - 1)) / (keep - 1));
    x.push(trimmed.x[j]);
    y.push(trimmed.y[j]);
  }
  return { x, y };
}

/**
 * The calibrated value of probability `p`: linear between the map's breakpoints, clamped to the
 * first and last y outside them (`out_of_bounds='clip'`). An empty map leaves `p` as it is.
 */
export function applyCalibration(map: CalibrationMap, p: number): number {
  const { x, y } = map;
  const n = x.length;
  if (n === 0 || Number.isNaN(p)) return p;
  if (p <= x[0]) return y[0];
  if (p >= x[n - 1]) return y[n - 1];
  // The last breakpoint at or below p (x ascending), by bisection: maps hold up to a few hundred points.
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= p) lo = mid;
    else hi = mid;
  }
  const span = x[hi] - x[lo];
  return span > 0 ? y[lo] + ((p - x[lo]) / span) * (y[hi] - y[lo]) : y[hi];
}
