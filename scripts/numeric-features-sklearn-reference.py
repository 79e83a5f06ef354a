"""Reference figures for the polynomial, bins and power steps' tests (src/core/prep/steps/*.test.ts).

Run with Debian's Python (scikit-learn 1.2.1, SciPy 1.10.1, NumPy 1.24.2 when written):
    /usr/bin/python3 scripts/numeric-features-sklearn-reference.py > /tmp/numeric-features.json
The tests embed the printed numbers (inputs included, so both sides read identical float64 values).
Samples are drawn once from NumPy's seeded generator and rounded to 2 decimals; missing values are
NaN (printed as null). KBinsDiscretizer does not take NaN: it is fitted on the present values, which
is what the bins step does.
"""
import json
import math
import warnings

import numpy as np
import sklearn
from scipy import stats
from sklearn.preprocessing import KBinsDiscretizer, PolynomialFeatures, PowerTransformer, QuantileTransformer

warnings.simplefilter('ignore')
rng = np.random.RandomState(15)


def r2(a):
    return [round(float(v), 2) for v in a]


def js(a):
    return [None if (isinstance(v, float) and math.isnan(v)) else v for v in (float(x) for x in a)]


# income: positive, right-skewed (Box-Cox); score: both signs, skewed (Yeo-Johnson);
# age: whole numbers with ties (quantile edges, k-means); spiky: mostly zeros (duplicate quantile
# edges removed, empty k-means clusters relocated).
data = {
    'income': r2(np.exp(rng.normal(3, 0.8, 80))),
    'score': r2(rng.gamma(2.0, 3.0, 80) - 4),
    'age': [float(v) for v in rng.randint(18, 80, 80)],
    'spiky': r2(np.where(rng.rand(80) < 0.6, 0.0, rng.exponential(5, 80))),
}
# New rows for replay, beyond the training range on both sides.
new = {
    'income': [0.5, 1.0, 7.25, 20.0, 55.5, 400.0],
    'score': [-9.0, -3.99, -0.5, 0.0, 2.5, 60.0],
    'age': [5.0, 18.0, 33.0, 47.5, 79.0, 95.0],
    'spiky': [-1.0, 0.0, 0.01, 3.0, 12.0, 100.0],
}
# A column with missing values: PowerTransformer and QuantileTransformer ignore NaN in fit.
withnan = list(data['score'])
for i in (3, 17, 40, 41, 77):
    withnan[i] = float('nan')

out = {'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__}, 'data': data, 'new': new, 'withnan': js(withnan)}

# Polynomial: on a 3-column slice (PolynomialFeatures takes no NaN; the test checks by hand that missing stays missing).
poly_x = np.array([data['age'][:6], data['income'][:6], data['score'][:6]]).T
poly = {}
for degree in (2, 3):
    for inter in (False, True):
        p = PolynomialFeatures(degree=degree, interaction_only=inter, include_bias=False).fit(poly_x)
        poly[f'{degree}-{inter}'] = {
            'names': list(p.get_feature_names_out(['age', 'income', 'score'])),
            'values': [js(row) for row in p.transform(poly_x).T],
        }
counts = {}
for d in (1, 2, 3, 10, 40):
    for degree in (2, 3):
        for inter in (False, True):
            counts[f'{d}-{degree}-{inter}'] = int(PolynomialFeatures(degree=degree, interaction_only=inter, include_bias=False).fit(np.zeros((1, d))).n_output_features_)
out['polynomial'] = {'x': [js(c) for c in poly_x.T], 'fits': poly, 'counts': counts}

# Bins: edges and ordinal codes of training and new rows, per strategy and column.
bins = {}
for strategy in ('uniform', 'quantile', 'kmeans'):
    for n_bins in (3, 5, 10):
        for name in ('income', 'score', 'age', 'spiky'):
            x = np.array(data[name])[:, None]
            k = KBinsDiscretizer(n_bins=n_bins, encode='ordinal', strategy=strategy).fit(x)
            bins[f'{strategy}-{n_bins}-{name}'] = {
                'edges': [float(v) for v in k.bin_edges_[0]],
                'train': [int(v) for v in k.transform(x)[:, 0]],
                'new': [int(v) for v in k.transform(np.array(new[name])[:, None])[:, 0]],
            }
out['bins'] = bins

# Power: lambdas, the scaler and outputs on training and new rows.
power = {}
for method, names in (('yeo-johnson', ('income', 'score', 'age', 'spiky')), ('box-cox', ('income', 'age'))):
    for standardize in (True, False):
        for name in names:
            x = np.array(data[name])[:, None]
            p = PowerTransformer(method=method, standardize=standardize).fit(x)
            power[f'{method}-{standardize}-{name}'] = {
                'lambda': float(p.lambdas_[0]),
                'mean': float(p._scaler.mean_[0]) if standardize else None,
                'scale': float(p._scaler.scale_[0]) if standardize else None,
                'train': js(p.transform(x)[:, 0]),
                'new': js(p.transform(np.array(new[name])[:, None])[:, 0]) if method == 'yeo-johnson' or min(new[name]) > 0 else None,
            }
p = PowerTransformer(method='yeo-johnson').fit(np.array(withnan)[:, None])
power['yeo-johnson-True-withnan'] = {'lambda': float(p.lambdas_[0]), 'train': js(p.transform(np.array(withnan)[:, None])[:, 0])}
out['power'] = power

quantile = {}
for output in ('uniform', 'normal'):
    for nq in (1000, 10):
        for name in ('income', 'age', 'spiky'):
            x = np.array(data[name])[:, None]
            q = QuantileTransformer(n_quantiles=nq, output_distribution=output).fit(x)
            quantile[f'{output}-{nq}-{name}'] = {
                'train': js(q.transform(x)[:, 0]),
                'new': js(q.transform(np.array(new[name])[:, None])[:, 0]),
            }
    q = QuantileTransformer(output_distribution=output).fit(np.array(withnan)[:, None])
    quantile[f'{output}-1000-withnan'] = {'train': js(q.transform(np.array(withnan)[:, None])[:, 0])}
out['quantile'] = quantile
ppf_at = [1.2e-7, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.7, 0.98, 0.999999, 1 - 1.2e-7]
out['ppf'] = {'p': ppf_at, 'x': [float(v) for v in stats.norm.ppf(ppf_at)]}
out['log1p'] = {'new-score': js(np.log1p(np.array(new['score'])[1:]))}

print(json.dumps(out))
