"""Reference figures for src/core/monitor/stats.test.ts and sketch.test.ts, from SciPy.

Run with Debian's Python and SciPy (1.10.1 when written):
    /usr/bin/python3 scripts/monitor-scipy-reference.py > /tmp/monitor-scipy.json
The tests embed the printed numbers. The samples come from Sapling's own seeded generator
(src/core/util/rng.ts: splitmix32 seeding sfc32), ported below, and are built with + - * / only,
which IEEE 754 rounds the same way in Python and JavaScript, so both sides see identical values.
"""
import json
import math

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

M32 = 0xFFFFFFFF


def splitmix32(seed):
    state = seed & M32

    def nxt():
        nonlocal state
        state = (state + 0x9E3779B9) & M32
        z = state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
        return (z ^ (z >> 16)) & M32

    return nxt


class Rng:
    """sfc32 as createRng(seed) in src/core/util/rng.ts."""

    def __init__(self, seed):
        mix = splitmix32(seed)
        self.a, self.b, self.c, self.d = mix(), mix(), mix(), mix()
        for _ in range(12):
            self.uint32()

    def uint32(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (((a + b) & M32) + d) & M32
        d = (d + 1) & M32
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & M32
        c = ((c << 21) | (c >> 11)) & M32
        c = (c + t) & M32
        self.a, self.b, self.c, self.d = a, b, c, d
        return t

    def next(self):
        return self.uint32() / 4294967296


# The sample makers, mirrored by monitorSample() in src/core/testing/monitorSamples.ts.
def sample(kind, n, seed, shift=0.0, scale=1.0):
    rng = Rng(seed)
    out = []
    for _ in range(n):
        if kind == 'normal':  # Irwin–Hall: the sum of 12 uniforms − 6 (exact arithmetic)
            s = 0.0
            for _ in range(12):
                s += rng.next()
            v = s - 6
        elif kind == 'skewed':  # heavy right tail
            v = 1 / (rng.next() + 0.05)
        elif kind == 'ints':  # integers 0..9, heavy ties
            v = float(math.floor(rng.next() * 10))
        elif kind == 'few':  # four distinct values, unequal shares
            u = rng.next()
            v = 0.0 if u < 0.5 else 1.5 if u < 0.8 else 4.0 if u < 0.95 else 10.0
        elif kind == 'uniform':
            v = rng.next()
        else:
            raise ValueError(kind)
        out.append(v * scale + shift)
    return np.array(out)


def ks_case(name, sa, sb):
    r = stats.ks_2samp(sample(*sa), sample(*sb))
    return {'name': name, 'a': list(sa), 'b': list(sb), 'statistic': float(r.statistic), 'pValue': float(r.pvalue)}


KS_SPECS = [
    # name, (kind, n, seed, shift, scale) for a, then for b
    ('ties small unequal', ('ints', 12, 1, 0, 1), ('ints', 17, 2, 0, 1)),
    ('normal 20 vs 20 shifted', ('normal', 20, 3, 0, 1), ('normal', 20, 4, 0.5, 1)),
    ('normal 40 vs 45', ('normal', 40, 5, 0, 1), ('normal', 45, 6, 0.3, 1)),
    ('identical 30', ('normal', 30, 7, 0, 1), ('normal', 30, 7, 0, 1)),
    ('disjoint 25 vs 30', ('uniform', 25, 8, 0, 1), ('uniform', 30, 9, 2, 1)),
    ('disjoint 50 vs 50', ('uniform', 50, 10, 0, 1), ('uniform', 50, 11, 2, 1)),
    ('skewed 3000 vs 5000', ('skewed', 3000, 12, 0, 1), ('skewed', 5000, 13, 0.05, 1)),
    ('few values 800 vs 1200', ('few', 800, 14, 0, 1), ('few', 1200, 15, 0, 1)),
    ('asymptotic normal 20000 vs 15000', ('normal', 20000, 16, 0, 1), ('normal', 15000, 17, 0.03, 1)),
    ('asymptotic shifted 12000 vs 11000', ('normal', 12000, 18, 0, 1), ('normal', 11000, 19, 0.1, 1)),
    ('asymptotic far apart 11000 vs 11000', ('normal', 11000, 20, 0, 1), ('normal', 11000, 21, 1, 1)),
    ('asymptotic unequal 20000 vs 60', ('normal', 20000, 22, 0, 1), ('normal', 60, 23, 0.2, 1)),
    ('asymptotic ints 30000 vs 20000', ('ints', 30000, 24, 0, 1), ('ints', 20000, 25, 0, 1)),
    ('one vs one', ('normal', 1, 26, 0, 1), ('normal', 1, 27, 0, 1)),
    ('three vs 10000', ('uniform', 3, 28, 0.5, 1), ('uniform', 10000, 29, 0, 1)),
    ('asymptotic 10001 vs 7', ('skewed', 10001, 30, 0, 1), ('skewed', 7, 31, 2, 1)),
]


def kolmogorov_grid():
    out = []
    for n in [1, 2, 5, 10, 50, 140, 141, 500, 1000, 10000, 100000, 100001, 250000]:
        for x in [0.0004, 0.001, 0.003, 0.006, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.9, 0.99]:
            out.append([n, x, float(stats.kstwo.sf(x, n))])
    return out


def chi2_grid():
    out = []
    for df in [1, 2, 3, 5, 10, 30, 99, 500, 2000]:
        for x in [0.001, 0.1, 1, 2.5, 7, 15, 40, 100, 300, 1000, 2500, 6000]:
            out.append([x, df, float(stats.chi2.sf(x, df))])
    return out


CHI_CASES = [
    ('scipy docs', [16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]),
    ('zero observed bin', [0, 10, 20, 30], [5, 15, 20, 20]),
    ('tiny p', [80, 10, 10], [40, 30, 30]),
    ('shares times n', [30, 50, 20], [0.25 * 100, 0.55 * 100, 0.2 * 100]),
]


def chi_case(name, o, e):
    r = stats.chisquare(o, e)
    return {'name': name, 'observed': o, 'expected': e, 'statistic': float(r.statistic), 'pValue': float(r.pvalue)}


def many_categories():
    rng = Rng(30)
    obs = [math.floor(rng.next() * 50) + 1 for _ in range(150)]
    exp_raw = [v + math.floor(rng.next() * 22) for v in obs]
    total_o, total_e = sum(obs), sum(exp_raw)
    exp = [v * total_o / total_e for v in exp_raw]
    r = stats.chisquare(obs, exp)
    return {'statistic': float(r.statistic), 'pValue': float(r.pvalue)}


# Two-sample chi-square: the 2 x k table of reference and current counts, without Yates' correction
# (what `sapling monitor` reads chi2's p-value from; see countsTest in src/core/monitor/drift.ts).
CONTINGENCY_CASES = [
    ('halves', [70, 50, 52], [80, 44, 48]),
    ('two categories', [60, 40], [45, 55]),
    ('new category', [30, 50, 20, 0], [25, 45, 20, 10]),
    ('small reference, large current', [12, 30, 8], [1200, 2500, 1300]),
]


def contingency_case(name, r, c):
    stat, p, dof, _ = stats.chi2_contingency([r, c], correction=False)
    return {'name': name, 'reference': r, 'current': c, 'statistic': float(stat), 'pValue': float(p), 'dof': int(dof)}


W_SPECS = [
    ('scipy docs', None),
    ('normal 100 vs 37', (('normal', 100, 40, 0, 1), ('normal', 37, 41, 0.4, 2))),
    ('ints 500 vs 301', (('ints', 500, 42, 0, 1), ('ints', 301, 43, 1, 1))),
    ('skewed 20000 vs 15000', (('skewed', 20000, 44, 0, 1), ('skewed', 15000, 45, 0, 1.1))),
]

JS_CASES = [
    ('disjoint', [1, 0, 0], [0, 1, 0]),
    ('counts with zeros', [10, 0, 5, 5], [3, 3, 0, 4]),
    ('identical shares', [0.2, 0.3, 0.5], [2, 3, 5]),
    ('close', [0.25, 0.25, 0.25, 0.25], [0.24, 0.26, 0.27, 0.23]),
]


def evidently_psi(ref, cur):
    """PSI as Evidently's psi stattest with get_binned_data's floor for empty bins."""
    r = np.array(ref, float) / np.sum(ref)
    c = np.array(cur, float) / np.sum(cur)
    for arr in (r, c):
        m = np.min(arr[arr != 0])
        np.place(arr, arr == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return float(np.sum((r - c) * np.log(r / c)))


PSI_CASES = [
    ('same', [10, 20, 30], [1, 2, 3]),
    ('moved', [25, 25, 25, 25], [10, 20, 30, 40]),
    ('empty current bin', [40, 30, 20, 10], [50, 30, 20, 0]),
    ('tiny shares', [1, 100000, 50000], [0, 60000, 50000]),
]


def main():
    out = {
        'ks': [ks_case(name, sa, sb) for name, sa, sb in KS_SPECS],
        'kolmogorov': kolmogorov_grid(),
        'chi2sf': chi2_grid(),
        'chisquare': [chi_case(*c) for c in CHI_CASES],
        'manyCategories': many_categories(),
        'contingency': [contingency_case(*c) for c in CONTINGENCY_CASES],
        'wasserstein': [],
        'jensenshannon': [{'name': n, 'p': p, 'q': q, 'value': float(jensenshannon(p, q))} for n, p, q in JS_CASES],
        'psi': [{'name': n, 'reference': r, 'current': c, 'value': evidently_psi(r, c)} for n, r, c in PSI_CASES],
    }
    for name, spec in W_SPECS:
        if spec is None:
            out['wasserstein'].append({'name': name, 'value': float(stats.wasserstein_distance([0, 1, 3], [5, 6, 8]))})
        else:
            value = float(stats.wasserstein_distance(sample(*spec[0]), sample(*spec[1])))
            out['wasserstein'].append({'name': name, 'u': list(spec[0]), 'v': list(spec[1]), 'value': value})
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
