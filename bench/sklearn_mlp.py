"""scikit-learn's MLPClassifier on the same CSV, network and batch size: seconds per epoch."""
import sys, time, warnings
import numpy as np

path, epochs, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = np.loadtxt(path, delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
from sklearn.neural_network import MLPClassifier
warnings.filterwarnings("ignore")
model = MLPClassifier(hidden_layer_sizes=(64, 64), batch_size=batch, max_iter=epochs, alpha=0.0,
                      learning_rate_init=0.001, random_state=0, early_stopping=False, n_iter_no_change=10**9, tol=0)
t = time.perf_counter()
model.fit(X, y)
print((time.perf_counter() - t) / model.n_iter_ * 1000)
