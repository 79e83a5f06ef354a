"""scikit-learn's HistGradientBoostingClassifier with the same settings: its test AUC."""
import sys
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

train = pd.read_csv(sys.argv[1])
test = pd.read_csv(sys.argv[2])
model = HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, learning_rate=0.1, max_bins=255,
                                       early_stopping=False, l2_regularization=0.0, min_samples_leaf=20, random_state=0)
model.fit(train.drop(columns=["y"]), train["y"])
print(roc_auc_score(test["y"], model.predict_proba(test.drop(columns=["y"]))[:, 1]))
