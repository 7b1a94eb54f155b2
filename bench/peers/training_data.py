"""The training benchmark's train/test files as the Python peers read them (pandas.read_csv), loading timed."""
import sys
import time

import pandas as pd

CATEGORICAL = ["color", "region"]


def load(path):
    frame = pd.read_csv(path)
    return frame.drop(columns="label"), frame["label"].to_numpy()


def load_split():
    """Reads TRAIN_CSV and TEST_CSV from the command line: (x_train, y_train, x_test, y_test, seconds to load train)."""
    train_path, test_path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    x_train, y_train = load(train_path)
    load_seconds = time.perf_counter() - started
    x_test, y_test = load(test_path)
    return x_train, y_train, x_test, y_test, load_seconds
