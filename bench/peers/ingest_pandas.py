#!/usr/bin/python3
"""Peer for the `ingest` benchmark: what a data scientist would run to describe a CSV with pandas.

Usage: ingest_pandas.py FILE.csv CATEGORICAL_COLUMN... ; prints one JSON line.
Times read_csv + describe(percentiles=the profiler's quantiles) + value_counts of the categorical columns,
best of 3 inside this process. Peak RSS is this process's VmHWM (interpreter and imports included);
ru_maxrss is reported too but is not used: Linux carries the parent's high-water mark across the
vfork+exec that .NET uses to start us, so it shows the benchmark harness's RSS when that is larger.
"""
import json
import os
import resource
import sys
import time

import pandas as pd

QUANTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]


def describe(path, categorical):
    frame = pd.read_csv(path)
    numeric = frame.describe(percentiles=QUANTILES)
    counts = {name: frame[name].value_counts() for name in categorical}
    return len(frame), numeric, counts


def high_water_kb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    path, categorical = sys.argv[1], sys.argv[2:]
    baseline_kb = high_water_kb()
    times = []
    rows = 0
    for _ in range(3):
        start = time.perf_counter()
        rows, _, _ = describe(path, categorical)
        times.append(time.perf_counter() - start)
    peak_kb = high_water_kb()
    size_mb = os.path.getsize(path) / 1e6
    print(json.dumps({
        "rows": rows,
        "seconds": min(times),
        "mb_per_s": size_mb / min(times),
        "peak_rss_mb": peak_kb / 1024,
        "baseline_rss_mb": baseline_kb / 1024,
        "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pandas": pd.__version__,
    }))


if __name__ == "__main__":
    main()
