"""scikit-learn's default model of each Sapling family, on the accuracy benchmark's train/test files.

Usage: sklearn_accuracy.py <spec.json>

The spec (written by accuracy.ts) lists the data sets with the columns Sapling's default recipe kept
and their kinds, the Sapling families to score, and the seeds. Preprocessing mirrors that recipe:
numbers get mean imputation and standard scaling; categories get most-frequent imputation and one-hot
encoding (at most 50 indicators, unknown categories set none); yes/no columns become one 0/1 column.
Prints JSON: per data set and family the test accuracy (classification) or R² (regression), the mean
over the seeds, and the estimator's parameters (normalised so they compare with Sapling's).
"""
import json
import sys
import time
import warnings

import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import LinearSVC, LinearSVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

# Sapling family id -> (classifier, regressor), each called with the seed; None where the family
# (or scikit-learn) has no such model. Defaults only: the point is to compare defaults.
ESTIMATORS = {
    "logistic": (lambda s: LogisticRegression(), None),
    "linear": (None, lambda s: LinearRegression()),
    "mlp": (lambda s: MLPClassifier(random_state=s), lambda s: MLPRegressor(random_state=s)),
    "tree": (lambda s: DecisionTreeClassifier(random_state=s), lambda s: DecisionTreeRegressor(random_state=s)),
    "forest": (lambda s: RandomForestClassifier(random_state=s), lambda s: RandomForestRegressor(random_state=s)),
    "gbdt": (lambda s: HistGradientBoostingClassifier(random_state=s), lambda s: HistGradientBoostingRegressor(random_state=s)),
    "knn": (lambda s: KNeighborsClassifier(), lambda s: KNeighborsRegressor()),
    "naive-bayes": (lambda s: GaussianNB(), None),
    "svm": (lambda s: LinearSVC(random_state=s), lambda s: LinearSVR(random_state=s)),  # Sapling's svm is LinearSVC
}


def preprocessor(columns):
    """Sapling's default recipe (impute, scale numbers, one-hot categories) as a ColumnTransformer."""
    return ColumnTransformer(
        [
            ("numeric", Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", StandardScaler())]), columns["numeric"]),
            ("categorical", Pipeline([
                ("impute", SimpleImputer(strategy="most_frequent")),
                ("one_hot", OneHotEncoder(handle_unknown="ignore", max_categories=50, sparse_output=False)),
            ]), columns["categorical"]),
            ("boolean", Pipeline([
                ("impute", SimpleImputer(strategy="most_frequent")),
                ("one_hot", OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False)),
            ]), columns["boolean"]),
        ],
        remainder="drop",
    )


def normalised_params(model, n_train):
    """The estimator's parameters with 'auto' values resolved for this training set, JSON-ready."""
    params = {k: v for k, v in model.get_params().items() if isinstance(v, (int, float, str, bool, tuple, type(None)))}
    if params.get("batch_size") == "auto":
        params["batch_size"] = min(200, n_train)
    if params.get("early_stopping") == "auto":  # HistGradientBoosting: on above 10,000 rows
        params["early_stopping"] = n_train > 10000
    if params.get("max_features") is None and "n_estimators" in params:
        params["max_features"] = 1.0
    if params.get("metric") == "minkowski" and params.get("p") in (1, 2):  # KNeighbors
        params["metric"] = {1: "manhattan", 2: "euclidean"}[params["p"]]
    if isinstance(params.get("hidden_layer_sizes"), tuple):
        params["hidden_layer_sizes"] = list(params["hidden_layer_sizes"])
    return params


def score(dataset, family, seeds, folder):
    classification = dataset["task"] != "regression"
    make = ESTIMATORS.get(family, (None, None))[0 if classification else 1]
    if make is None:
        return None
    train = pd.read_csv(f"{folder}/{dataset['train']}")
    test = pd.read_csv(f"{folder}/{dataset['test']}")
    target = dataset["target"]
    used = dataset["columns"]["numeric"] + dataset["columns"]["categorical"] + dataset["columns"]["boolean"]
    # Categories as text, as Sapling reads them (a column of 0/1 codes would otherwise be numbers).
    for frame in (train, test):
        for name in dataset["columns"]["categorical"] + dataset["columns"]["boolean"]:
            frame[name] = frame[name].map(lambda v: v if pd.isna(v) else str(v))
    y_train, y_test = train[target], test[target]
    if classification:
        y_train, y_test = y_train.astype(str), y_test.astype(str)
    scores, unconverged = [], False
    started = time.perf_counter()
    for seed in seeds:
        model = make(seed)
        pipeline = Pipeline([("prep", preprocessor(dataset["columns"])), ("model", model)])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            pipeline.fit(train[used], y_train)
        unconverged = unconverged or any(issubclass(w.category, ConvergenceWarning) for w in caught)
        predicted = pipeline.predict(test[used])
        scores.append(accuracy_score(y_test, predicted) if classification else r2_score(y_test, predicted))
    return {
        "score": sum(scores) / len(scores),
        "scores": scores,
        "estimator": type(model).__name__,
        "params": normalised_params(model, len(train)),
        "unconverged": unconverged,
        "seconds": (time.perf_counter() - started) / len(seeds),
    }


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    results = []
    for dataset in spec["datasets"]:
        for family in spec["families"]:
            result = score(dataset, family, spec["seeds"], spec["folder"])
            results.append({"dataset": dataset["name"], "family": family, **(result or {"score": None})})
    print(json.dumps({"version": sklearn.__version__, "results": results}))


if __name__ == "__main__":
    main()
