"""Peer for the serving benchmark: scikit-learn HistGradientBoostingClassifier.predict_proba throughput.

Usage: /usr/bin/python3 serving_sklearn.py TRAIN_CSV SCORE_CSV
Trains HistGradientBoosting (100 iterations, categoricals ordinal-encoded and declared categorical, as the training
peer) on TRAIN_CSV, then times predict_proba over every row of SCORE_CSV (already in memory as a numpy array),
best of 3. Prints one JSON line.
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.preprocessing import OrdinalEncoder  # noqa: E402

CATEGORICAL = ["color", "region"]


def main():
    train = pd.read_csv(sys.argv[1])
    score = pd.read_csv(sys.argv[2]).drop(columns="label")
    encoder = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, dtype=float)
    x = train.drop(columns="label")
    x[CATEGORICAL] = encoder.fit_transform(x[CATEGORICAL])
    categorical = [x.columns.get_loc(c) for c in CATEGORICAL]
    model = HistGradientBoostingClassifier(max_iter=100, categorical_features=categorical, early_stopping=False, random_state=0)
    model.fit(x.to_numpy(), train["label"].to_numpy())
    score[CATEGORICAL] = encoder.transform(score[CATEGORICAL])
    rows = score.to_numpy()
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        model.predict_proba(rows)
        best = min(best, time.perf_counter() - started)
    print(json.dumps({"rows": len(rows), "seconds": best, "rows_per_second": len(rows) / best, "sklearn": sklearn.__version__}))


if __name__ == "__main__":
    main()
