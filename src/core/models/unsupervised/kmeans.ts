import type { Rng } from '../../util/rng';

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
 * variance, and a final assignment so labels match the returned centroids.
 */
export function fitKMeans(X: Float32Array, n: number, d: number, options: KMeansOptions, rng: Rng): KMeansSolution {
  const k = Math.min(options.k, n);
  const tol = options.tol * meanVariance(X, n, d);
  let best: KMeansSolution | null = null;
  for (let run = 0; run < options.nInit; run++) {
    if (options.shouldStop?.()) break;
    const solution = lloyd(X, n, d, kmeansPlusPlus(X, n, d, k, rng), k, options.maxIter, tol, options.shouldStop);
    if (!best || solution.inertia < best.inertia) best = solution;
  }
  return best ?? lloyd(X, n, d, kmeansPlusPlus(X, n, d, k, rng), k, 0, tol);
}

/** Squared Euclidean distance from row `i` of X to centre `c` of C. */
function dist2(X: Float32Array, i: number, C: Float64Array, c: number, d: number): number {
  let s = 0;
  const xo = i * d;
  const co = c * d;
  for (let j = 0; j < d; j++) {
    const t = X[xo + j] - C[co + j];
    s += t * t;
  }
  return s;
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007, with scikit-learn's 2 + ln k local trials): each
 * new centre is drawn with probability proportional to the squared distance to the nearest centre
 * chosen so far, keeping the candidate that lowers the potential most.
 */
export function kmeansPlusPlus(X: Float32Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const C = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  for (let j = 0; j < d; j++) C[j] = X[first * d + j];
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i] = dist2(X, i, C, 0, d);
  const candidate = new Float64Array(n);
  const bestCandidate = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestRow = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const row = sampleByWeight(closest, potential, rng);
      let p = 0;
      const xo = row * d;
      for (let i = 0; i < n; i++) {
        let s = 0;
        const io = i * d;
        for (let j = 0; j < d; j++) {
          const diff = X[io + j] - X[xo + j];
          s += diff * diff;
        }
        const m = s < closest[i] ? s : closest[i];
        candidate[i] = m;
        p += m;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestRow = row;
        bestCandidate.set(candidate);
      }
    }
    for (let j = 0; j < d; j++) C[c * d + j] = X[bestRow * d + j];
    closest.set(bestCandidate);
    potential = bestPotential;
  }
  return C;
}

/** An index drawn with probability weight[i] / total (the last positive weight on rounding). */
function sampleByWeight(weight: Float64Array, total: number, rng: Rng): number {
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
function lloyd(X: Float32Array, n: number, d: number, C: Float64Array, k: number, maxIter: number, tol: number, shouldStop?: () => boolean): KMeansSolution {
  const labels = new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter && !shouldStop?.()) {
    iterations++;
    assign(X, n, d, C, k, labels);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const so = c * d;
      const xo = i * d;
      for (let j = 0; j < d; j++) sums[so + j] += X[xo + j];
    }
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
  const inertia = assign(X, n, d, C, k, labels);
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

/** Labels each row with its nearest centre (lowest index on ties); returns the inertia. */
export function assign(X: Float32Array, n: number, d: number, C: Float64Array, k: number, labels: Int32Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = dist2(X, i, C, 0, d);
    for (let c = 1; c < k; c++) {
      const dd = dist2(X, i, C, c, d);
      if (dd < bestDist) {
        bestDist = dd;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDist;
  }
  return inertia;
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
