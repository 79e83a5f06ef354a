"""Reference figures for src/core/prep/steps/selection/selection.test.ts, from scikit-learn.

Run with Debian's Python and scikit-learn (1.2.1, NumPy 1.24.2 when written):
    /usr/bin/python3 scripts/selection-sklearn-reference.py
The tests embed the printed numbers. Two data sets, built the same way on both sides:
- "synthetic": 200 rows of Sapling's seeded generator (src/core/util/rng.ts: splitmix32 seeding
  sfc32), ported below, combined with + - * / and floor only, which IEEE 754 rounds the same way
  in Python and JavaScript, so both sides see identical values;
- "penguins": public/samples/penguins.csv, rows with every value present, read as text the same way.
"""
import json
import math
import warnings

import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.feature_selection import (RFE, RFECV, SelectFromModel, SelectKBest, VarianceThreshold, chi2, f_classif,
                                       f_regression, mutual_info_classif, mutual_info_regression)
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression

M32 = 0xFFFFFFFF
# f_classif warns about the constant column on purpose (its F is NaN, as the test checks).
warnings.filterwarnings('ignore')


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


def synthetic(n=200, seed=15):
    """Mirrored by syntheticTable() in selection.test.ts: 8 columns, classes (3 and 2) and a value target."""
    rng = Rng(seed)
    rows, y3, y2, yr = [], [], [], []
    for _ in range(n):
        u = [rng.next() for _ in range(8)]
        x0, x1, x2, x3, x4, x5, x6, x7 = u
        x3 = x3 * 0.01                    # little spread
        x4 = 0.5                          # constant
        x5 = math.floor(x5 * 5) / 5       # five values: ties
        x6 = x0 * 0.97 + x6 * 0.03        # nearly a copy of x0
        s = x0 + 2 * x1 - 1.5 * x2 + 0.8 * x7 + 0.6 * x5
        rows.append([x0, x1, x2, x3, x4, x5, x6, x7])
        y3.append(0 if s < 0.8 else 1 if s < 1.6 else 2)
        y2.append(1 if s > 1.2 else 0)
        yr.append(3 * x0 - 2 * x1 + 4 * x2 * x7 + 0.3 * x5)
    return np.array(rows), np.array(y3), np.array(y2), np.array(yr)


def penguins():
    """Numeric columns of the complete rows, species as class indices (names sorted), sex as 0/1 (female, male)."""
    lines = open('public/samples/penguins.csv').read().strip().split('\n')
    header = [h.strip('"') for h in lines[0].split(',')]
    X, species, sex = [], [], []
    for line in lines[1:]:
        cells = [c.strip('"') for c in line.split(',')]
        if any(c in ('', 'NA') for c in cells):
            continue
        row = dict(zip(header, cells))
        X.append([float(row[c]) for c in ('bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year')])
        species.append(row['species'])
        sex.append(row['sex'])
    names = sorted(set(species))
    return np.array(X), np.array([names.index(s) for s in species]), np.array([0 if s == 'female' else 1 for s in sex])


def support(selector):
    return [int(i) for i in np.flatnonzero(selector.get_support())]


def floats(values):
    return [None if not np.isfinite(v) else float(v) for v in values]


def drop_correlated(X, threshold, relevance):
    """The algorithm of src/core/prep/steps/selection/correlated.ts, in NumPy, for the record."""
    d = X.shape[1]
    r = np.corrcoef(X, rowvar=False)
    order = sorted(range(d), key=lambda j: (-relevance[j], j))
    kept = []
    for j in order:
        if not any(abs(r[j, k]) > threshold for k in kept):
            kept.append(j)
    return sorted(kept)


