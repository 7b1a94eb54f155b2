"""Peer for the training benchmark: XGBoost's hist trainer on the same train/test files.

Usage: /usr/bin/python3 training_xgboost.py TRAIN_CSV TEST_CSV
Debian's python3-xgboost. The configuration closest to ours: tree_method=hist, grow_policy=lossguide (leaf-wise, as
LightGBM grows), max_leaves=31 with no depth limit, 100 rounds at learning rate 0.1, the two categoricals as pandas
categories with XGBoost's native categorical splits, 2 threads. Loading (pandas.read_csv) and fitting (the category
conversion and XGBoost's own data matrix included) are timed separately inside Python. Prints one JSON line.
"""
import json
import os
import time

# As the scikit-learn peer and ours: idle OpenMP workers sleep (set before xgboost loads libgomp).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pandas as pd  # noqa: E402
import xgboost as xgb  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from training_data import CATEGORICAL, load_split  # noqa: E402

THREADS = 2


def main():
    x_train, y_train, x_test, y_test, load_seconds = load_split()

    started = time.perf_counter()
    features = x_train.copy()
    for column in CATEGORICAL:
        features[column] = features[column].astype("category")
    model = xgb.XGBClassifier(
        n_estimators=100, learning_rate=0.1, tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0,
        enable_categorical=True, n_jobs=THREADS, random_state=0)
    model.fit(features, y_train)
    fit_seconds = time.perf_counter() - started

    test = x_test.copy()
    for column in CATEGORICAL:
        test[column] = pd.Categorical(test[column], categories=features[column].cat.categories)
    auc = roc_auc_score(y_test, model.predict_proba(test)[:, 1])
    print(json.dumps({
        "load_seconds": load_seconds,
        "fit_seconds": fit_seconds,
        "auc": auc,
        "xgboost": xgb.__version__,
        "threads": THREADS,
        "omp_wait_policy": os.environ["OMP_WAIT_POLICY"],
    }))


if __name__ == "__main__":
    main()
