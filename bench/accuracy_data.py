"""Writes the accuracy benchmark's data sets as train/test CSV pairs and a manifest (datasets.json) naming the files relative to it.

Usage: accuracy_data.py <samples dir> <out dir> [<split seeds, comma-separated>]

With split seeds, it writes instead every data set split again with each of those random_states,
as <name>-split<seed>-train.csv / -test.csv and a manifest datasets-splits.json whose entries are
named <name>@<seed> (the Auto benchmark's check over other splits).

Iris and Penguins come from the app's samples (public/samples, see shared/data/README.md for their
sources); Wine, Breast Cancer, Digits and Diabetes ship inside scikit-learn and load offline; Titanic
is carData's TitanicSurvival (1,309 passengers: survived, sex, age, class), read through R when
Debian's r-cran-cardata is installed (GPL >= 2; it is not copied into this repository). Each is
split once here (test_size=0.25, random_state=0, stratified for classification), so Sapling and
scikit-learn learn from and are scored on exactly the same rows.
"""
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
from sklearn import datasets
from sklearn.model_selection import train_test_split


def bundled(loader, target, labels=True, **kwargs):
    """A scikit-learn bundled data set as one frame; class targets carry their names, not codes."""
    bunch = loader(as_frame=True, **kwargs)
    frame = bunch.frame.rename(columns={bunch.target.name: target})
    if labels:
        frame[target] = [str(bunch.target_names[k]) for k in bunch.target]
    return frame


def titanic(out):
    """carData::TitanicSurvival as a frame (passenger names, its row names, left out), or None without R and carData."""
    if shutil.which("Rscript") is None:
        return None
    path = os.path.join(out, "titanic-all.csv")
    r = subprocess.run(["Rscript", "-e", f'write.csv(carData::TitanicSurvival, "{path}", row.names = FALSE)'], capture_output=True)
    return pd.read_csv(path) if r.returncode == 0 else None


def main():
    samples, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sets = [
        ("iris", "classification", "species", pd.read_csv(os.path.join(samples, "iris.csv")), "Fisher (1936), public/samples/iris.csv"),
        ("wine", "classification", "cultivar", bundled(datasets.load_wine, "cultivar"), "scikit-learn load_wine (UCI)"),
        ("breast-cancer", "classification", "diagnosis", bundled(datasets.load_breast_cancer, "diagnosis"), "scikit-learn load_breast_cancer (UCI WDBC)"),
        ("digits", "classification", "digit", bundled(datasets.load_digits, "digit", labels=False), "scikit-learn load_digits (UCI, 8×8)"),
        ("penguins", "classification", "species", pd.read_csv(os.path.join(samples, "penguins.csv")), "palmerpenguins 0.1.1, public/samples/penguins.csv"),
        ("diabetes", "regression", "progression", bundled(datasets.load_diabetes, "progression", labels=False, scaled=False), "scikit-learn load_diabetes (Efron et al. 2004, unscaled)"),
    ]
    passengers = titanic(out)
    if passengers is not None:
        sets.append(("titanic", "classification", "survived", passengers, "carData::TitanicSurvival (Debian r-cran-cardata; Encyclopedia Titanica via Harrell's titanic3)"))
    split_seeds = [int(s) for s in sys.argv[3].split(",")] if len(sys.argv) > 3 else None
    manifest = []
    for name, task, target, frame, source in sets:
        strat = frame[target] if task == "classification" else None
        for seed in split_seeds or [0]:
            train, test = train_test_split(frame, test_size=0.25, random_state=seed, stratify=strat)
            stem = f"{name}-split{seed}" if split_seeds else name
            paths = {part: f"{stem}-{part}.csv" for part in ("train", "test")}
            train.to_csv(os.path.join(out, paths["train"]), index=False)
            test.to_csv(os.path.join(out, paths["test"]), index=False)
            entry = {"name": f"{name}@{seed}" if split_seeds else name, "task": task, "target": target, "source": source, "rows": len(frame), **paths}
            manifest.append(entry)
    with open(os.path.join(out, "datasets-splits.json" if split_seeds else "datasets.json"), "w") as f:
        json.dump(manifest, f, indent=2)


if __name__ == "__main__":
    main()
