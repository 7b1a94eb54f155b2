"""Peer for the default-search benchmark: scikit-learn's HistGradientBoostingRegressor on the same splits.

Usage: /usr/bin/python3 default_search_sklearn.py TRAIN_CSV VALIDATION_CSV TEST_CSV LABEL
Fits on train + validation (the rows our search learns from), with the text columns ordinal-encoded and declared as
categorical features, and reports the fit time and the R² on the test rows. Prints one JSON line.
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import HistGradientBoostingRegressor  # noqa: E402
from sklearn.metrics import r2_score  # noqa: E402
from sklearn.preprocessing import OrdinalEncoder  # noqa: E402


def main():
    train_path, validation_path, test_path, label = sys.argv[1:5]
    train = pd.concat([pd.read_csv(train_path), pd.read_csv(validation_path)], ignore_index=True)
    test = pd.read_csv(test_path)
    x_train, y_train = train.drop(columns=label), train[label].to_numpy()
    x_test, y_test = test.drop(columns=label), test[label].to_numpy()
    categorical = [c for c in x_train.columns if x_train[c].dtype == object]

    started = time.perf_counter()
    encoder = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-1, dtype=float)
    features = x_train.copy()
    features[categorical] = encoder.fit_transform(features[categorical].fillna("missing"))
    model = HistGradientBoostingRegressor(
        categorical_features=[features.columns.get_loc(c) for c in categorical], random_state=0)
    model.fit(features.to_numpy(), y_train)
    fit_seconds = time.perf_counter() - started

    test_features = x_test.copy()
    test_features[categorical] = encoder.transform(test_features[categorical].fillna("missing"))
    r2 = r2_score(y_test, model.predict(test_features.to_numpy()))
    print(json.dumps({"fit_seconds": fit_seconds, "r2": r2, "sklearn": sklearn.__version__}))


if __name__ == "__main__":
    main()
