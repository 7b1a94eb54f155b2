namespace MlOps.Core.Monitoring.Drift;

/// <summary>The statistic that decides whether a column drifted (names as in <see cref="Specs.DriftSpec.Method"/>).</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov-Smirnov test; drift when p &lt; the p-value threshold.</summary>
    Ks,

    /// <summary>Pearson chi-squared homogeneity test on category counts; drift when p &lt; the p-value threshold.</summary>
    ChiSquared,

    /// <summary>Population stability index; drift when above the PSI threshold.</summary>
    Psi,

    /// <summary>Wasserstein distance over the reference's standard deviation; drift when above its threshold.</summary>
    Wasserstein,

    /// <summary>Jensen-Shannon distance (base 2); drift when above its threshold.</summary>
    JensenShannon,
}
