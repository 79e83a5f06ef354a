import { KernelArena, aligned, kernelsAvailable } from '../../kernels/kernels';

/**
 * The passes of k-means over a fixed matrix of rows: nearest of a few points (centres), k-means++
 * trial potentials against the running closest distances, and per-centre sums. With WebAssembly
 * the rows sit once, padded to whole f32x4 lanes, in a kernel memory and the kernels run several
 * times faster than JavaScript (distances in float32, sums in float64); the JavaScript twin does
 * the same in float64.
 */
export interface RowPasses {
  /** For each row, the nearest of the k points (row-major k × d; lowest index on ties) and its squared distance. */
  nearest(points: Float64Array, k: number, labels: Int32Array, dists: Float64Array): void;
  /** Sets every row's closest distance to its distance from `point` (d values). */
  resetClosest(point: Float64Array): void;
  /** Lowers every row's closest distance to its distance from `point` where that is nearer. */
  updateClosest(point: Float64Array): void;
  /** Each row's closest distance, as last set. */
  closest(): ArrayLike<number>;
  /** For each of the k points, Σ over rows of min(distance to the point, closest distance). */
  trialSums(points: Float64Array, k: number): Float64Array;
  /** Per label: the sum of its rows (k × d) and their count. */
  centroidSums(labels: Int32Array, k: number, sums: Float64Array, counts: Float64Array): void;
}

/** The passes over X (n × d, row-major) for up to `maxPoints` points at once (kernels where they run). */
export function rowPasses(X: Float32Array, n: number, d: number, maxPoints: number, useKernels = kernelsAvailable()): RowPasses {
  return useKernels ? kernelPasses(X, n, d, maxPoints) : jsPasses(X, n, d);
}

function kernelPasses(X: Float32Array, n: number, d: number, maxPoints: number): RowPasses {
  const d4 = Math.max(1, Math.ceil(d / 4));
  const stride = d4 * 4;
  const bytes = [n * stride * 4, maxPoints * stride * 4, n * 4, n * 4, n * 4, maxPoints * 8, maxPoints * stride * 8, maxPoints * 8];
  const arena = new KernelArena(bytes.reduce((a, b) => a + aligned(b), 0), false);
  const [X4, P, labels, dists, closest, sums, centreSums, counts] = bytes.map((b) => arena.alloc(b));
  const buffer = arena.memory.buffer;
  const rows = new Float32Array(buffer, X4, n * stride);
  for (let i = 0; i < n; i++) rows.set(X.subarray(i * d, (i + 1) * d), i * stride);
  const points = new Float32Array(buffer, P, maxPoints * stride);
  const labelsView = new Int32Array(buffer, labels, n);
  const distsView = new Float32Array(buffer, dists, n);
  const closestView = new Float32Array(buffer, closest, n);
  const sumsView = new Float64Array(buffer, sums, maxPoints);
  const centreSumsView = new Float64Array(buffer, centreSums, maxPoints * stride);
  const countsView = new Float64Array(buffer, counts, maxPoints);
  const load = (source: Float64Array, k: number) => {
    points.fill(0, 0, k * stride);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) points[c * stride + j] = source[c * d + j];
  };
  const { kernels } = arena;
  return {
    nearest(source, k, out, outDists) {
      load(source, k);
      kernels.nearest(X4, n, d4, P, k, labels, dists);
      out.set(labelsView);
      outDists.set(distsView);
    },
    resetClosest(point) {
      closestView.fill(Infinity);
      this.updateClosest(point);
    },
    updateClosest(point) {
      load(point, 1);
      kernels.updateClosest(X4, n, d4, P, closest);
    },
    closest: () => closestView,
    trialSums(source, k) {
      load(source, k);
      sumsView.fill(0, 0, k);
      kernels.trialSums(X4, n, d4, P, k, closest, sums);
      return sumsView.slice(0, k);
    },
    centroidSums(labelsIn, k, out, outCounts) {
      labelsView.set(labelsIn);
      centreSumsView.fill(0, 0, k * stride);
      countsView.fill(0, 0, k);
      kernels.centroidSums(X4, n, d4, labels, centreSums, counts);
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[c * d + j] = centreSumsView[c * stride + j];
      outCounts.set(countsView.subarray(0, k));
    },
  };
}

function jsPasses(X: Float32Array, n: number, d: number): RowPasses {
  const closest = new Float64Array(n);
  const dist2 = (i: number, P: Float64Array, c: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = X[i * d + j] - P[c * d + j];
      s += t * t;
    }
    return s;
  };
  return {
    nearest(points, k, labels, dists) {
      for (let i = 0; i < n; i++) {
        let best = 0;
        let bestDist = dist2(i, points, 0);
        for (let c = 1; c < k; c++) {
          const v = dist2(i, points, c);
          if (v < bestDist) {
            bestDist = v;
            best = c;
          }
        }
        labels[i] = best;
        dists[i] = bestDist;
      }
    },
    resetClosest(point) {
      for (let i = 0; i < n; i++) closest[i] = dist2(i, point, 0);
    },
    updateClosest(point) {
      for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i], dist2(i, point, 0));
    },
    closest: () => closest,
    trialSums(points, k) {
      const sums = new Float64Array(k);
      for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) sums[c] += Math.min(dist2(i, points, c), closest[i]);
      return sums;
    },
    centroidSums(labels, k, sums, counts) {
      sums.fill(0, 0, k * d);
      counts.fill(0, 0, k);
      for (let i = 0; i < n; i++) {
        const c = labels[i];
        counts[c]++;
        for (let j = 0; j < d; j++) sums[c * d + j] += X[i * d + j];
      }
    },
  };
}
