// Sketches of a column (what a model file keeps of its training rows) and the drift tests against
// them. A numeric sketch keeps quantile bins whose cumulative counts are exact at every edge; the
// tests take the reference's CDF as piecewise linear between edges. Values that repeat a lot (ties,
// integers, a column with a few distinct values) would be smeared by that line, so each such value
// gets a bin of its own one float wide, (nextDown(v), v]: the CDF then jumps there as the real one
// does, and the sketch is exact for columns with at most `bins` distinct values. Both follow the
// contract's bin rule (types.ts): v falls in bin i when edges[i] < v ≤ edges[i + 1], bin 0 also
// takes edges[0] (so edges[0] = edges[1] is a bin holding only the minimum).
import { keyed, own } from '../util/keyed';
import type { CategoricalSketch, NumericSketch } from './types';
import type { TestResult } from './stats';
import { ksTest, sortedFinite } from './stats';

/** Quantile bins a numeric sketch aims for (atoms may add up to two edges each). */
export const DEFAULT_SKETCH_BINS = 100;
/** Categories a categorical sketch keeps by name; the rarer ones are counted together as `other`. */
export const DEFAULT_SKETCH_CATEGORIES = 100;
/** The label `categoricalCountsOn` gives the folded categories. */
export const OTHER_CATEGORY = '(other)';

const scratch = new Float64Array(1);
// The double's two 32-bit halves; every platform JavaScript runs on stores them little-endian.
const halves = new Uint32Array(scratch.buffer);

/** The largest double below x (x finite): one unit off its bit pattern, away from 0 for negatives. */
export function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  scratch[0] = x;
  if (x > 0) {
    if (halves[0] === 0) halves[1]--;
    halves[0]--;
  } else {
    if (halves[0] === 0xffffffff) halves[1]++;
    halves[0]++;
  }
  return scratch[0];
}

/** Index of the first element of `a[from..to)` that is ≥ x (to when none). */
function lowerBound(a: ArrayLike<number>, x: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of `a` that is > x (a.length when none). */
function upperBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count, mean and population standard deviation of sorted values (two passes: no cancellation). */
function moments(sorted: Float64Array): { mean: number; std: number } {
  const n = sorted.length;
  if (n === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / n) };
}

/**
 * The values that get a bin of their own: every distinct value when there are at most `bins` of
 * them (`few`: the sketch is then exact), else those that fill a quantile bin by themselves.
 */
function atomsOf(sorted: Float64Array, bins: number): { atoms: number[]; few: boolean } {
  const heavy = sorted.length / bins;
  const distinct: number[] = [];
  const atoms: number[] = [];
  let runs = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (++runs <= bins) distinct.push(sorted[i]);
    if (j - i >= heavy) atoms.push(sorted[i]);
    i = j;
  }
  return runs <= bins ? { atoms: distinct, few: true } : { atoms, few: false };
}

/** Ascending bin edges for sorted values: quantiles, plus (nextDown(v), v] around each atom v. */
function edgesOf(sorted: Float64Array, bins: number): number[] {
  const n = sorted.length;
  const min = sorted[0];
  const { atoms, few } = atomsOf(sorted, bins);
  const candidates: number[] = [sorted[n - 1]];
  if (!few) {
    // Quantiles of the values outside the atoms (which have bins of their own already), so a column
    // that is 40% zeros still gets `bins` bins over its other values.
    const atomSet = new Set(atoms);
    const rest = atoms.length ? sorted.filter((v) => !atomSet.has(v)) : sorted;
    const r = rest.length;
    // The value at which the cumulative count reaches i/bins of the rows.
    for (let i = 1; i < bins && r > 0; i++) candidates.push(rest[Math.ceil((i * r) / bins) - 1]);
    // The outer bins halved again and again down to a value or two: a line across a long tail's
    // last bin (the 99th percentile to the maximum) would move its mass far from where it lies and
    // cost the Wasserstein distance more than all the other bins together.
    for (let share = 1 / (2 * bins); share * r >= 1; share /= 2) {
      candidates.push(rest[Math.max(0, Math.ceil(share * r) - 1)], rest[Math.min(r - 1, Math.ceil((1 - share) * r) - 1)]);
    }
  }
  for (const a of atoms) if (a !== min) candidates.push(nextDown(a), a);
  candidates.sort((a, b) => a - b);
  // The minimum always gets the bin [min, min] (edges[0] = edges[1]): then the CDF is exact at the
  // first edge too, and a frequent minimum (zeros) jumps as it should.
  const edges = [min, min];
  for (const c of candidates) if (c > edges[edges.length - 1]) edges.push(c);
  return edges;
}

