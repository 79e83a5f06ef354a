import { describe, expect, it } from 'vitest';
import type { MonitorSampleKind } from '../testing/monitorSamples';
import { monitorSample } from '../testing/monitorSamples';
import { isSaplingError } from '../util/errors';
import { createRng } from '../util/rng';
import { chiSquareSurvival, gammaQ, logGamma } from './gamma';
import { kolmogorovSurvival } from './kolmogorov';
import { chiSquare, chiSquareTwoSample, jensenShannon, ks2samp, psi, roundHalfEven, sortedFinite, wasserstein } from './stats';

// Reference figures from SciPy 1.10.1 (Debian's python3-scipy), printed by
// scripts/monitor-scipy-reference.py (run with /usr/bin/python3). Samples are [kind, n, seed, shift,
// scale] for monitorSample(), which draws bit-identical values in the script and here.
type Spec = readonly [MonitorSampleKind, number, number, number, number];
const SCIPY_KS: readonly { name: string; a: Spec; b: Spec; statistic: number; pValue: number }[] = [
  { name: 'ties small unequal', a: ['ints', 12, 1, 0, 1], b: ['ints', 17, 2, 0, 1], statistic: 0.1323529411764706, pValue: 0.9956491389932565 },
  { name: 'normal 20 vs 20 shifted', a: ['normal', 20, 3, 0, 1], b: ['normal', 20, 4, 0.5, 1], statistic: 0.25, pValue: 0.571336004933722 },
  { name: 'normal 40 vs 45', a: ['normal', 40, 5, 0, 1], b: ['normal', 45, 6, 0.3, 1], statistic: 0.16666666666666666, pValue: 0.5346913997613308 },
  { name: 'identical 30', a: ['normal', 30, 7, 0, 1], b: ['normal', 30, 7, 0, 1], statistic: 0.0, pValue: 1.0 },
  { name: 'disjoint 25 vs 30', a: ['uniform', 25, 8, 0, 1], b: ['uniform', 30, 9, 2, 1], statistic: 1.0, pValue: 6.481194254049317e-16 },
  { name: 'disjoint 50 vs 50', a: ['uniform', 50, 10, 0, 1], b: ['uniform', 50, 11, 2, 1], statistic: 1.0, pValue: 1.9823306042836678e-29 },
  { name: 'skewed 3000 vs 5000', a: ['skewed', 3000, 12, 0, 1], b: ['skewed', 5000, 13, 0.05, 1], statistic: 0.044333333333333336, pValue: 0.0012241275824097805 },
  { name: 'few values 800 vs 1200', a: ['few', 800, 14, 0, 1], b: ['few', 1200, 15, 0, 1], statistic: 0.02125, pValue: 0.9796863130673019 },
  { name: 'asymptotic normal 20000 vs 15000', a: ['normal', 20000, 16, 0, 1], b: ['normal', 15000, 17, 0.03, 1], statistic: 0.014899999999999913, pValue: 0.04404330673254886 },
  { name: 'asymptotic shifted 12000 vs 11000', a: ['normal', 12000, 18, 0, 1], b: ['normal', 11000, 19, 0.1, 1], statistic: 0.05811363636363637, pValue: 2.7380032117613602e-17 },
  { name: 'asymptotic far apart 11000 vs 11000', a: ['normal', 11000, 20, 0, 1], b: ['normal', 11000, 21, 1, 1], statistic: 0.388, pValue: 0.0 },
  { name: 'asymptotic unequal 20000 vs 60', a: ['normal', 20000, 22, 0, 1], b: ['normal', 60, 23, 0.2, 1], statistic: 0.10048333333333331, pValue: 0.5460648670633397 },
  { name: 'asymptotic ints 30000 vs 20000', a: ['ints', 30000, 24, 0, 1], b: ['ints', 20000, 25, 0, 1], statistic: 0.005299999999999971, pValue: 0.8870620173564419 },
  { name: 'one vs one', a: ['normal', 1, 26, 0, 1], b: ['normal', 1, 27, 0, 1], statistic: 1.0, pValue: 1.0 },
  { name: 'three vs 10000', a: ['uniform', 3, 28, 0.5, 1], b: ['uniform', 10000, 29, 0, 1], statistic: 0.9202, pValue: 0.0010233842568674728 },
  { name: 'asymptotic 10001 vs 7', a: ['skewed', 10001, 30, 0, 1], b: ['skewed', 7, 31, 2, 1], statistic: 0.7118288171182882, pValue: 0.0004238847084369347 },
];
/** kstwo.sf(x, n) over a grid of x per n: [n, [[x, sf], …]]. */
const SCIPY_KSTWO_SF: readonly (readonly [number, readonly (readonly [number, number])[]])[] = [
  [1, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 1.0], [0.05, 1.0], [0.1, 1.0], [0.2, 1.0], [0.3, 1.0], [0.45, 1.0], [0.6, 0.8], [0.9, 0.19999999999999996], [0.99, 0.020000000000000018]]],
  [2, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 1.0], [0.05, 1.0], [0.1, 1.0], [0.2, 1.0], [0.3, 0.98], [0.45, 0.6799999999999999], [0.6, 0.32000000000000006], [0.9, 0.01999999999999999], [0.99, 0.00020000000000000036]]],
  [5, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 1.0], [0.05, 1.0], [0.1, 1.0], [0.2, 0.9616], [0.3, 0.664], [0.45, 0.19399374999999963], [0.6, 0.03008000000000001], [0.9, 1.9999999999999978e-05], [0.99, 2.0000000000000089e-10]]],
  [10, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 1.0], [0.05, 1.0], [0.1, 0.99963712], [0.2, 0.7487190399999999], [0.3, 0.27053557479999946], [0.45, 0.022891810311717498], [0.6, 0.0005681672000000003], [0.9, 1.9999999999999957e-10], [0.99, 2.0000000000000176e-20]]],
  [50, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 1.0], [0.05, 0.9990238098461883], [0.1, 0.6623112704658186], [0.2, 0.03143877776953241], [0.3, 0.00017353260202718738], [0.45, 9.261187857225947e-10], [0.6, 9.634070456142374e-18], [0.9, 2.0160611902288146e-50], [0.99, 2.0000000000000889e-100]]],
  [140, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 0.9999999774822331], [0.05, 0.8576480297656114], [0.1, 0.11353657290090946], [0.2, 2.1981563302200222e-05], [0.3, 1.1370251710737309e-11], [0.45, 2.1582605458449104e-26], [0.6, 1.0052268370224967e-48], [0.9, 2.0855973600936603e-140], [0.99, 2.0000000000002487e-280]]],
  [141, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 1.0], [0.02, 0.9999999744561288], [0.05, 0.854845693009663], [0.1, 0.11128445516467933], [0.2, 2.0276784223976912e-05], [0.3, 9.46134771413843e-12], [0.45, 1.4102585470400696e-26], [0.6, 4.550154415759682e-49], [0.9, 2.0864169369551964e-141], [0.99, 2.0000000000002504e-282]]],
  [500, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 1.0], [0.01, 0.9999999991073389], [0.02, 0.9859871786857471], [0.05, 0.15866260223815387], [0.1, 8.342293067263533e-05], [0.2, 5.256835361945869e-18], [0.3, 2.0976835679070943e-40], [0.45, 6.37406117674024e-93], [0.6, 1.1934763993433721e-172], [0.9, 0.0], [0.99, 0.0]]],
  [1000, [[0.0004, 1.0], [0.001, 1.0], [0.003, 1.0], [0.006, 0.9999999999999065], [0.01, 0.9999496745370611], [0.02, 0.8108971656895577], [0.05, 0.013012074781090332], [0.1, 3.703687096817711e-09], [0.2, 1.5528629204250538e-35], [0.3, 2.590715705736845e-80], [0.45, 2.524336024487931e-185], [0.6, 0.0], [0.9, 0.0], [0.99, 0.0]]],
  [10000, [[0.0004, 1.0], [0.001, 1.0], [0.003, 0.9999892575789189], [0.006, 0.8620822478115484], [0.01, 0.2682191277029192], [0.02, 0.0006616848639387309], [0.05, 3.632631514370292e-22], [0.1, 1.6633113315950355e-87], [0.2, 0.0], [0.3, 0.0], [0.45, 0.0], [0.6, 0.0], [0.9, 0.0], [0.99, 0.0]]],
  [100000, [[0.0004, 1.0], [0.001, 0.9999638407940036], [0.003, 0.3284563327726956], [0.006, 0.0014871489301131564], [0.01, 4.093278023549254e-09], [0.02, 3.5372711931479597e-35], [0.05, 1.0446857833684497e-217], [0.1, 0.0], [0.2, 0.0], [0.3, 0.0], [0.45, 0.0], [0.6, 0.0], [0.9, 0.0], [0.99, 0.0]]],
  [100001, [[0.0004, 1.0], [0.001, 0.9999638365424804], [0.003, 0.32845050055711633], [0.006, 0.0014870418583881545], [0.01, 4.0924594316146085e-09], [0.02, 3.534442256426062e-35], [0.05, 1.0394725000020544e-217], [0.1, 0.0], [0.2, 0.0], [0.3, 0.0], [0.45, 0.0], [0.6, 0.0], [0.9, 0.0], [0.99, 0.0]]],
  [250000, [[0.0004, 0.9999999999994416], [0.001, 0.9637319876831367], [0.003, 0.02217349052208376], [0.006, 3.0334478513767595e-08], [0.01, 3.827782382946494e-22], [0.02, 2.683471958194865e-87], [0.05, 0.0], [0.1, 0.0], [0.2, 0.0], [0.3, 0.0], [0.45, 0.0], [0.6, 0.0], [0.9, 0.0], [0.99, 0.0]]],
];
/** chi2.sf(x, df) over a grid of x per df: [df, [[x, sf], …]]. */
const SCIPY_CHI2_SF: readonly (readonly [number, readonly (readonly [number, number])[]])[] = [
  [1, [[0.001, 0.9747728793699604], [0.1, 0.7518296340458492], [1, 0.31731050786291115], [2.5, 0.11384629800665763], [7, 0.008150971593502705], [15, 0.00010751117672950066], [40, 2.5396285894708634e-10], [100, 1.5239706048320995e-23], [300, 3.2943623833139784e-67], [1000, 1.7958327848007363e-219], [2500, 0.0], [6000, 0.0]]],
  [2, [[0.001, 0.9995001249791693], [0.1, 0.951229424500714], [1, 0.6065306597126334], [2.5, 0.2865047968601901], [7, 0.0301973834223185], [15, 0.0005530843701478337], [40, 2.0611536224385566e-09], [100, 1.9287498479639183e-22], [300, 7.175095973164448e-66], [1000, 7.124576406741474e-218], [2500, 0.0], [6000, 0.0]]],
  [3, [[0.001, 0.9999915920809419], [0.1, 0.9918374237318764], [1, 0.8012519569012009], [2.5, 0.4752910833430205], [7, 0.07189777249646509], [15, 0.0018166489665723214], [40, 1.065509033425585e-08], [100, 1.5541594313896026e-21], [300, 9.948758346327588e-65], [1000, 1.7994208765314067e-216], [2500, 0.0], [6000, 0.0]]],
  [5, [[0.001, 0.9999999983185123], [0.1, 0.9998376833880774], [1, 0.9625657732472964], [2.5, 0.7764950711233227], [7, 0.22064030793671066], [15, 0.010362337915786429], [40, 1.493367900050393e-07], [100, 5.285148360943219e-20], [300, 1.0015302305957817e-62], [1000, 6.0100776879208495e-214], [2500, 0.0], [6000, 0.0]]],
  [10, [[0.001, 1.0], [0.1, 0.9999999975020487], [1, 0.9998278843700441], [2.5, 0.9908757207816047], [7, 0.7254449533096043], [15, 0.1320618562877206], [40, 1.694474393006737e-05], [100, 5.4497019829205215e-17], [300, 1.5546747543803087e-58], [1000, 1.870290720915977e-208], [2500, 0.0], [6000, 0.0]]],
  [30, [[0.001, 1.0], [0.1, 1.0], [1, 1.0], [2.5, 0.9999999999932481], [7, 0.9999957358881664], [15, 0.9897395720876574], [40, 0.10486428110798468], [100, 1.8568023365102314e-09], [300, 2.64804848563084e-46], [1000, 5.131435321572562e-191], [2500, 0.0], [6000, 0.0]]],
  [99, [[0.001, 1.0], [0.1, 1.0], [1, 1.0], [2.5, 1.0], [7, 1.0], [15, 1.0], [40, 0.9999999801305904], [100, 0.4529585113209314], [300, 4.2266534644194534e-22], [1000, 7.229607902491268e-149], [2500, 0.0], [6000, 0.0]]],
  [500, [[0.001, 1.0], [0.1, 1.0], [1, 1.0], [2.5, 1.0], [7, 1.0], [15, 1.0], [40, 1.0], [100, 1.0], [300, 0.9999999999999424], [1000, 1.2085183611328796e-35], [2500, 1.7669032386526296e-262], [6000, 0.0]]],
  [2000, [[0.001, 1.0], [0.1, 1.0], [1, 1.0], [2.5, 1.0], [7, 1.0], [15, 1.0], [40, 1.0], [100, 1.0], [300, 1.0], [1000, 1.0], [2500, 1.074008023138619e-13], [6000, 0.0]]],
];
const SCIPY_CHISQUARE = [
  {'name': 'scipy docs', 'observed': [16, 18, 16, 14, 12, 12], 'expected': [16, 16, 16, 16, 16, 8], 'statistic': 3.5, 'pValue': 0.6233876277495822},
  {'name': 'zero observed bin', 'observed': [0, 10, 20, 30], 'expected': [5, 15, 20, 20], 'statistic': 11.666666666666668, 'pValue': 0.008616778497902072},
  {'name': 'tiny p', 'observed': [80, 10, 10], 'expected': [40, 30, 30], 'statistic': 66.66666666666667, 'pValue': 3.3382377953650016e-15},
  {'name': 'shares times n', 'observed': [30, 50, 20], 'expected': [25.0, 55.00000000000001, 20.0], 'statistic': 1.4545454545454557, 'pValue': 0.4832250811898251},
];
const SCIPY_MANY_CATEGORIES = {statistic: 176.7255061123806, pValue: 0.060076946363479974};
const SCIPY_WASSERSTEIN_DOCS = 5.0; // wasserstein_distance([0, 1, 3], [5, 6, 8])
const SCIPY_WASSERSTEIN: readonly { name: string; u: Spec; v: Spec; value: number }[] = [
  { name: 'normal 100 vs 37', u: ['normal', 100, 40, 0, 1], v: ['normal', 37, 41, 0.4, 2], value: 0.9968493494729989 },
  { name: 'ints 500 vs 301', u: ['ints', 500, 42, 0, 1], v: ['ints', 301, 43, 1, 1], value: 0.6826910299003321 },
  { name: 'skewed 20000 vs 15000', u: ['skewed', 20000, 44, 0, 1], v: ['skewed', 15000, 45, 0, 1.1], value: 0.29240591314118736 },
];
const SCIPY_JS = [
  {'name': 'disjoint', 'p': [1, 0, 0], 'q': [0, 1, 0], 'value': 0.8325546111576977},
  {'name': 'counts with zeros', 'p': [10, 0, 5, 5], 'q': [3, 3, 0, 4], 'value': 0.4604143693587145},
  {'name': 'identical shares', 'p': [0.2, 0.3, 0.5], 'q': [2, 3, 5], 'value': 0.0},
  {'name': 'close', 'p': [0.25, 0.25, 0.25, 0.25], 'q': [0.24, 0.26, 0.27, 0.23], 'value': 0.022378460406313406},
];
const EVIDENTLY_PSI = [
  {'name': 'same', 'reference': [10, 20, 30], 'current': [1, 2, 3], 'value': 0.0},
  {'name': 'moved', 'reference': [25, 25, 25, 25], 'current': [10, 20, 30, 40], 'value': 0.22821740957339184},
  {'name': 'empty current bin', 'reference': [40, 30, 20, 10], 'current': [50, 30, 20, 0], 'value': 0.7123991075017365},
  {'name': 'tiny shares', 'reference': [1, 100000, 50000], 'current': [0, 60000, 50000], 'value': 0.06217080693007232},
];

