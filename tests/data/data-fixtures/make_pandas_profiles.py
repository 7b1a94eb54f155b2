#!/usr/bin/python3
"""Golden values for the profiler tests, computed by pandas/numpy (Debian's python3-pandas).

Regenerate (only needed when a dataset or the computed statistics change):
    cd tests/data/data-fixtures && /usr/bin/python3 make_pandas_profiles.py
It (re)writes synthetic.csv (seeded, deterministic) and pandas_profiles.json. The tests read the JSON only:
they do not need Python.
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
MISSING = ["", "NA", "N/A", "NaN", "null", "NULL", "?"]  # CsvReaderOptions.MissingTokens
QUANTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]


def write_synthetic(path):
    """Distributions that stress exact quantiles: ties, a spike of zeros, heavy tails, negatives, missing values."""
    rng = np.random.default_rng(20240601)
    n = 20_000
    frame = pd.DataFrame({
        "normal": np.round(rng.normal(10, 3, n), 4),
        "ties": rng.integers(0, 6, n).astype(float),
        "spiky": np.where(rng.random(n) < 0.9, 0.0, np.round(rng.exponential(5, n), 6)),
        "heavy": np.sign(rng.normal(size=n)) * rng.lognormal(0, 4, n),
        "gappy": np.round(rng.normal(-50, 20, n), 2),
        "colour": rng.choice(["red", "green", "blue", "light blue"], n, p=[0.5, 0.3, 0.15, 0.05]),
        "label": rng.integers(0, 2, n),
    })
    gappy = frame["gappy"].map(repr).astype(object)
    gappy[rng.random(n) < 0.05] = "NA"
    frame["gappy"] = gappy
    frame["heavy"] = frame["heavy"].map(repr)
    frame.to_csv(path, index=False, lineterminator="\n")


def numeric_profile(values):
    values = values.dropna().to_numpy(dtype=float)
    series = pd.Series(values)
    described = series.describe(percentiles=QUANTILES)
    hist_counts, hist_edges = np.histogram(values, bins=20, range=(values.min(), values.max()))
    edges = np.unique(np.quantile(values, np.linspace(0, 1, 11)))
    edges[0], edges[-1] = -np.inf, np.inf
    bin_counts, _ = np.histogram(values, edges)
    return {
        "count": int(described["count"]),
        "mean": float(described["mean"]),
        "std": float(described["std"]),
        "min": float(described["min"]),
        "max": float(described["max"]),
        "quantiles": {repr(q): float(series.quantile(q)) for q in QUANTILES},
        "histogram_edges": [float(e) for e in hist_edges],
        "histogram_counts": [int(c) for c in hist_counts],
        "decile_cut_points": [float(e) for e in edges[1:-1]],
        "decile_counts": [int(c) for c in bin_counts],
    }


def profile(path):
    frame = pd.read_csv(path, na_values=MISSING, keep_default_na=False, float_precision="round_trip",
                        skipinitialspace=False)
    columns = {}
    for name in frame.columns:
        column = frame[name]
        entry = {"count": int(column.count()), "missing": int(column.isna().sum())}
        numeric = pd.to_numeric(column, errors="coerce")
        if numeric.count() == column.count() and column.count() > 0:
            entry["numeric"] = numeric_profile(numeric)
        else:
            counts = column.dropna().astype(str).value_counts()
            entry["value_counts"] = {str(k): int(v) for k, v in counts.items()}
        columns[name] = entry
    return {"rows": int(len(frame)), "columns": columns}


def main():
    write_synthetic(os.path.join(HERE, "synthetic.csv"))
    sources = {name: os.path.join(DATA, name) for name in
               ["breast_cancer.csv", "iris.csv", "wine.csv", "digits.csv", "diabetes.csv"]}
    sources["data-fixtures/messy.csv"] = os.path.join(HERE, "messy.csv")
    sources["data-fixtures/synthetic.csv"] = os.path.join(HERE, "synthetic.csv")
    golden = {
        "generator": f"pandas {pd.__version__}, numpy {np.__version__}",
        "missing_tokens": MISSING,
        "quantiles": QUANTILES,
        "datasets": {name: profile(path) for name, path in sources.items()},
    }
    with open(os.path.join(HERE, "pandas_profiles.json"), "w", encoding="utf-8") as out:
        json.dump(golden, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
