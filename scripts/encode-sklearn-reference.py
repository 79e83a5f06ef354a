"""Reference figures for the encode-part feature steps (src/core/prep/steps/*.test.ts), from
scikit-learn, NumPy and pandas.

Run with Debian's Python (scikit-learn 1.2.1, NumPy 1.24.2, pandas 1.5.3 when written):
    /usr/bin/python3 scripts/encode-sklearn-reference.py > /tmp/encode-sklearn.json
The tests embed the printed numbers. Every data set is built from integer formulas (and divisions
by powers of two), which both languages compute exactly, so both sides see identical values; the
TypeScript tests rebuild them with the same formulas (`encodeFixtures.ts`).

TargetEncoder appeared in scikit-learn 1.3, after the 1.2.1 Debian ships, so `TargetEncoderPort`
below is a line-by-line NumPy port of scikit-learn 1.4's `sklearn/preprocessing/_target_encoder.py`
and `_target_encoder_fast.pyx` (`_fit_encoding_fast`, `_fit_encoding_fast_auto_smooth`), driven by
1.2.1's own `KFold` / `StratifiedKFold` (shuffle=False), `LabelEncoder` and `LabelBinarizer`. It
is checked below against the figures of scikit-learn's own docstring example before it is used.
"""
import json
import math
import re
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import MissingIndicator
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import LabelBinarizer, LabelEncoder, OneHotEncoder


# ---------------------------------------------------------------------------------------------
# Data

ISLANDS = ["Biscoe", "Dream", "Torgersen", "Biscoe", "Dream", "Biscoe", None, "Zed"]
SPECIES = ["Adelie", "Chinstrap", "Gentoo"]
N = 53