/** Equal to SciPy: 1e-6 absolute, or 1e-9 relative for values below 1e-6 (tiny p-values). */
function expectScipy(actual: number, expected: number): void {
  if (Math.abs(expected) < 1e-6) {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-9);
  } else {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6);
  }
}

const draw = (s: Spec): Float64Array => monitorSample(s[0], s[1], s[2], s[3], s[4]);

describe('ks2samp', () => {
  for (const c of SCIPY_KS) {
    it(`equals SciPy's ks_2samp: ${c.name}`, () => {
      const r = ks2samp(draw(c.a), draw(c.b));
      expectScipy(r.statistic, c.statistic);
      expectScipy(r.pValue, c.pValue);
    });
  }

  it('is symmetric in its two samples', () => {
    for (const c of SCIPY_KS.slice(0, 8)) {
      const ab = ks2samp(draw(c.a), draw(c.b));
      const ba = ks2samp(draw(c.b), draw(c.a));
      expect(ba.statistic).toBe(ab.statistic);
      expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
    }
  });

  it('drops NaN values as missing and refuses an empty side', () => {
    const a = [0.1, Number.NaN, 0.5, 0.9, 1.3];
    expect(ks2samp(a, [0.2, 0.6, 1.1])).toEqual(ks2samp([0.1, 0.5, 0.9, 1.3], [0.2, 0.6, 1.1]));
    expect(() => ks2samp([Number.NaN], [1, 2])).toThrowError(/at least one value/);
    try {
      ks2samp([], [1]);
    } catch (e) {
      expect(isSaplingError(e)).toBe(true);
    }
  });

  it('takes 100k against 100k values (asymptotic path) and 10k against 10k (exact path) without blowing up', () => {
    const a = monitorSample('normal', 100_000, 50);
    const b = monitorSample('normal', 100_000, 51, 0.01);
    const t0 = performance.now();
    const r = ks2samp(a, b);
    const big = performance.now() - t0;
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(1);
    const t1 = performance.now();
    const exact = ks2samp(a.subarray(0, 9_999), b.subarray(0, 10_000));
    const exactMs = performance.now() - t1;
    expect(exact.pValue).toBeGreaterThan(0);
    // Generous bounds: the machine this runs on may be loaded; idle it is tens of ms.
    expect(big).toBeLessThan(2000);
    expect(exactMs).toBeLessThan(3000);
  });
});

