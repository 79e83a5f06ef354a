"""The reference server of `npm run bench -- serve`: FastAPI + uvicorn (one worker) serving
scikit-learn's HistGradientBoostingClassifier of the same shape as Sapling's model (100 rounds,
31 leaves, 255 bins) trained on the same CSV, behind the same route and JSON as `sapling serve`'s
TensorFlow Serving shape: POST /v1/models/<name>:predict {"instances": [row objects]} ->
{"predictions": [{"prediction": label, "proba_<class>": p, ...}]}. No pandas on the request path:
rows become a NumPy array in the training columns' order.

usage: fastapi_serve.py <train.csv> <target> <name> <port>
"""
import csv
import sys
from typing import Dict, List

import numpy as np
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel
from sklearn.ensemble import HistGradientBoostingClassifier

train_csv, target, name, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

with open(train_csv, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
columns = [c for c in header if c != target]
t = header.index(target)
X = np.array([[float(r[j]) for j, c in enumerate(header) if c != target] for r in rows])
y = np.array([r[t] for r in rows])
model = HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, max_bins=255, learning_rate=0.1,
                                       early_stopping=False, random_state=0).fit(X, y)
classes = [str(c) for c in model.classes_]


class PredictRequest(BaseModel):
    """The body, validated by FastAPI as its users would write it: a list of column -> number rows."""
    instances: List[Dict[str, float]]


app = FastAPI()


@app.get("/v2/health/ready")
async def ready():
    return {"ready": True}


# Plain `def`, as FastAPI's docs advise for blocking work: it runs in the thread pool, and
# scikit-learn's prediction releases the GIL, so it measured faster here than `async def` (about
# 390 against 200 requests/s in a 5 s trial on this loaded machine).
@app.post(f"/v1/models/{name}:predict")
def predict(body: PredictRequest):
    features = np.array([[row[c] for c in columns] for row in body.instances], dtype=float)
    proba = model.predict_proba(features)
    labels = np.asarray(classes)[proba.argmax(axis=1)]
    return {"predictions": [{"prediction": str(label), **{f"proba_{c}": float(p) for c, p in zip(classes, ps)}}
                            for label, ps in zip(labels, proba)]}


if __name__ == "__main__":
    # One worker, as the issue sets; no access log (sapling serve logs no line per request either).
    uvicorn.run(app, host="127.0.0.1", port=port, workers=1, access_log=False, log_level="warning")
