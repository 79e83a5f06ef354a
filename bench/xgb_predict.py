"""xgboost's predict, for the runtime bench: fits a 100-tree, 31-leaf boosting model (`hist`, grown
leaf-wise like Sapling's) on the training CSV, then times `predict_proba` on the rows of the second
CSV (already in memory, as float32), median of `repeats`, and the booster's `inplace_predict`.
Prints JSON: rows a second of each, the model's shape, and the threads it predicted with."""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb

train_path, rows_path, threads, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
train = pd.read_csv(train_path)
X, y = train.drop(columns=["y"]), train["y"]
model = xgb.XGBClassifier(tree_method="hist", n_estimators=100, max_leaves=31, grow_policy="lossguide", max_depth=0,
                          max_bin=255, learning_rate=0.1, n_jobs=threads, reg_lambda=0.0, min_child_weight=1e-3)
model.fit(X, y)
rows = pd.read_csv(rows_path)
R = np.ascontiguousarray(rows.drop(columns=["y"], errors="ignore").to_numpy(dtype=np.float32))
model.predict_proba(R[:1000])  # warm-up


def median_seconds(predict):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        predict(R)
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


seconds = median_seconds(model.predict_proba)
# The booster's own in-place predict skips building a DMatrix: xgboost's fastest path.
booster = model.get_booster()
booster.inplace_predict(R[:1000])
inplace = median_seconds(booster.inplace_predict)
dump = model.get_booster().get_dump()
leaves = [tree.count("leaf=") for tree in dump]
print(json.dumps({"rows": len(R), "seconds": seconds, "rows_per_s": len(R) / seconds,
                  "inplace_rows_per_s": len(R) / inplace, "trees": len(dump),
                  "leaves_min": min(leaves), "leaves_max": max(leaves), "threads": threads, "version": xgb.__version__}))
