/**
 * A k-d tree over the rows of a row-major float32 matrix, for radius and nearest-neighbour queries
 * (Friedman, Bentley & Finkel 1977). Nodes split at the median of the widest dimension; leaves hold
 * up to LEAF_SIZE rows. Built in O(n log n); queries prune subtrees whose splitting plane is farther
 * than the search radius, which works well up to a few tens of dimensions.
 */
export interface KdTree {
  readonly X: Float32Array;
  readonly d: number;
  /** Row indices, grouped so each node's rows are contiguous. */
  readonly order: Int32Array;
  /** Per node: first and end offsets into `order`, split dimension (−1 for a leaf), split value, children. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly dim: Int32Array;
  readonly split: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
}

const LEAF_SIZE = 16;

/** Builds the tree over rows 0..n−1. */
export function buildKdTree(X: Float32Array, n: number, d: number): KdTree {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Children hold at least half of LEAF_SIZE rows, so there are at most n / 8 leaves.
  const capacity = 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1;
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  const dim = new Int32Array(capacity).fill(-1);
  const split = new Float64Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  let count = 1;
  start[0] = 0;
  end[0] = n;
  const stack = [0];
  while (stack.length) {
    const node = stack.pop()!;
    const lo = start[node];
    const hi = end[node];
    if (hi - lo <= LEAF_SIZE) continue;
    const axis = widestDimension(X, d, order, lo, hi);
    if (axis < 0) continue; // all rows identical: a leaf however many
    const mid = (lo + hi) >> 1;
    selectNth(X, d, order, lo, hi - 1, mid, axis);
    dim[node] = axis;
    split[node] = X[order[mid] * d + axis];
    const l = count++;
    const r = count++;
    start[l] = lo;
    end[l] = mid;
    start[r] = mid;
    end[r] = hi;
    left[node] = l;
    right[node] = r;
    stack.push(l, r);
  }
  return { X, d, order, start, end, dim, split, left, right };
}

function widestDimension(X: Float32Array, d: number, order: Int32Array, lo: number, hi: number): number {
  let best = -1;
  let bestSpread = 0;
  for (let j = 0; j < d; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let p = lo; p < hi; p++) {
      const v = X[order[p] * d + j];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max - min > bestSpread) {
      bestSpread = max - min;
      best = j;
    }
  }
  return best;
}

/** Quickselect on `order[lo..hi]` by the value in dimension `axis`, so position `nth` holds the median. */
function selectNth(X: Float32Array, d: number, order: Int32Array, lo: number, hi: number, nth: number, axis: number): void {
  while (hi > lo) {
    const pivot = X[order[(lo + hi) >> 1] * d + axis];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (X[order[i] * d + axis] < pivot) i++;
      while (X[order[j] * d + axis] > pivot) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/** Squared distance between row `a` of X and the point `q` (offset `qo` in Q). */
function dist2(X: Float32Array, a: number, Q: Float32Array, qo: number, d: number): number {
  let s = 0;
  const o = a * d;
  for (let j = 0; j < d; j++) {
    const t = X[o + j] - Q[qo + j];
    s += t * t;
  }
  return s;
}

/** Calls `visit` with every tree row within `radius` (Euclidean, inclusive) of point `qo` of Q. */
export function withinRadius(tree: KdTree, Q: Float32Array, qo: number, radius: number, visit: (row: number) => void): void {
  const { X, d, order, start, end, dim, split, left, right } = tree;
  const r2 = radius * radius;
  const stack = [0];
  while (stack.length) {
    const node = stack.pop()!;
    const axis = dim[node];
    if (axis < 0) {
      for (let p = start[node]; p < end[node]; p++) if (dist2(X, order[p], Q, qo, d) <= r2) visit(order[p]);
      continue;
    }
    const delta = Q[qo + axis] - split[node];
    // Rows equal to the split value can sit on either side, so both are searched when delta = 0.
    if (delta <= radius) stack.push(left[node]);
    if (delta >= -radius) stack.push(right[node]);
  }
}

/** Distance from point `qo` of Q to its k-th nearest tree row (the point itself counts if it is a row). */
export function kthNeighbourDistance(tree: KdTree, Q: Float32Array, qo: number, k: number): number {
  const { X, d, order, start, end, dim, split, left, right } = tree;
  const best = new Float64Array(k).fill(Infinity); // ascending squared distances
  const stack: number[] = [0];
  const bound: number[] = [0];
  while (stack.length) {
    const node = stack.pop()!;
    const lower = bound.pop()!;
    if (lower > best[k - 1]) continue;
    const axis = dim[node];
    if (axis < 0) {
      for (let p = start[node]; p < end[node]; p++) {
        const dd = dist2(X, order[p], Q, qo, d);
        if (dd >= best[k - 1]) continue;
        let at = k - 1;
        while (at > 0 && best[at - 1] > dd) {
          best[at] = best[at - 1];
          at--;
        }
        best[at] = dd;
      }
      continue;
    }
    const delta = Q[qo + axis] - split[node];
    const near = delta <= 0 ? left[node] : right[node];
    const far = delta <= 0 ? right[node] : left[node];
    // Far side first on the stack so the near side is searched first and tightens the bound.
    stack.push(far, near);
    bound.push(Math.max(lower, delta * delta), lower);
  }
  return Math.sqrt(best[k - 1]);
}

/** The nearest tree row within `radius` of point `qo` of Q (lowest row on ties), or −1 if none. */
export function nearestWithinRadius(tree: KdTree, Q: Float32Array, qo: number, radius: number): number {
  const { X, d, order, start, end, dim, split, left, right } = tree;
  let best = -1;
  let bestDist = radius * radius;
  const stack = [0];
  while (stack.length) {
    const node = stack.pop()!;
    const axis = dim[node];
    if (axis < 0) {
      for (let p = start[node]; p < end[node]; p++) {
        const row = order[p];
        const dd = dist2(X, row, Q, qo, d);
        if (dd < bestDist || (dd === bestDist && (best < 0 || row < best))) {
          bestDist = dd;
          best = row;
        }
      }
      continue;
    }
    const delta = Q[qo + axis] - split[node];
    const reach = Math.sqrt(bestDist);
    if (delta <= reach) stack.push(left[node]);
    if (delta >= -reach) stack.push(right[node]);
  }
  return best;
}