/** Counts per bin of sorted values on `edges` (the contract's rule: (edges[i], edges[i+1]], bin 0 also edges[0]). */
function binCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts: number[] = [];
  let before = 0;
  for (let i = 1; i < edges.length; i++) {
    const upTo = upperBound(sorted, edges[i]);
    counts.push(upTo - before);
    before = upTo;
  }
  return counts;
}

/** A numeric column's sketch: quantile bins (about `bins`, one per frequent value besides) and its moments; NaN is missing. */
export function numericSketch(values: ArrayLike<number>, bins = DEFAULT_SKETCH_BINS): NumericSketch {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  const missing = values.length - n;
  if (n === 0) return { kind: 'numeric', count: 0, missing, min: 0, max: 0, mean: 0, std: 0, edges: [], counts: [] };
  const { mean, std } = moments(sorted);
  const edges = edgesOf(sorted, Math.max(1, Math.floor(bins)));
  return { kind: 'numeric', count: n, missing, min: sorted[0], max: sorted[n - 1], mean, std, edges, counts: binCounts(sorted, edges) };
}

/**
 * The distinct values a numeric sketch holds when it holds them exactly (every non-empty bin is
 * [min, min] or one float wide, as for a column of at most `bins` values), ascending; else null.
 * Test choice needs it: the edges of such a sketch also hold the nextDown(v) that open its bins.
 */
export function distinctValuesOf(sketch: NumericSketch): number[] | null {
  const { edges, counts } = sketch;
  const values: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    const point = edges[i] === edges[i + 1] || edges[i] === nextDown(edges[i + 1]);
    if (!point) return null;
    values.push(edges[i + 1]);
  }
  return values;
}

/** The current values sketched on the reference's bins, with `below` / `above` for values outside its edges. */
export function numericSketchOn(reference: NumericSketch, values: ArrayLike<number>): NumericSketch {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  const { mean, std } = moments(sorted);
  const edges = reference.edges;
  const base = { kind: 'numeric' as const, count: n, missing: values.length - n, min: n ? sorted[0] : 0, max: n ? sorted[n - 1] : 0, mean, std, edges };
  if (edges.length < 2) return { ...base, counts: [], below: 0, above: n };
  const below = lowerBound(sorted, edges[0]);
  const above = n - upperBound(sorted, edges[edges.length - 1]);
  const counts = binCounts(sorted, edges);
  counts[0] -= below;
  return { ...base, counts, below, above };
}

/** The reference's CDF as the tests take it: exact at every edge, linear between edges, 0 before the first and 1 after the last. */
export function sketchCdf(reference: NumericSketch): (x: number) => number {
  const piece = referencePieces(reference);
  // Every bin ending at or before x counts whole (zero-width ones too), the one x is in by its line.
  return (x) => piece(upperBound(reference.edges, x), x);
}

/**
 * The reference CDF's linear pieces: piece(k, x) is the line over [edges[k − 1], edges[k]) (k = 0:
 * before the first edge, 0; k = edges.length: after the last, 1) evaluated at x on its closure.
 * Walks that keep k themselves use it instead of `sketchCdf`'s search.
 */
function referencePieces(reference: NumericSketch): (k: number, x: number) => number {
  const { edges, counts } = reference;
  const total = counts.reduce((s, c) => s + c, 0);
  const cumulative = [0];
  for (const c of counts) cumulative.push(cumulative[cumulative.length - 1] + c);
  return (k, x) => {
    if (k === 0) return 0;
    if (k === edges.length) return 1;
    const lo = edges[k - 1];
    return (cumulative[k - 1] + (counts[k - 1] * (x - lo)) / (edges[k] - lo)) / total;
  };
}

