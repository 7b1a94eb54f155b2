"""Prints the scipy 1.10 values that tests/MlOps.Core.Tests/Monitoring/Statistics pins as golden values.

Run with Debian's python3-scipy: /usr/bin/python3 bench/peers/drift_golden.py
Each block is a list of xunit InlineData rows; regenerate them here rather than editing the numbers by hand.
"""
from math import gcd

import numpy as np
from scipy import stats
from scipy.stats._stats_py import _attempt_exact_2kssamp


def rows(title, values):
    print(f"// {title}")
    for args, value in values:
        print(f"[InlineData({', '.join(args)}, {value!r})]")
    print()


# One point per region of scipy's kolmogn decision tree (Ruben-Gambino, Durbin matrix, Pomeranz, Pelz-Good, Smirnov).
KSTWO_POINTS = [
    (10, 0.04), (10, 0.08), (1000, 0.0009), (10, 0.95), (100, 0.6), (100, 0.05), (100, 0.15), (100, 0.3),
    (171, 0.041667), (1000, 0.01), (250000, 0.002), (250000, 0.0035), (250000, 0.04), (2500000, 0.002), (5000, 0.03),
]
rows("kstwo.sf(x, n): n, x, expected", [((str(n), repr(x)), float(stats.kstwo.sf(x, n))) for n, x in KSTWO_POINTS])

# Exact two-sample probabilities on the statistic's lattice: n1, n2, h with D = h / lcm(n1, n2).
EXACT_POINTS = [(50, 50, 10), (3000, 3000, 150), (40, 25, 70), (9999, 10000, 3_000_000), (1, 7, 5)]
exact = []
for n1, n2, h in EXACT_POINTS:
    g = gcd(n1, n2)
    lcm = n1 // g * n2
    ok, _, p = _attempt_exact_2kssamp(n1, n2, g, h / lcm, "two-sided")
    assert ok
    exact.append(((str(n1), str(n2), str(h)), float(np.clip(p, 0, 1))))
rows("exact two-sample p: n1, n2, h, expected", exact)

CHI2_POINTS = [(0.5, 1), (3.0, 2), (80.80313, 3), (103.965369, 2), (250.0, 200), (1000.0, 800), (5.0, 30)]
rows("chi2.sf(x, dof): x, dof, expected", [((repr(x), str(k)), float(stats.chi2.sf(x, k))) for x, k in CHI2_POINTS])

# Samples defined by formulas that C# reproduces bit for bit: one pair above scipy's exact limit, one below it.
large_ref = np.arange(12000) / 12000.0
large_cur = (np.arange(15000) / 15000.0) ** 1.03
small_ref = np.arange(3000) / 3000.0
small_cur = (np.arange(7001) / 7001.0) ** 1.1
for name, (a, b) in {"large": (large_ref, large_cur), "small": (small_ref, small_cur)}.items():
    result = stats.ks_2samp(a, b)
    asymp = stats.ks_2samp(a, b, method="asymp")
    print(f"// {name}: statistic, default p, asymptotic p")
    print(repr(float(result.statistic)), repr(float(result.pvalue)), repr(float(asymp.pvalue)))
