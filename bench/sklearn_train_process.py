"""scikit-learn's whole process for the training bench's 200,000-row goal, as `sapling train` does it:
read the CSV, hold out 20% (stratified), standardise, MLPClassifier 64-64 (Adam, batch 200, alpha
1e-4, 5 epochs, no early stopping), then score the held-out rows. Run under /usr/bin/time by
bench/run.ts, so start-up and reading count."""
import sys, warnings
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import accuracy_score, roc_auc_score

path, epochs = sys.argv[1], int(sys.argv[2])
data = pd.read_csv(path)
X, y = data.drop(columns=["y"]).to_numpy(), data["y"].to_numpy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
scaler = StandardScaler().fit(X_train)
warnings.filterwarnings("ignore")
model = MLPClassifier(hidden_layer_sizes=(64, 64), batch_size=200, max_iter=epochs, alpha=1e-4,
                      learning_rate_init=0.001, random_state=0, early_stopping=False, n_iter_no_change=10**9, tol=0)
model.fit(scaler.transform(X_train), y_train)
p = model.predict_proba(scaler.transform(X_test))[:, 1]
print(f"accuracy {accuracy_score(y_test, p > 0.5):.4f} auc {roc_auc_score(y_test, p):.4f}")