describe('the Kolmogorov distribution (kstwo.sf) behind the asymptotic p-value', () => {
  it('equals SciPy over n from 1 to 250,000 and every algorithm region', () => {
    let checked = 0;
    for (const [n, grid] of SCIPY_KSTWO_SF) {
      for (const [x, sf] of grid) {
        const mine = kolmogorovSurvival(n, x);
        if (sf < 1e-6) expect(Math.abs(mine - sf)).toBeLessThanOrEqual(sf * 1e-9);
        else expect(Math.abs(mine - sf)).toBeLessThanOrEqual(1e-9);
        checked++;
      }
    }
    expect(checked).toBe(182);
  });

  it('rounds n1·n2/(n1+n2) half to even as NumPy does', () => {
    expect([0.5, 1.5, 2.5, 2.4, 2.6, 7500.5].map(roundHalfEven)).toEqual([0, 2, 2, 2, 3, 7500]);
  });
});

/** scripts/monitor-scipy-reference.py's 'contingency': chi2_contingency([reference, current], correction=False). */
const SCIPY_CONTINGENCY = [
  { name: 'halves', reference: [70, 50, 52], current: [80, 44, 48], statistic: 1.2096453900709219, pValue: 0.5461712569305525 },
  { name: 'two categories', reference: [60, 40], current: [45, 55], statistic: 4.511278195488721, pValue: 0.033672068856345896 },
  { name: 'new category', reference: [30, 50, 20, 0], current: [25, 45, 20, 10], statistic: 10.717703349282296, pValue: 0.01335453048736979 },
  { name: 'small reference, large current', reference: [12, 30, 8], current: [1200, 2500, 1300], statistic: 2.899457277199599, pValue: 0.2346339500529288 },
];

