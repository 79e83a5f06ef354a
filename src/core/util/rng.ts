/**
 * Seeded pseudo-random numbers. Every random choice in Sapling (splits, shuffles, weight
 * initialisation) draws from one of these, so a recipe with a seed repeats exactly.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32 so
 * nearby seeds give unrelated streams. It passes PractRand to 2^50 bytes and is 4 lines of JS.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A 32-bit unsigned integer, for seeding other generators (e.g. TF.js initialisers). */
  uint32(): number;
  /**
   * A copy that goes on from this generator's current state independently (same draws, neither
   * moves the other): an ensemble fits each member from the stream it would get when fitted alone.
   */
  fork?(): Rng;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a seeded generator; the same seed always gives the same sequence. */
export function createRng(seed: number): Rng {
  const mix = splitmix32(seed);
  const [a, b, c, d] = [mix(), mix(), mix(), mix()];
  const rng = sfc32(a, b, c, d, null);
  for (let i = 0; i < 12; i++) rng.uint32();
  return rng;
}

/** sfc32 from its four words of state (and Box–Muller's spare normal, if one is waiting). */
function sfc32(a: number, b: number, c: number, d: number, spare: number | null): Rng {
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = () => uint32() / 4294967296;
  return {
    next,
    uint32,
    fork: () => sfc32(a, b, c, d, spare),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Fisher–Yates shuffle of `values` in place, driven by `rng`. Returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/** The integers 0..n-1 as an Int32Array. */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
