import { type Rng, createRng } from '../../util/rng';
import { type RowPasses, rowPasses } from './distances';
import { assign, dist2 } from './predict';

// Prediction's half (nearest centre) lives in predict.ts, which the runtime reads without the fitting code.
export { assign };

/** A k-means solution: centroids (k × d, row-major), each row's cluster, and the inertia. */
export interface KMeansSolution {
  readonly k: number;
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  /** Sum of squared distances from each row to its centroid. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Options of one k-means run. */
export interface KMeansOptions {
  readonly k: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. */
  readonly nInit: number;
  readonly maxIter: number;
  /** Stop when no centroid moves more than this (squared distance, relative to the data's variance). */
  readonly tol: number;
  /** Polled between iterations; returning true aborts (the caller throws). */
  readonly shouldStop?: () => boolean;
}

/**
 * k-means (Lloyd's algorithm) with k-means++ seeding, best of `nInit` starts, as scikit-learn's
 * KMeans: greedy k-means++ (2 + ln k candidates per centre), tolerance scaled by the mean feature
 * variance, and a final assignment so labels match the returned centroids. Each start has its own
 * seed, drawn up front, so starts can run on any thread in any order with the same result.
 */
export function fitKMeans(X: Float32Array, n: number, d: number, options: KMeansOptions, rng: Rng): KMeansSolution {
  const starts = kmeansStarts(X, n, d, options, rng);
  // One copy of the rows for the kernels serves every start.
  const passes = rowPasses(X, n, d, Math.max(starts.k, localTrials(starts.k)));
  return bestStart(starts.seeds.map((seed) => kmeansStart({ X, n, d, k: starts.k, maxIter: options.maxIter, tol: starts.tol, seed }, options.shouldStop, passes)));
}

/** One k-means start, self-contained so a helper thread can run it. */
export interface KMeansStart {
  readonly X: Float32Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly maxIter: number;
  /** Absolute tolerance (already scaled by the data's variance). */
  readonly tol: number;
  readonly seed: number;
}

/** The k actually used, the absolute tolerance, and one seed per start. */
export function kmeansStarts(X: Float32Array, n: number, d: number, options: KMeansOptions, rng: Rng): { k: number; tol: number; seeds: number[] } {
  return { k: Math.min(options.k, n), tol: options.tol * meanVariance(X, n, d), seeds: Array.from({ length: Math.max(1, options.nInit) }, () => rng.uint32()) };
}

/** Runs one start: k-means++ from its seed, then Lloyd iterations. */
export function kmeansStart(start: KMeansStart, shouldStop?: () => boolean, passes = rowPasses(start.X, start.n, start.d, Math.max(start.k, localTrials(start.k)))): KMeansSolution {
  const { X, n, d, k } = start;
  const centres = kmeansPlusPlus(X, n, d, k, createRng(start.seed), passes);
  return lloyd(X, n, d, centres, k, start.maxIter, start.tol, passes, shouldStop);
}

/** The start with the lowest inertia (the first of equals, so the choice does not depend on timing). */
export function bestStart(solutions: readonly KMeansSolution[]): KMeansSolution {
  return solutions.reduce((best, s) => (s.inertia < best.inertia ? s : best));
}

/** Candidates tried per new centre: scikit-learn's 2 + ln k. */
function localTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007, with scikit-learn's 2 + ln k local trials): each
 * new centre is drawn with probability proportional to the squared distance to the nearest centre
 * chosen so far, keeping the candidate that lowers the potential most. The trials of a round are
 * measured in one pass over the rows.
 */
export function kmeansPlusPlus(X: Float32Array, n: number, d: number, k: number, rng: Rng, passes = rowPasses(X, n, d, Math.max(1, localTrials(k)))): Float64Array {
  const C = new Float64Array(k * d);
  const trials = localTrials(k);
  const first = rng.int(n);
  for (let j = 0; j < d; j++) C[j] = X[first * d + j];
  passes.resetClosest(C.subarray(0, d));
  let potential = 0;
  const closest = passes.closest();
  for (let i = 0; i < n; i++) potential += closest[i];
  const candidates = new Float64Array(trials * d);
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < trials; t++) {
      const row = sampleByWeight(passes.closest(), potential, rng);
      for (let j = 0; j < d; j++) candidates[t * d + j] = X[row * d + j];
    }
    const sums = passes.trialSums(candidates, trials);
    let best = 0;
    for (let t = 1; t < trials; t++) if (sums[t] < sums[best]) best = t;
    const chosen = candidates.subarray(best * d, (best + 1) * d);
    C.set(chosen, c * d);
    passes.updateClosest(chosen);
    potential = sums[best];
  }
  return C;
}

/** An index drawn with probability weight[i] / total (the last positive weight on rounding). */
function sampleByWeight(weight: ArrayLike<number>, total: number, rng: Rng): number {
  if (!(total > 0)) return rng.int(weight.length);
  let r = rng.next() * total;
  let last = 0;
  for (let i = 0; i < weight.length; i++) {
    if (weight[i] > 0) last = i;
    r -= weight[i];
    if (r < 0) return i;
  }
  return last;
}

/** Lloyd iterations from the given centres. */
function lloyd(X: Float32Array, n: number, d: number, C: Float64Array, k: number, maxIter: number, tol: number, passes: RowPasses, shouldStop?: () => boolean): KMeansSolution {
  const labels = new Int32Array(n);
  const dists = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter && !shouldStop?.()) {
    iterations++;
    passes.nearest(C, k, labels, dists);
    passes.centroidSums(labels, k, sums, counts);
    relocateEmpty(X, n, d, C, k, labels, sums, counts);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = sums[c * d + j] / counts[c];
        const diff = v - C[c * d + j];
        s += diff * diff;
        C[c * d + j] = v;
      }
      shift += s;
    }
    if (shift <= tol) {
      converged = true;
      break;
    }
  }
  passes.nearest(C, k, labels, dists);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dists[i];
  return { k, centroids: C, labels, inertia, iterations, converged };
}

/**
 * An empty cluster takes the row farthest from its centre (as scikit-learn does), so k clusters stay
 * k; the sums and counts are moved with it.
 */
function relocateEmpty(X: Float32Array, n: number, d: number, C: Float64Array, k: number, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    let farDist = -1;
    for (let i = 0; i < n; i++) {
      if (counts[labels[i]] <= 1) continue;
      const dd = dist2(X, i, C, labels[i], d);
      if (dd > farDist) {
        farDist = dd;
        far = i;
      }
    }
    if (far < 0) continue;
    const from = labels[far];
    counts[from]--;
    counts[c] = 1;
    for (let j = 0; j < d; j++) {
      sums[from * d + j] -= X[far * d + j];
      sums[c * d + j] = X[far * d + j];
    }
    labels[far] = c;
  }
}

/** Mean per-feature variance of X (scikit-learn scales k-means' tolerance by it). */
function meanVariance(X: Float32Array, n: number, d: number): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X[i * d + j];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (X[i * d + j] - mean) ** 2;
    total += ss / n;
  }
  return total / Math.max(1, d);
}
