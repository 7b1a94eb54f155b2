"""Peer for the training benchmark: scikit-learn's HistGradientBoostingClassifier on the same train/test files.

Usage: /usr/bin/python3 training_sklearn.py TRAIN_CSV TEST_CSV
The files have 20 numeric columns x0..x19, two categorical columns (color, region) and a 0/1 label. The
categoricals are ordinal-encoded and declared as categorical_features (HistGradientBoosting's native categorical
splits). Loading (pandas.read_csv) and fitting (encoding included) are timed separately inside Python. Prints one
JSON line; the benchmark runs this script several times, in turns with its own runs.
"""
import json
import os
import time

# The same OpenMP wait policy as our side uses (see OpenMpWaitPolicy.cs): idle workers sleep instead of spinning,
# which on a shared two-core machine keeps the timing from depending on what else runs. It must be set before
# scikit-learn loads libgomp; an explicit setting in the environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import sklearn  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.preprocessing import OrdinalEncoder  # noqa: E402
from training_data import CATEGORICAL, load_split  # noqa: E402

def main():
    x_train, y_train, x_test, y_test, load_seconds = load_split()

    started = time.perf_counter()
    encoder = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, dtype=float)
    features = x_train.copy()
    features[CATEGORICAL] = encoder.fit_transform(features[CATEGORICAL])
    categorical = [features.columns.get_loc(c) for c in CATEGORICAL]
    # 100 iterations exactly: early stopping (on by default above 10,000 rows) would stop sooner on 90% of the rows.
    model = HistGradientBoostingClassifier(
        max_iter=100, categorical_features=categorical, early_stopping=False, random_state=0)
    model.fit(features.to_numpy(), y_train)
    fit_seconds = time.perf_counter() - started

    test = x_test.copy()
    test[CATEGORICAL] = encoder.transform(test[CATEGORICAL])
    auc = roc_auc_score(y_test, model.predict_proba(test.to_numpy())[:, 1])
    print(json.dumps({
        "load_seconds": load_seconds,
        "fit_seconds": fit_seconds,
        "auc": auc,
        "sklearn": sklearn.__version__,
        "omp_threads": os.environ.get("OMP_NUM_THREADS", str(os.cpu_count())),
        "omp_wait_policy": os.environ["OMP_WAIT_POLICY"],
    }))


if __name__ == "__main__":
    main()
