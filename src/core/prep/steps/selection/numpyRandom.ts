/**
 * NumPy's legacy `RandomState(seed)`: the MT19937 generator seeded by `init_genrand`, its 53-bit
 * doubles and its polar Box–Muller `standard_normal` (which caches the second value). Ported so
 * the mutual-information scores add, draw for draw, the noise scikit-learn adds with
 * `random_state=seed`, and so match it exactly rather than only in distribution.
 */
export interface NumpyRandomState {
  /** `RandomState.standard_normal()`: one draw. */
  standardNormal(): number;
}

const N = 624;
const M = 397;

/** NumPy's `np.random.RandomState(seed)` for a seed in [0, 2³²). */
export function numpyRandomState(seed: number): NumpyRandomState {
  const mt = new Uint32Array(N);
  let s = seed >>> 0;
  for (let i = 0; i < N; i++) {
    mt[i] = s;
    s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
  }
  let pos = N;
  const twist = () => {
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    pos = 0;
  };
  const uint32 = () => {
    if (pos >= N) twist();
    let y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const double = () => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
  let cached: number | null = null;
  return {
    standardNormal() {
      if (cached !== null) {
        const g = cached;
        cached = null;
        return g;
      }
      let x1: number, x2: number, r2: number;
      do {
        x1 = 2 * double() - 1;
        x2 = 2 * double() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      cached = f * x1;
      return f * x2;
    },
  };
}