/** Whether a sketch can stand for a distribution: it summarises at least one value. */
function checkReference(reference: NumericSketch, what: string): void {
  if (!(reference.count > 0) || reference.edges.length < 2) throw new Error(`internal error: ${what} needs a reference sketch with values`);
}

/**
 * Two-sided KS of raw current values against a reference sketch: the largest gap between the
 * current ECDF and the reference CDF taken as `sketchCdf`, looked at every current value and every
 * edge. The p-value is SciPy's for that statistic with the reference's count as n1 (`ksTest`:
 * exact up to 10,000 values a side, asymptotic beyond), so it differs from the raw-row one only
 * through the statistic.
 */
export function ks2sampSketch(reference: NumericSketch, current: ArrayLike<number>): TestResult {
  checkReference(reference, 'ks2sampSketch');
  const sorted = sortedFinite(current);
  const m = sorted.length;
  if (m === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  const cdf = referencePieces(reference);
  const { edges } = reference;
  let d = 0;
  // Every current value and every edge, ascending (edges merged in as they come); `i` counts the
  // current values below x, `k` the edges ≤ x and `kBefore` the edges < x.
  let i = 0;
  let k = 0;
  let kBefore = 0;
  let e = 0;
  while (i < m || e < edges.length) {
    const x = e < edges.length && (i >= m || edges[e] <= sorted[i]) ? edges[e] : sorted[i];
    while (e < edges.length && edges[e] <= x) e++;
    let j = i;
    while (j < m && sorted[j] === x) j++;
    while (k < edges.length && edges[k] <= x) k++;
    while (kBefore < edges.length && edges[kBefore] < x) kBefore++;
    d = Math.max(d, Math.abs(cdf(k, x) - j / m));
    // Between evaluation points the reference line is monotone and the current ECDF flat, so the
    // gap also peaks just before a point. Not where the current repeats x: then x is a value the
    // data take often (integers, codes), the reference most likely jumps there too, and its line
    // would stand for mass below x that is not there.
    if (j - i <= 1) d = Math.max(d, Math.abs(cdf(kBefore, nextDown(x)) - i / m));
    i = j;
  }
  return ksTest(d, reference.count, m);
}

/**
 * Reference and current counts on about `bins` quantile bins of the reference, open at both ends
 * (values below or above the reference fall in the first or last), for the PSI: its ~100 fine bins
 * would make the index mostly sampling noise (about (bins − 1)·(1/n + 1/m) with nothing moved).
 * `current` is the current values sketched on the reference (`numericSketchOn`).
 */
export function psiCounts(reference: NumericSketch, current: NumericSketch, bins = 10): { reference: number[]; current: number[] } {
  if (current.counts.length !== reference.counts.length) throw new Error('internal error: psiCounts needs the current values sketched on the reference bins');
  const total = reference.counts.reduce((a, b) => a + b, 0);
  const ref: number[] = [];
  const cur: number[] = [];
  let accRef = 0;
  let accCur = current.below ?? 0;
  let cumulative = 0;
  let target = 1;
  for (let i = 0; i < reference.counts.length; i++) {
    accRef += reference.counts[i];
    accCur += current.counts[i];
    cumulative += reference.counts[i];
    // Close a bin once the cumulative count reaches the next tenth; a frequent value may pass several.
    if (cumulative * bins >= target * total && accRef > 0) {
      ref.push(accRef);
      cur.push(accCur);
      accRef = 0;
      accCur = 0;
      while (cumulative * bins >= target * total) target++;
    }
  }
  if (ref.length === 0) return { reference: [accRef], current: [accCur + (current.above ?? 0)] };
  ref[ref.length - 1] += accRef;
  cur[cur.length - 1] += accCur + (current.above ?? 0);
  return { reference: ref, current: cur };
}

/** ∫ |f| over [0, w] for f linear from f0 to f1. */
function absLinearIntegral(f0: number, f1: number, w: number): number {
  if ((f0 >= 0 && f1 >= 0) || (f0 <= 0 && f1 <= 0)) return (w * Math.abs(f0 + f1)) / 2;
  return (w * (f0 * f0 + f1 * f1)) / (2 * (Math.abs(f0) + Math.abs(f1)));
}

/**
 * The first Wasserstein distance between a reference sketch (its CDF linear between edges, as
 * `sketchCdf`) and raw current values: ∫ |G(x) − H(x)| dx, exact for that G. Divide by the
 * reference's std for Evidently's normed figure.
 */
export function wassersteinSketch(reference: NumericSketch, current: ArrayLike<number>): number {
  checkReference(reference, 'wassersteinSketch');
  const sorted = sortedFinite(current);
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const { edges } = reference;
  const piece = referencePieces(reference);
  let total1 = 0;
  let i = 0; // current values ≤ p
  let k = 0; // edges ≤ p
  let p = Math.min(sorted[0], edges[0]);
  while (i < m && sorted[i] <= p) i++;
  while (k < edges.length && edges[k] <= p) k++;
  // Between consecutive breakpoints (edges and current values) the current ECDF is flat and the
  // reference CDF one linear piece, so each stretch integrates in closed form.
  while (i < m || k < edges.length) {
    const q = Math.min(i < m ? sorted[i] : Infinity, k < edges.length ? edges[k] : Infinity);
    const h = i / m;
    total1 += absLinearIntegral(piece(k, p) - h, piece(k, q) - h, q - p);
    while (i < m && sorted[i] <= q) i++;
    while (k < edges.length && edges[k] <= q) k++;
    p = q;
  }
  return total1;
}

/** A categorical column's sketch: counts of its `keep` most frequent categories, the rest counted as `other`; null is missing. */
export function categoricalSketch(values: readonly (string | null | undefined)[], keep = DEFAULT_SKETCH_CATEGORIES): CategoricalSketch {
  const tally = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v == null) missing++;
    else tally.set(v, (tally.get(v) ?? 0) + 1);
  }
  // Most frequent first, ties by name, so the same rows always keep the same categories.
  const ranked = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = ranked.slice(0, Math.max(0, Math.floor(keep)));
  const other = ranked.slice(kept.length).reduce((s, [, c]) => s + c, 0);
  return { kind: 'categorical', count: values.length - missing, missing, categories: keyed(kept), other };
}

