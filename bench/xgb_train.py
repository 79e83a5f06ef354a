"""xgboost's `hist` method with 2 threads on the benchmark CSV, as a whole process; prints its test AUC."""
import sys
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

train = pd.read_csv(sys.argv[1])
test = pd.read_csv(sys.argv[2])
X, y = train.drop(columns=["y"]), train["y"]
model = xgb.XGBClassifier(tree_method="hist", n_estimators=100, max_leaves=31, grow_policy="lossguide", max_depth=0,
                          max_bin=255, learning_rate=0.1, n_jobs=2, reg_lambda=0.0, min_child_weight=1e-3)
model.fit(X, y)
print(roc_auc_score(test["y"], model.predict_proba(test.drop(columns=["y"]))[:, 1]))
