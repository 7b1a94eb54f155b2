"""Peer for the drift-statistics benchmark: the same exact drift report with numpy/scipy.

Usage: /usr/bin/python3 drift_scipy.py WORK_DIR [REPEATS]
Reads the columns the C# benchmark wrote into WORK_DIR (see meta.json there), times only the computation (REPEATS
runs), and prints one JSON line: the best and the median time, every run's time, and every statistic, so that the
benchmark can check agreement.
"""
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

PSI_FLOOR = 1e-4


def psi(ref_counts, cur_counts):
    r = np.clip(ref_counts / ref_counts.sum(), PSI_FLOOR, None)
    c = np.clip(cur_counts / cur_counts.sum(), PSI_FLOOR, None)
    return float(np.sum((c - r) * np.log(c / r)))


def numeric_column(ref, cur):
    ks = stats.ks_2samp(ref, cur)
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, 11)))
    edges[0], edges[-1] = -np.inf, np.inf
    population_stability = psi(np.histogram(ref, edges)[0], np.histogram(cur, edges)[0])
    wasserstein = stats.wasserstein_distance(ref, cur)
    low, high = min(ref.min(), cur.min()), max(ref.max(), cur.max())
    js = jensenshannon(np.histogram(ref, 20, (low, high))[0], np.histogram(cur, 20, (low, high))[0], base=2)
    return {
        "ks": float(ks.statistic), "ks_p": float(ks.pvalue), "psi": population_stability,
        "wasserstein": float(wasserstein), "wasserstein_normed": float(wasserstein / np.std(ref)), "js": float(js),
    }


def categorical_column(ref, cur, categories):
    ref_counts = np.bincount(ref, minlength=categories)
    cur_counts = np.bincount(cur, minlength=categories)
    table = np.array([ref_counts, cur_counts])
    table = table[:, table.sum(axis=0) > 0]
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    return {
        "chi2": float(chi2), "chi2_p": float(p), "dof": int(dof),
        "js": float(jensenshannon(ref_counts, cur_counts, base=2)), "psi": psi(ref_counts, cur_counts),
    }


def main():
    work = Path(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    meta = json.loads((work / "meta.json").read_text())
    n_ref, n_cur = meta["referenceRows"], meta["currentRows"]
    numeric, categorical, categories = meta["numericColumns"], meta["categoricalColumns"], meta["categories"]
    ref_num = np.fromfile(work / "reference_numeric.f64", dtype="<f8").reshape(numeric, n_ref)
    cur_num = np.fromfile(work / "current_numeric.f64", dtype="<f8").reshape(numeric, n_cur)
    ref_cat = np.fromfile(work / "reference_categorical.i32", dtype="<i4").reshape(categorical, n_ref)
    cur_cat = np.fromfile(work / "current_categorical.i32", dtype="<i4").reshape(categorical, n_cur)

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        numeric_results = [numeric_column(ref_num[i], cur_num[i]) for i in range(numeric)]
        categorical_results = [categorical_column(ref_cat[i], cur_cat[i], categories) for i in range(categorical)]
        times.append(time.perf_counter() - start)

    print(json.dumps({
        "seconds": min(times), "median": statistics.median(times), "times": times,
        "numeric": numeric_results, "categorical": categorical_results,
    }))


if __name__ == "__main__":
    main()
