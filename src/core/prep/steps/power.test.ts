import { describe, expect, it } from 'vitest';
import { sortedPresent, present } from './numpyParity';
import { boxCox, quantileMap, yeoJohnson } from './power.transform';
import { boxCoxLambda, fitQuantiles, standardize, yeoJohnsonLambda } from './powerFit';
import { SKLEARN } from './numericFeatures.reference';

// References: scripts/numeric-features-sklearn-reference.py (PowerTransformer, QuantileTransformer, np.log1p).
type Name = keyof typeof SKLEARN.data;
const close = (got: ArrayLike<number>, want: readonly (number | null)[], tol = 1e-6) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    if (w === null) expect(got[i]).toBeNaN();
    else expect(Math.abs(got[i] - w), `row ${i}: ${got[i]} against ${w}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w)));
  }
};

describe('power λ and outputs as PowerTransformer', () => {
  for (const [key, ref] of Object.entries(SKLEARN.power)) {
    const method = key.startsWith('yeo-johnson') ? 'yeo-johnson' : 'box-cox';
    const [standardise, name] = key.slice(method.length + 1).split('-') as ['True' | 'False', Name | 'withnan'];
    it(key, () => {
      const raw = name === 'withnan' ? SKLEARN.withnan.map((v) => v ?? NaN) : SKLEARN.data[name];
      const x = present(raw);
      const lambda = method === 'yeo-johnson' ? yeoJohnsonLambda(x) : boxCoxLambda(x);
      expect(Math.abs(lambda - ref.lambda)).toBeLessThan(1e-6);
      const f = (v: number) => (Number.isNaN(v) ? NaN : method === 'yeo-johnson' ? yeoJohnson(v, lambda) : boxCox(v, lambda));
      const s = standardise === 'True' ? standardize(x.map(f)) : { offset: 0, scale: 1 };
      if (ref.mean != null) expect(Math.abs(s.offset - ref.mean)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.mean)));
      close(raw.map((v) => (f(v) - s.offset) / s.scale), ref.train);
      if (ref.new && name !== 'withnan') close(SKLEARN.new[name].map((v) => (f(v) - s.offset) / s.scale), ref.new);
    });
  }
});

describe('quantile transform as QuantileTransformer', () => {
  for (const [key, ref] of Object.entries(SKLEARN.quantile)) {
    const [output, nq, name] = key.split('-') as ['uniform' | 'normal', string, Name | 'withnan'];
    it(key, () => {
      const raw = name === 'withnan' ? SKLEARN.withnan.map((v) => v ?? NaN) : SKLEARN.data[name];
      const map = quantileMap(fitQuantiles(sortedPresent(raw), raw.length, Number(nq)), output === 'normal');
      close(raw.map((v) => (Number.isNaN(v) ? NaN : map(v))), ref.train);
      if (ref.new && name !== 'withnan') close(SKLEARN.new[name].map(map), ref.new);
    });
  }
});
