import { describe, expect, it } from 'vitest';
import { createRng, range, shuffleInPlace } from './rng';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('forks a copy that draws what the original will, without moving it (a waiting normal included)', () => {
    const rng = createRng(5);
    rng.uint32();
    rng.normal(); // leaves Box–Muller's second normal waiting
    const copy = rng.fork!();
    const fromCopy = [copy.normal(), copy.next(), copy.uint32(), copy.int(10)];
    expect([rng.normal(), rng.next(), rng.uint32(), rng.int(10)]).toEqual(fromCopy);
    // Drawing from a fork later does not move the original.
    const busy = rng.fork!();
    busy.uint32();
    busy.uint32();
    const witness = rng.fork!();
    expect(rng.uint32()).toBe(witness.uint32());
    expect(createRng(5).fork!().uint32()).toBe(createRng(5).uint32());
  });

  it('draws uniforms in [0, 1) with the right mean and normals with mean 0, sd 1', () => {
    const rng = createRng(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < 100_000; i++) {
      const z = rng.normal();
      s1 += z;
      s2 += z * z;
    }
    expect(s1 / 100_000).toBeCloseTo(0, 1);
    expect(Math.sqrt(s2 / 100_000)).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation, reproducibly', () => {
    const a = shuffleInPlace(range(50), createRng(3));
    const b = shuffleInPlace(range(50), createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(range(50)));
    expect(Array.from(a)).not.toEqual(Array.from(range(50)));
  });
});