describe('chiSquareTwoSample', () => {
  for (const c of SCIPY_CONTINGENCY) {
    it(`equals SciPy's chi2_contingency without Yates' correction: ${c.name}`, () => {
      const r = chiSquareTwoSample(c.reference, c.current);
      expectScipy(r.statistic, c.statistic);
      expectScipy(r.pValue, c.pValue);
    });
  }

  it('leaves out categories empty on both sides, and has no p-value with one category left', () => {
    expect(chiSquareTwoSample([70, 0, 50, 52], [80, 0, 44, 48])).toEqual(chiSquareTwoSample([70, 50, 52], [80, 44, 48]));
    expect(chiSquareTwoSample([5, 0], [7, 0]).pValue).toBeNaN();
    expect(() => chiSquareTwoSample([1, 2], [1])).toThrowError(/2 reference counts against 1 current/);
  });
});

describe('chiSquare', () => {
  for (const c of SCIPY_CHISQUARE) {
    it(`equals SciPy's chisquare: ${c.name}`, () => {
      const r = chiSquare(c.observed, c.expected);
      expectScipy(r.statistic, c.statistic);
      expectScipy(r.pValue, c.pValue);
    });
  }

  it("equals SciPy's chisquare over 150 categories", () => {
    // The script's many_categories(): observed counts, and expected ones made from them plus noise.
    const rng = createRng(30);
    const observed = Array.from({ length: 150 }, () => Math.floor(rng.next() * 50) + 1);
    const raw = observed.map((v) => v + Math.floor(rng.next() * 22));
    const totalObs = observed.reduce((s, v) => s + v, 0);
    const totalRaw = raw.reduce((s, v) => s + v, 0);
    const r = chiSquare(observed, raw.map((v) => (v * totalObs) / totalRaw));
    expectScipy(r.statistic, SCIPY_MANY_CATEGORIES.statistic);
    expectScipy(r.pValue, SCIPY_MANY_CATEGORIES.pValue);
  });

  it('leaves out bins empty on both sides, and answers p = 0 for a category never expected', () => {
    expect(chiSquare([0, 10, 20, 30, 0], [5, 15, 20, 20, 0])).toEqual(chiSquare([0, 10, 20, 30], [5, 15, 20, 20]));
    expect(chiSquare([5, 5, 1], [5.5, 5.5, 0])).toEqual({ statistic: Infinity, pValue: 0 });
  });

  it('refuses counts whose sums disagree', () => {
    expect(() => chiSquare([1, 2], [1, 3])).toThrowError(/must agree/);
  });

  it('has a survival function equal to SciPy’s chi2.sf to 1e-10 relative', () => {
    for (const [df, grid] of SCIPY_CHI2_SF) {
      for (const [x, sf] of grid) {
        const mine = chiSquareSurvival(x, df);
        if (sf === 0) expect(mine).toBeLessThan(1e-300);
        else expect(Math.abs(mine - sf) / sf).toBeLessThan(1e-10);
      }
    }
    // Hand-worked: Q(1, x) = e^−x, and ln Γ(n) = ln (n − 1)!.
    expect(gammaQ(1, 2.5)).toBeCloseTo(Math.exp(-2.5), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });
});

describe('wasserstein', () => {
  it("equals SciPy's wasserstein_distance on its documented example", () => {
    expect(wasserstein([0, 1, 3], [5, 6, 8])).toBeCloseTo(SCIPY_WASSERSTEIN_DOCS, 12);
  });

  for (const c of SCIPY_WASSERSTEIN) {
    it(`equals SciPy's wasserstein_distance with unequal sizes: ${c.name}`, () => {
      expectScipy(wasserstein(draw(c.u), draw(c.v)), c.value);
    });
  }

  it('does not depend on the order of the values, and is symmetric', () => {
    const u = Array.from(monitorSample('skewed', 300, 60));
    const v = Array.from(monitorSample('normal', 211, 61));
    const forward = wasserstein(u, v);
    expect(wasserstein(u.slice().reverse(), v.slice().reverse())).toBeCloseTo(forward, 12);
    expect(wasserstein(v, u)).toBeCloseTo(forward, 12);
    expect(wasserstein(u, u)).toBe(0);
  });

  it('takes 100k against 100k values in well under a second', () => {
    const a = monitorSample('skewed', 100_000, 62);
    const b = monitorSample('skewed', 100_000, 63, 0.1);
    const t0 = performance.now();
    const w = wasserstein(a, b);
    expect(performance.now() - t0).toBeLessThan(2000);
    // A shift by 0.1 moves every quantile by 0.1: the distance is the shift, up to sampling noise.
    expect(w).toBeGreaterThan(0.05);
    expect(w).toBeLessThan(0.2);
  });
});

describe('jensenShannon', () => {
  for (const c of SCIPY_JS) {
    it(`equals SciPy's jensenshannon: ${c.name}`, () => {
      expectScipy(jensenShannon(c.p, c.q), c.value);
    });
  }

  it('is symmetric and 0 for the same shares', () => {
    expect(jensenShannon([10, 0, 5, 5], [3, 3, 0, 4])).toBe(jensenShannon([3, 3, 0, 4], [10, 0, 5, 5]));
    expect(jensenShannon([1, 2, 3], [2, 4, 6])).toBe(0);
    // Disjoint supports: the largest distance with the natural log, sqrt(ln 2).
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 14);
  });

  it('refuses bins of different lengths and counts that sum to 0', () => {
    expect(() => jensenShannon([1, 2], [1, 2, 3])).toThrowError(/bins/);
    expect(() => jensenShannon([0, 0], [1, 2])).toThrowError(/sum to 0/);
  });
});