def island(i):
    return ISLANDS[(i * 7 + i // 5) % 8]


def regression_y(i):
    k = (i * 7 + i // 5) % 8
    return ((i * 37) % 23) / 4 + (k % 3) * 1.5


def binary_y(i):
    k = (i * 7 + i // 5) % 8
    return 1 if ((i * i * 7 + 3 * i) % 11 + k) % 4 < 2 else 0


def multiclass_y(i):
    k = (i * 7 + i // 5) % 8
    return ((i * i * 3 + i) % 7 + k) % 3


# ---------------------------------------------------------------------------------------------
# TargetEncoder (scikit-learn 1.4), ported


def fit_encoding_fast(x_int, y, n_cats, smooth, y_mean):
    sums = np.full(n_cats, smooth * y_mean)
    counts = np.full(n_cats, float(smooth))
    for xi, yi in zip(x_int, y):
        if xi == -1:
            continue
        sums[xi] += yi
        counts[xi] += 1.0
    return np.array([y_mean if counts[c] == 0 else sums[c] / counts[c] for c in range(n_cats)])


def fit_encoding_fast_auto_smooth(x_int, y, n_cats, y_mean, y_variance):
    means = np.zeros(n_cats)
    counts = np.zeros(n_cats, dtype=np.int64)
    ssd = np.zeros(n_cats)
    for xi, yi in zip(x_int, y):
        if xi == -1:
            continue
        counts[xi] += 1
        means[xi] += yi
    with np.errstate(invalid="ignore", divide="ignore"):
        means /= counts
    for xi, yi in zip(x_int, y):
        if xi == -1:
            continue
        diff = yi - means[xi]
        ssd[xi] += diff * diff
    out = np.empty(n_cats)
    with np.errstate(invalid="ignore", divide="ignore"):
        for c in range(n_cats):
            lam = y_variance * counts[c] / (y_variance * counts[c] + ssd[c] / counts[c])
            out[c] = y_mean if math.isnan(lam) else lam * means[c] + (1 - lam) * y_mean
    return out


class TargetEncoderPort:
    """One feature; categories are sorted labels with the missing value (None) last, as scikit-learn's."""

    def __init__(self, target_type, smooth="auto", cv=5):
        self.target_type, self.smooth, self.cv = target_type, smooth, cv

    def _encode_one(self, x_int, y, n_cats, mean):
        if self.smooth == "auto":
            return fit_encoding_fast_auto_smooth(x_int, y, n_cats, mean, np.var(y))
        return fit_encoding_fast(x_int, y, n_cats, self.smooth, mean)

    def _encodings(self, x_int, y, n_cats, mean):
        if self.target_type == "multiclass":
            return [self._encode_one(x_int, y[:, j], n_cats, mean[j]) for j in range(y.shape[1])]
        return [self._encode_one(x_int, y, n_cats, mean)]

    def _ordinal(self, x):
        return np.array([self.index.get(v, -1) for v in x])

    def _prepare(self, x, y):
        present = sorted({v for v in x if v is not None})
        self.categories = present + ([None] if any(v is None for v in x) else [])
        self.index = {v: k for k, v in enumerate(self.categories)}
        if self.target_type == "binary":
            y = LabelEncoder().fit_transform(y)
        elif self.target_type == "multiclass":
            y = LabelBinarizer().fit_transform(y)
        else:
            y = np.asarray(y, dtype=np.float64)
        self.target_mean = np.mean(y, axis=0)
        x_int = self._ordinal(x)
        self.encodings = self._encodings(x_int, y, len(self.categories), self.target_mean)
        return x_int, y

    def fit(self, x, y):
        self._prepare(x, y)
        return self

    def transform(self, x):
        x_int = self._ordinal(x)
        means = np.atleast_1d(self.target_mean)
        return np.array([[e[xi] if xi >= 0 else means[j] for j, e in enumerate(self.encodings)] for xi in x_int])

    def fit_transform(self, x, y):
        x_int, y_enc = self._prepare(x, y)
        splitter = KFold(self.cv, shuffle=False) if self.target_type == "continuous" else StratifiedKFold(self.cv, shuffle=False)
        out = np.empty((len(x), len(self.encodings)))
        for train_idx, test_idx in splitter.split(np.zeros(len(x)), y):
            y_train = y_enc[train_idx]
            mean = np.mean(y_train, axis=0)
            encodings = self._encodings(x_int[train_idx], y_train, len(self.categories), mean)
            for j, e in enumerate(encodings):
                out[test_idx, j] = e[x_int[test_idx]]
        return out


def check_port():
    # scikit-learn's docstring example (TargetEncoder, 1.4): smooth=5000 → 44…, smooth=1 → [20…, 80…, 43…].
    x = ["dog"] * 20 + ["cat"] * 30 + ["snake"] * 38
    y = [90.3] * 5 + [80.1] * 15 + [20.4] * 5 + [20.1] * 25 + [21.2] * 8 + [49] * 30
    high = TargetEncoderPort("continuous", smooth=5000.0).fit(x, y)
    assert all(44 <= v < 45 for v in high.encodings[0]), high.encodings
    low = TargetEncoderPort("continuous", smooth=1.0).fit(x, y).encodings[0]
    assert 20 <= low[0] < 21 and 80 <= low[1] < 81 and 43 <= low[2] < 44, low


def target_encode_reference():
    check_port()
    x = [island(i) for i in range(N)]
    cases = {
        "regression": ("continuous", [regression_y(i) for i in range(N)]),
        "binary": ("binary", [["no", "yes"][binary_y(i)] for i in range(N)]),
        "multiclass": ("multiclass", [SPECIES[multiclass_y(i)] for i in range(N)]),
    }
    unseen = ["Dream", "Atlantis", None, "Zed"]
    out = {
        "input": {
            "island": x,
            "regression": [regression_y(i) for i in range(N)],
            "binary": [binary_y(i) for i in range(N)],
            "multiclass": [multiclass_y(i) for i in range(N)],
            "unseen": unseen,
        }
    }
    for name, (target_type, y) in cases.items():
        for smooth in ["auto", 2.0]:
            enc = TargetEncoderPort(target_type, smooth=smooth)
            crossfit = enc.fit_transform(x, y)
            out[f"{name}/{smooth}"] = {
                "categories": ["<missing>" if c is None else c for c in enc.categories],
                "targetMean": np.atleast_1d(enc.target_mean).tolist(),
                "encodings": [e.tolist() for e in enc.encodings],
                "fitTransform": crossfit.T.tolist(),
                "transformUnseen": enc.transform(unseen).T.tolist(),
            }
    return out


# ---------------------------------------------------------------------------------------------
# Rare categories: OneHotEncoder(min_frequency) names the infrequent ones


COLOURS = ["red"] * 12 + ["blue"] * 8 + ["other"] * 6 + ["green"] * 4 + ["teal"] * 3 + ["mauve"] * 2 + [None] * 5


def colour(i):
    return COLOURS[(i * 17) % 40]


def rare_reference():
    x = np.array([[colour(i) if colour(i) is not None else np.nan] for i in range(40)], dtype=object)
    out = {"input": [colour(i) for i in range(40)]}
    for min_frequency in [4, 0.15, 0.2]:
        enc = OneHotEncoder(min_frequency=min_frequency, handle_unknown="infrequent_if_exist").fit(x)
        infrequent = enc.infrequent_categories_[0]
        out[str(min_frequency)] = sorted(str(c) for c in infrequent) if infrequent is not None else []
    return out


# ---------------------------------------------------------------------------------------------
# Missing indicators


def missing_reference():
    a = [np.nan if i % 4 == 1 else i / 2 for i in range(12)]
    b = [float(i) for i in range(12)]
    c = [np.nan if i == 7 else -i for i in range(12)]
    train = np.array([a, b, c]).T
    test = np.array([[np.nan, np.nan, 1.0], [3.0, np.nan, np.nan]])
    only = MissingIndicator(features="missing-only", error_on_new=False).fit(train)
    every = MissingIndicator(features="all").fit(train)
    nulls = lambda m: [[None if math.isnan(v) else v for v in row] for row in m.T.tolist()]
    return {
        "input": {"train": nulls(train), "test": nulls(test)},
        "missingOnlyFeatures": only.features_.tolist(),
        "missingOnlyTest": only.transform(test).astype(int).T.tolist(),
        "allTest": every.transform(test).astype(int).T.tolist(),
    }


# ---------------------------------------------------------------------------------------------
# Clipping: NumPy's percentiles (linear interpolation) and Tukey's fences


def clip_values():
    return [((i * 29) % 31) / 8 + (40 if i == 3 else 0) - (25 if i == 17 else 0) for i in range(37)] + [np.nan]


def clip_reference():
    v = np.array(clip_values())
    present = v[~np.isnan(v)]
    lo, hi = np.percentile(present, [1, 99])
    q1, q3 = np.percentile(present, [25, 75])
    p5, p90 = np.percentile(present, [5, 90])
    fences = (q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1))
    fences3 = (q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1))
    probe = np.array([-100.0, 0.0, 2.0, 100.0, np.nan])
    clipped = lambda b: [None if math.isnan(x) else x for x in np.clip(probe, *b).tolist()]
    return {
        "input": [None if math.isnan(x) else x for x in v.tolist()],
        "percentiles": [lo, hi],
        "percentiles5to90": [p5, p90],
        "iqr": list(fences),
        "iqr3": list(fences3),
        "probe": [None if math.isnan(x) else x for x in probe.tolist()],
        "clippedPercentiles": clipped((lo, hi)),
        "clippedIqr": clipped(fences),
    }


# ---------------------------------------------------------------------------------------------
# TF-IDF


REVIEWS = [
    "Great food, great view! Would come again.",
    "The food was cold; the view was great.",
    "Café très bon — le café, le pain.",
    "naïve_user says: 2024 was the year of the café",
    "Straße closed. ΟΔΥΣΣΕΥΣ came back",
    "日本語 テキスト 日本語 x y z",
    "a I o",
    None,
    "COLD cold Cold food",
    "٣٤ apples and 12 pears, 12 plums",
    "the the the view",
    "don't won't can't — it's fine",
]
UNSEEN_REVIEWS = ["Great café, cold pears", "nothing known here", None, "THE VIEW the view"]


def tfidf_reference():
    docs = [r if r is not None else "" for r in REVIEWS]
    test = [r if r is not None else "" for r in UNSEEN_REVIEWS]
    out = {"input": {"train": REVIEWS, "test": UNSEEN_REVIEWS}}
    for max_features in [100, 7]:
        vec = TfidfVectorizer(max_features=max_features).fit(docs)
        out[str(max_features)] = {
            "vocabulary": vec.get_feature_names_out().tolist(),
            "idf": vec.idf_.tolist(),
            "train": vec.transform(docs).toarray().T.tolist(),
            "test": vec.transform(test).toarray().T.tolist(),
        }
    # scikit-learn ranks term counts with NumPy's unstable quicksort, so a tie at the cut-off could
    # go either way; Sapling breaks ties by the word's order. This corpus has no tie at the 7th place.
    totals = np.sort(np.asarray(TfidfVectorizer(use_idf=False, norm=None).fit_transform(docs).sum(axis=0)).ravel())[::-1]
    assert totals[6] != totals[7], totals[:10]
    out["tokensOfReview4"] = re.findall(r"(?u)\b\w\w+\b", REVIEWS[4].lower())
    return out


# ---------------------------------------------------------------------------------------------
# Group aggregates: pandas' groupby on the training rows


def customer(i):
    return ["ann", "bob", "cat", "ann", "dan", None][(i * 4 + i // 3) % 6]


def amount(i):
    return np.nan if i % 9 == 4 else ((i * 13) % 17) / 4 - 1


def aggregate_reference():
    df = pd.DataFrame({"customer": [customer(i) for i in range(30)], "amount": [amount(i) for i in range(30)]})
    g = df.groupby("customer")["amount"].agg(["count", "mean", "sum", "min", "max"])
    overall = {"count": 0, "mean": df["amount"].mean(), "sum": 0.0, "min": df["amount"].min(), "max": df["amount"].max()}
    return {
        "input": {"customer": df["customer"].tolist(), "amount": [None if math.isnan(a) else a for a in df["amount"]]},
        "keys": g.index.tolist(),
        "stats": {s: g[s].astype(float).tolist() for s in g.columns},
        "overall": overall,
    }


# ---------------------------------------------------------------------------------------------
# Duplicate rows: pandas' drop_duplicates (keep="first")


def duplicates_reference():
    df = pd.DataFrame(
        {
            "x": [1.0, 2.0, 1.0, np.nan, np.nan, 2.0, 1.0],
            "c": ["a", "b", "a", None, None, "b", "b"],
            "y": [0, 1, 0, 1, 1, 0, 0],
        }
    )
    return {
        "input": {"x": [None if math.isnan(a) else a for a in df["x"]], "c": df["c"].tolist(), "y": df["y"].tolist()},
        "withTarget": df.drop_duplicates().index.tolist(),
        "featuresOnly": df[["x", "c"]].drop_duplicates().index.tolist(),
    }


if __name__ == "__main__":
    json.dump(
        {
            "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__},
            "targetEncode": target_encode_reference(),
            "rare": rare_reference(),
            "missing": missing_reference(),
            "clip": clip_reference(),
            "tfidf": tfidf_reference(),
            "aggregate": aggregate_reference(),
            "duplicates": duplicates_reference(),
        },
        sys.stdout,
        indent=1,
    )
    print()