/**
 * Reference and current counts on the same categories: the reference's (most frequent first), then
 * `(other)` for its folded ones, then categories the reference never saw (reference count 0, most
 * frequent first). A current category the reference does not name goes to `(other)` when the
 * reference folded some away (it may be one of them) and gets its own entry when it folded none.
 * Missing values (null) are left out; the categories of the result are distinct.
 */
export function categoricalCountsOn(
  reference: CategoricalSketch,
  values: readonly (string | null | undefined)[],
): { categories: string[]; reference: number[]; current: number[] } {
  // Read the reference in count order: an object lists integer-like keys first whatever their counts.
  const named = Object.keys(reference.categories)
    .map((c) => [c, own(reference.categories, c) ?? 0] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const index = new Map<string, number>(named.map(([c], i) => [c, i]));
  const current = named.map(() => 0);
  let other = 0;
  const unseen = new Map<string, number>();
  for (const v of values) {
    if (v == null) continue;
    const at = index.get(v);
    if (at !== undefined) current[at]++;
    else if (reference.other > 0) other++;
    else unseen.set(v, (unseen.get(v) ?? 0) + 1);
  }
  const categories = named.map(([c]) => c);
  const ref = named.map(([, n]) => n);
  if (reference.other > 0 || other > 0) {
    categories.push(uniqueLabel(OTHER_CATEGORY, index));
    ref.push(reference.other);
    current.push(other);
  }
  for (const [c, n] of [...unseen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    categories.push(c);
    ref.push(0);
    current.push(n);
  }
  return { categories, reference: ref, current };
}

/** `label`, or `label` with a number after it when a real category already has that name. */
function uniqueLabel(label: string, taken: ReadonlyMap<string, number>): string {
  let out = label;
  for (let i = 2; taken.has(out); i++) out = `${label} ${i}`;
  return out;
}
