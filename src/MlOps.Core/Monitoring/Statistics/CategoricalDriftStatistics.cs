namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// How far a categorical column's current counts have moved from its reference counts (scipy 1.10 definitions).
/// </summary>
/// <param name="ReferenceCount">Total reference observations.</param>
/// <param name="CurrentCount">Total current observations.</param>
/// <param name="ChiSquared">Pearson statistic of the 2×k homogeneity test, categories seen on neither side dropped, no continuity correction.</param>
/// <param name="ChiSquaredPValue">Upper tail of the chi-squared distribution at <paramref name="ChiSquared"/>.</param>
/// <param name="DegreesOfFreedom">Categories seen on either side, minus one.</param>
/// <param name="Psi">Population stability index over the categories, proportions floored at 1e-4.</param>
/// <param name="JensenShannonDistance">Base-2 Jensen-Shannon distance between the two category distributions.</param>
public sealed record CategoricalDriftStatistics(
    long ReferenceCount,
    long CurrentCount,
    double ChiSquared,
    double ChiSquaredPValue,
    int DegreesOfFreedom,
    double Psi,
    double JensenShannonDistance);