out = {}
X, y3, y2, yr = synthetic()
P, species, sex = penguins()
body = P[:, 3]
Pr = P[:, [0, 1, 2, 4]]
out['synthetic'] = {
    'first_row': X[0].tolist(), 'y_first': [int(y3[0]), int(y2[0]), float(yr[0])], 'class_counts': np.bincount(y3).tolist(),
    'variances': VarianceThreshold(0).fit(X).variances_.tolist(),
    'variance_support_0': support(VarianceThreshold(0).fit(X)),
    'variance_support_001': support(VarianceThreshold(0.001).fit(X)),
    'f_classif': floats(f_classif(X, y3)[0]),
    'f_regression': floats(f_regression(X, yr)[0]),
    'chi2': floats(chi2(X, y3)[0]),
    'mi_classif_seed7': mutual_info_classif(X, y3, random_state=7).tolist(),
    'mi_regression_seed7': mutual_info_regression(X, yr, random_state=7).tolist(),
    'kbest3_f_classif': support(SelectKBest(f_classif, k=3).fit(X, y3)),
    'kbest3_f_regression': support(SelectKBest(f_regression, k=3).fit(X, yr)),
    'kbest3_chi2': support(SelectKBest(chi2, k=3).fit(X, y3)),
    'kbest3_mi_classif': support(SelectKBest(lambda a, b: mutual_info_classif(a, b, random_state=7), k=3).fit(X, y3)),
    'kbest3_mi_regression': support(SelectKBest(lambda a, b: mutual_info_regression(a, b, random_state=7), k=3).fit(X, yr)),
}
Xm = X[:, [0, 1, 2, 3, 5, 6, 7]]   # the model-based selectors on the columns without the constant one
Xf = X[:, [0, 1, 2, 3, 5, 7]]
std = float(np.std(yr))
lasso = Lasso(alpha=0.01 * std, tol=1e-12, max_iter=1_000_000).fit(Xm, yr)
l1_3 = LogisticRegression(penalty='l1', C=1, solver='saga', tol=1e-12, max_iter=1_000_000).fit(Xm, y3)
l1_2 = LogisticRegression(penalty='l1', C=1, solver='saga', tol=1e-12, max_iter=1_000_000).fit(Xm, y2)
out['from_model'] = {
    'lasso_coef': lasso.coef_.tolist(),
    'lasso_mean': support(SelectFromModel(lasso, threshold='mean', prefit=True)),
    'l1_logistic_3_coef': l1_3.coef_.tolist(),
    'l1_logistic_3_mean': support(SelectFromModel(l1_3, threshold='mean', prefit=True)),
    'l1_logistic_2_coef': l1_2.coef_.tolist(),
    'l1_logistic_2_mean': support(SelectFromModel(l1_2, threshold='mean', prefit=True)),
    'l1_logistic_2_median': support(SelectFromModel(l1_2, threshold='median', prefit=True)),
    # Forests without x6: of two near-copies (x0, x6) a forest credits one or the other as its
    # splits happen to fall, so their importances are not comparable between two forests.
    'forest_classif_mean': support(SelectFromModel(RandomForestClassifier(n_estimators=200, random_state=0), threshold='mean').fit(Xf, y3)),
    'forest_regression_mean': support(SelectFromModel(RandomForestRegressor(n_estimators=200, random_state=0), threshold='mean').fit(Xf, yr)),
    'forest_classif_importances': RandomForestClassifier(n_estimators=200, random_state=0).fit(Xf, y3).feature_importances_.tolist(),
    'forest_regression_importances': RandomForestRegressor(n_estimators=200, random_state=0).fit(Xf, yr).feature_importances_.tolist(),
}
# LogisticRegression solved to its optimum (tol 1e-10) so rankings do not hang on where lbfgs stopped.
logit = LogisticRegression(C=1, tol=1e-10, max_iter=100_000)
rfe3 = RFE(logit, n_features_to_select=3, step=1).fit(Xm, y3)
rfe_r = RFE(LinearRegression(), n_features_to_select=3, step=1).fit(Xm, yr)
rfe_r2 = RFE(LinearRegression(), n_features_to_select=2, step=2).fit(Xm, yr)
cv3 = RFECV(logit, step=1, cv=5, min_features_to_select=1).fit(Xm, y3)
cvr = RFECV(LinearRegression(), step=1, cv=5, min_features_to_select=1).fit(Xm, yr)
# Penguins standardised (as a Sapling recipe scales before selecting): unscaled, the year column
# (2007–2009) is nearly collinear with the intercept and lbfgs stops on its relative-reduction
# test short of the optimum along that direction, so borderline predictions depend on where.
Ps = (P - P.mean(axis=0)) / P.std(axis=0)
cvp = RFECV(LogisticRegression(C=1, tol=1e-10, max_iter=100_000), step=1, cv=5).fit(Ps, species)
out['rfe'] = {
    'logistic_3': support(rfe3), 'logistic_3_ranking': rfe3.ranking_.tolist(),
    'linear_3': support(rfe_r), 'linear_3_ranking': rfe_r.ranking_.tolist(),
    'linear_2_step2': support(rfe_r2), 'linear_2_step2_ranking': rfe_r2.ranking_.tolist(),
    'cv_logistic': support(cv3), 'cv_logistic_scores': cv3.cv_results_['mean_test_score'].tolist(), 'cv_logistic_std': cv3.cv_results_['std_test_score'].tolist(),
    'cv_linear': support(cvr), 'cv_linear_scores': cvr.cv_results_['mean_test_score'].tolist(),
    'cv_penguins': support(cvp), 'cv_penguins_scores': cvp.cv_results_['mean_test_score'].tolist(),
}
out['penguins'] = {
    'rows': len(P), 'first_row': P[0].tolist(), 'species_counts': np.bincount(species).tolist(), 'male': int(sex.sum()),
    'f_classif_species': floats(f_classif(P, species)[0]),
    'f_regression_body': floats(f_regression(Pr, body)[0]),
    'chi2_species': floats(chi2(P, species)[0]),
    'mi_species_seed0': mutual_info_classif(P, species, random_state=0).tolist(),
    'mi_sex_seed3': mutual_info_classif(P, sex, random_state=3).tolist(),
    'mi_body_seed0': mutual_info_regression(Pr, body, random_state=0).tolist(),
    'kbest2_mi_species': support(SelectKBest(lambda a, b: mutual_info_classif(a, b, random_state=0), k=2).fit(P, species)),
}
rel_syn = np.abs([np.corrcoef(X[:, j], yr)[0, 1] if np.std(X[:, j]) > 0 else -np.inf for j in range(8)])
out['drop_correlated'] = {
    'synthetic_095_regression': drop_correlated(X[:, [0, 1, 2, 3, 5, 6, 7]], 0.95, np.nan_to_num(rel_syn[[0, 1, 2, 3, 5, 6, 7]], nan=-np.inf)),
    'synthetic_095_none': drop_correlated(X[:, [0, 1, 2, 3, 5, 6, 7]], 0.95, [0] * 7),
    'penguins_08_species': drop_correlated(P, 0.8, f_classif(P, species)[0]),
    'penguins_08_none': drop_correlated(P, 0.8, [0] * 5),
    'penguins_08_sex': drop_correlated(P, 0.8, f_classif(P, sex)[0]),
}
print(json.dumps(out, indent=1))