describe('psi', () => {
  for (const c of EVIDENTLY_PSI) {
    it(`equals Evidently's PSI: ${c.name}`, () => {
      expectScipy(psi(c.reference, c.current), c.value);
    });
  }

  it('is hand-worked on two bins, and floors an empty bin at a share of 1e-4', () => {
    // (0.6 − 0.5)·ln(0.6/0.5) + (0.4 − 0.5)·ln(0.4/0.5)
    expect(psi([50, 50], [60, 40])).toBeCloseTo(0.1 * Math.log(1.2) - 0.1 * Math.log(0.8), 14);
    expect(psi([50, 50], [100, 0])).toBeCloseTo((1 - 0.5) * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 12);
  });
});

describe('sortedFinite', () => {
  it('drops NaN and ±Infinity and sorts the rest as a typed array sorts (−0 before +0), at sizes the bit sort takes', () => {
    const rng = createRng(12);
    const values = Array.from({ length: 30_000 }, (_, i) => {
      if (i % 97 === 0) return Number.NaN;
      if (i % 89 === 0) return i % 2 ? Infinity : -Infinity;
      if (i % 83 === 0) return i % 2 ? 0 : -0;
      return Math.round((rng.next() - 0.5) * 2e5) / 1e5;
    });
    const expected = Float64Array.from(values.filter(Number.isFinite)).sort();
    const sorted = sortedFinite(values);
    expect(sorted.length).toBe(expected.length);
    expect(sorted.every((v, i) => Object.is(v, expected[i]))).toBe(true);
    expect(Object.is(sorted[sorted.indexOf(0)], -0)).toBe(true);
  });
});
