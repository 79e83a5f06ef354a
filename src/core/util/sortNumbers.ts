// Sorting numbers by their bits (least significant digit first) where a comparison sort was the
// largest cost outside the boosting loop of a 200,000-row `sapling train`: the monitoring sketch
// sorts every column, and ROC AUC and its curves sort every score by a comparator. The order is the
// one TypedArray.prototype.sort gives (−0 before +0, −Infinity first, +Infinity last); NaN has no
// place in it, so callers drop NaN first (`sortedFinite`) or keep their comparison sort for it.
//
// How: a double's bits, made unsigned-ordered (all bits flipped for negatives, the sign bit set for
// the rest), sort by their high 32 bits in two passes of 16 bits; runs sharing those bits (equal
// values, or values a few units apart in the last 32 bits) are then put in order by value, by
// insertion while short. Float32 scores widened to doubles have zeros in their low bits, so for
// them the two passes already give the whole order.

/** Runs of equal high bits up to this length are ordered by insertion; longer ones by a comparison sort. */
const INSERTION_RUN = 32;
const DIGITS = 65536;
/**
 * Below this many values the comparison sorts win (the two digit tables alone are 512 KB), and
 * the functions here use them.
 */
export const RADIX_MIN = 4096;

/** The unsigned-ordered high 32 bits of each value (a double's sign, exponent and top of the mantissa). */
function highKeys(values: Float64Array, m: number): Uint32Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * m);
  const keys = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const h = bits[2 * i + 1];
    keys[i] = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
  return keys;
}

/** Starting slots of each 16-bit digit (low and high halves of the keys), counted in one read. */
function digitStarts(keys: Uint32Array, m: number): { low: Int32Array; high: Int32Array } {
  const low = new Int32Array(DIGITS);
  const high = new Int32Array(DIGITS);
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    low[k & 0xffff]++;
    high[k >>> 16]++;
  }
  let sumLow = 0;
  let sumHigh = 0;
  for (let d = 0; d < DIGITS; d++) {
    const a = low[d];
    low[d] = sumLow;
    sumLow += a;
    const b = high[d];
    high[d] = sumHigh;
    sumHigh += b;
  }
  return { low, high };
}

/**
 * The positions 0 … m − 1 of `values` (no NaN among them) in ascending order of their high 32 bits,
 * stable, and those bits in that order.
 */
function orderByHighBits(values: Float64Array, m: number): { order: Int32Array; keys: Uint32Array } {
  const keys = highKeys(values, m);
  const { low, high } = digitStarts(keys, m);
  const midKeys = new Uint32Array(m);
  const midOrder = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    const p = low[k & 0xffff]++;
    midKeys[p] = k;
    midOrder[p] = i;
  }
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const k = midKeys[i];
    const p = high[k >>> 16]++;
    keys[p] = k;
    order[p] = midOrder[i];
  }
  return { order, keys };
}

/**
 * The first m values of `values` (none NaN) sorted ascending into a new array, in the order
 * TypedArray.prototype.sort gives, several times faster at 100,000 values and more.
 */
export function sortedFloat64(values: Float64Array, m = values.length): Float64Array {
  if (m < RADIX_MIN) return values.slice(0, m).sort();
  const { order, keys } = orderByHighBits(values, m);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = values[order[i]];
  // Values sharing their high bits are in input order: put each such run in order by value.
  for (let s = 0; s < m; ) {
    const k = keys[s];
    let e = s + 1;
    while (e < m && keys[e] === k) e++;
    if (e - s > INSERTION_RUN) {
      // Often a run of ties (already in order, and a comparison sort of it would cost what the whole did).
      if (!inOrder(out, s, e)) out.subarray(s, e).sort();
    } else {
      for (let i = s + 1; i < e; i++) {
        const v = out[i];
        let j = i - 1;
        while (j >= s && out[j] > v) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = v;
      }
    }
    s = e;
  }
  return out;
}

/**
 * Positions 0 … n − 1 of `scores` in ascending order of score, equal scores in position order (a
 * stable sort), as `Array.from({length: n}, (_, i) => i).sort((a, b) => scores[a] - scores[b])` gives
 * them. With a NaN score it is that comparison sort, so the order stays what it was.
 */
export function ascendingOrder(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  if (n < RADIX_MIN) return comparisonOrder(scores, 1);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v !== v) return comparisonOrder(scores, 1);
    // + 0 turns −0 into +0: the comparator finds them equal, so they keep their positions' order.
    values[i] = v + 0;
  }
  const { order, keys } = orderByHighBits(values, n);
  for (let s = 0; s < n; ) {
    const k = keys[s];
    let e = s + 1;
    while (e < n && keys[e] === k) e++;
    if (e - s > 1) orderRun(order, values, s, e);
    s = e;
  }
  return order;
}

/** Whether values[s..e) never decrease. */
function inOrder(values: Float64Array, s: number, e: number): boolean {
  for (let i = s + 1; i < e; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

/** Orders order[s..e) by value (stable: a position moves only past larger values). */
function orderRun(order: Int32Array, values: Float64Array, s: number, e: number): void {
  if (e - s > INSERTION_RUN) {
    // Ties (the scores of a model with few leaves: thousands of rows per value) are in order already.
    let sorted = true;
    for (let i = s + 1; i < e && sorted; i++) if (values[order[i]] < values[order[i - 1]]) sorted = false;
    if (sorted) return;
    order.subarray(s, e).set(Array.from(order.subarray(s, e)).sort((a, b) => values[a] - values[b] || a - b));
    return;
  }
  for (let i = s + 1; i < e; i++) {
    const p = order[i];
    const v = values[p];
    let j = i - 1;
    while (j >= s && values[order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = p;
  }
}

/**
 * Positions of `scores` in descending order of score, equal scores in position order, as
 * `Array.from({length: n}, (_, i) => i).sort((a, b) => scores[b] - scores[a])` gives them (that
 * comparison sort where a score is NaN).
 */
export function descendingOrder(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  if (n < RADIX_MIN) return comparisonOrder(scores, -1);
  for (let i = 0; i < n; i++) if (scores[i] !== scores[i]) return comparisonOrder(scores, -1);
  // Ascending order of −score is descending order of score, ties still in position order.
  const negated = new Float64Array(n);
  for (let i = 0; i < n; i++) negated[i] = -scores[i];
  return ascendingOrder(negated);
}

/** The comparison sort the orders above stand for: positions by score times `sign`, ties (and NaN, which compares equal) stable. */
function comparisonOrder(scores: ArrayLike<number>, sign: 1 | -1): Int32Array {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort(sign > 0 ? (a, b) => scores[a] - scores[b] : (a, b) => scores[b] - scores[a]);
  return Int32Array.from(order);
}
