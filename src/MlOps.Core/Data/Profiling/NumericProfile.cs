namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Summary of a numeric column over its <see cref="Count"/> finite values, matching pandas: <see cref="Std"/> is the
/// sample standard deviation (ddof = 1, null below two values) and <see cref="Quantiles"/> use linear
/// interpolation, computed exactly. <see cref="Sample"/> is a seeded uniform reservoir sample, sorted, for
/// KS and Wasserstein comparisons.
/// </summary>
public sealed record NumericProfile(
    long Count,
    double Min,
    double Max,
    double Mean,
    double? Std,
    IReadOnlyList<QuantileValue> Quantiles,
    HistogramProfile Histogram,
    QuantileBinsProfile DecileBins,
    IReadOnlyList<double> Sample)
{
    /// <summary>The quantile at <paramref name="probability"/>, which must be one of the profiled probabilities.</summary>
    public double Quantile(double probability) =>
        Quantiles.FirstOrDefault(q => q.Probability == probability)?.Value
            ?? throw new KeyNotFoundException($"The profile has no quantile at {probability}.");
}
