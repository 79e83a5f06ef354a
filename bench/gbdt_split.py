"""Splits a CSV 80/20 (seeded) into train and test files, so Sapling and the Python libraries learn from the same rows."""
import sys
import pandas as pd
from sklearn.model_selection import train_test_split

src, train_path, test_path, target = sys.argv[1:5]
df = pd.read_csv(src)
strat = df[target] if df[target].nunique() <= 20 else None
train, test = train_test_split(df, test_size=0.2, random_state=0, stratify=strat)
train.to_csv(train_path, index=False)
test.to_csv(test_path, index=False)
