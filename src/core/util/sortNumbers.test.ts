import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { RADIX_MIN, ascendingOrder, descendingOrder, sortedFloat64 } from './sortNumbers';

/** Values that make a bit sort go wrong if it can: signs, zeros of both signs, infinities, ties, neighbours in the last bits. */
function awkward(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  const specials = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
  for (let i = 0; i < n; i++) {
    const kind = rng.int(7);
    if (kind === 0) out[i] = specials[rng.int(specials.length)];
    // Five decimals, as the bench's CSV: many ties.
    else if (kind === 1) out[i] = Math.round((rng.next() * 4 - 2) * 1e5) / 1e5;
    // Values a few units apart in the last bits: the same high 32 bits, so the run fix-up orders them.
    else if (kind === 2) out[i] = 1 + rng.int(4000) * Number.EPSILON;
    else if (kind === 3) out[i] = -1 - rng.int(20) * Number.EPSILON;
    // Float32 scores widened to doubles.
    else if (kind === 4) out[i] = Math.fround(rng.next());
    // Short runs that share their high bits but not their low ones: the insertion fix-up.
    else if (kind === 5) out[i] = 1 + rng.int(2000) * 2 ** -20 + rng.int(4) * Number.EPSILON;
    else out[i] = (rng.next() - 0.5) * 10 ** (rng.int(40) - 20);
  }
  return out;
}

/** Object.is element by element (so −0 and +0 count as different). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('sortedFloat64', () => {
  it('sorts as TypedArray.prototype.sort does: −0 before +0, infinities at the ends, last-bit neighbours in order', () => {
    for (const n of [RADIX_MIN + 17, 50_000]) {
      const values = awkward(n, n);
      const sorted = sortedFloat64(values);
      expect(sameBits(sorted, values.slice().sort())).toBe(true);
      // Both zeros and both infinities are there, so the cases above were exercised.
      expect(sorted[0]).toBe(-Infinity);
      expect(sorted[n - 1]).toBe(Infinity);
      const zero = sorted.indexOf(0);
      expect(Object.is(sorted[zero], -0)).toBe(true);
    }
  });

  it('sorts only the first m values and leaves its input alone', () => {
    const values = awkward(RADIX_MIN * 2, 3);
    const copy = values.slice();
    const m = RADIX_MIN + 100;
    expect(sameBits(sortedFloat64(values, m), values.slice(0, m).sort())).toBe(true);
    expect(sameBits(values, copy)).toBe(true);
  });

  it('orders a long run of values that share their high bits (the comparison-sort fallback)', () => {
    const rng = createRng(9);
    const values = Float64Array.from({ length: RADIX_MIN + 500 }, () => 2 + rng.int(1_000_000) * 2 * Number.EPSILON);
    expect(sameBits(sortedFloat64(values), values.slice().sort())).toBe(true);
  });
});

describe('ascendingOrder and descendingOrder', () => {
  const comparatorOrder = (s: ArrayLike<number>, sign: number) =>
    Array.from({ length: s.length }, (_, i) => i).sort((a, b) => sign * (s[a] - s[b]) || 0);

  it('give the stable comparison sort’s positions: ties (−0 and +0 too, and equal infinities) in position order', () => {
    for (const n of [RADIX_MIN + 3, 40_000]) {
      const scores = awkward(n, n + 1);
      expect(Array.from(ascendingOrder(scores))).toEqual(Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]));
      expect(Array.from(descendingOrder(scores))).toEqual(Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]));
    }
  });

  it('order float32 scores (how probabilities arrive) and a long run of near-equal values', () => {
    const rng = createRng(4);
    const proba = Float32Array.from({ length: 30_000 }, () => Math.round(rng.next() * 1000) / 1000);
    expect(Array.from(ascendingOrder(proba))).toEqual(comparatorOrder(proba, 1));
    expect(Array.from(descendingOrder(proba))).toEqual(comparatorOrder(proba, -1));
    const near = Float64Array.from({ length: RADIX_MIN + 200 }, () => 3 + rng.int(100_000) * 4 * Number.EPSILON);
    expect(Array.from(ascendingOrder(near))).toEqual(comparatorOrder(near, 1));
  });

  it('order long runs of tied scores (a model of few leaves) in position order, runs of ties and of near values mixed', () => {
    const rng = createRng(8);
    const leaves = Array.from({ length: 31 }, () => Math.fround(rng.next()));
    const scores = Float64Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? 0.5 + rng.int(50) * Number.EPSILON : leaves[rng.int(31)]));
    expect(Array.from(ascendingOrder(scores))).toEqual(comparatorOrder(scores, 1));
    expect(Array.from(descendingOrder(scores))).toEqual(comparatorOrder(scores, -1));
    expect(sameBits(sortedFloat64(scores), scores.slice().sort())).toBe(true);
  });

  it('keep the comparison sort when a score is NaN, and below RADIX_MIN', () => {
    const scores = awkward(RADIX_MIN + 10, 5);
    scores[7] = Number.NaN;
    expect(Array.from(ascendingOrder(scores))).toEqual(Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]));
    expect(Array.from(descendingOrder(scores))).toEqual(Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]));
    const small = [0.5, -0, 0, 0.5, -1];
    expect(Array.from(ascendingOrder(small))).toEqual([4, 1, 2, 0, 3]);
    expect(Array.from(descendingOrder(small))).toEqual([0, 3, 1, 2, 4]);
  });
});
