import { describe, expect, it } from 'vitest';
import { createTable } from '../../table/DataTable';
import type { NumericColumn } from '../../table/column';
import { numeric } from '../../testing/tables';
import { present, sortedPresent } from './numpyParity';
import { boxCox, normalQuantile, powerTransform, quantileMap, yeoJohnson } from './power.transform';
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

describe('power λ that would overflow', () => {
  it('holds λ where the training extremes stay finite (years 2007–2009 pull Yeo-Johnson λ to ~47–266)', () => {
    // Penguins' years: 110 × 2007, 114 × 2008, 120 × 2009.
    const years = Float64Array.from([...Array<number>(110).fill(2007), ...Array<number>(114).fill(2008), ...Array<number>(120).fill(2009)]);
    const lambda = yeoJohnsonLambda(years);
    expect(lambda).toBeCloseTo(100 / Math.log1p(2009), 12);
    const out = years.map((v) => yeoJohnson(v, lambda));
    expect(out.every(Number.isFinite)).toBe(true);
    const { scale } = standardize(out);
    expect(Number.isFinite(scale) && scale > 0).toBe(true);
    // Box-Cox of the same years: λ > 0 is held by the largest.
    const bc = boxCoxLambda(years);
    expect(bc).toBeLessThanOrEqual(100 / Math.log(2009) + 1e-12);
    expect(years.map((v) => boxCox(v, bc)).every(Number.isFinite)).toBe(true);
  });
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

describe('power replay', () => {
  const table = createTable([numeric('x', [1, NaN, -0.5, 3])]);
  const col = (lambda: number, quantiles: number[] = []) => ({ x: { lambda, offset: 0, scale: 1, quantiles } });

  it('refuses a value outside the method’s domain, naming the column and the row', () => {
    expect(() => powerTransform.transform(table, { method: 'box-cox', normal: false, columns: col(0.5) })).toThrow('column "x" holds -0.5 at data row 3; Box-Cox needs values above 0');
    expect(() => powerTransform.transform(createTable([numeric('x', [0, -1])]), { method: 'log1p', normal: false, columns: col(0) })).toThrow('column "x" holds -1 at data row 2; log1p needs values above −1');
  });

  it('keeps missing values missing and applies log1p in place', () => {
    const out = powerTransform.transform(table, { method: 'log1p', normal: false, columns: col(0) });
    expect(out.columns.map((c) => c.name)).toEqual(['x']);
    close((out.columns[0] as NumericColumn).values, [Math.log1p(1), null, Math.log1p(-0.5), Math.log1p(3)], 1e-15);
    close(SKLEARN.new.score.slice(1).map(Math.log1p), SKLEARN.log1p['new-score'], 1e-15);
  });

  it('checks fitted state from a file', () => {
    expect(() => powerTransform.checkState(null, 's')).toThrow(/s: expected an object/);
    expect(() => powerTransform.checkState({ method: 'cube', normal: false, columns: {} }, 's')).toThrow(/s.method/);
    expect(() => powerTransform.checkState({ method: 'quantile', normal: false, columns: col(0, [2, 1]) }, 's')).toThrow(/quantiles\[1\]/);
    expect(() => powerTransform.checkState({ method: 'quantile', normal: true, columns: col(0) }, 's')).toThrow(/is empty/);
    expect(() => powerTransform.checkState({ method: 'yeo-johnson', normal: false, columns: { x: { lambda: 1, offset: 0, scale: 0, quantiles: [] } } }, 's')).toThrow(/must not be 0/);
    powerTransform.checkState({ method: 'quantile', normal: true, columns: col(0, [1, 2]) }, 's');
  });
});

describe('normal quantile', () => {
  it('matches scipy.stats.norm.ppf within 1e-9', () => {
    SKLEARN.ppf.p.forEach((p, i) => expect(Math.abs(normalQuantile(p) - SKLEARN.ppf.x[i]), `p = ${p}`).toBeLessThan(1e-9));
    expect(normalQuantile(0)).toBe(-5.199337582605575);
    expect(normalQuantile(1e-9)).toBe(-5.199337582605575);
    expect(normalQuantile(1)).toBe(5.19933758270342);
  });
});
