using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring.Statistics;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// One column's verdict and the evidence for it: the method the policy chose, its statistic, p-value (tests only),
/// threshold and flag, the sizes compared on each side, and every statistic that was computed, for transparency.
/// A column that could not be compared has <see cref="Skipped"/> set and no method.
/// </summary>
public sealed record ColumnDrift
{
    public required string Column { get; init; }

    public DriftColumnKind Kind { get; init; }

    public DriftMethod? Method { get; init; }

    /// <summary>The deciding statistic (for Wasserstein the normalised distance).</summary>
    public double? Statistic { get; init; }

    /// <summary>The test's p-value when the method is a test (KS, chi-squared).</summary>
    public double? PValue { get; init; }

    public double? Threshold { get; init; }

    public bool Drifted { get; init; }

    /// <summary>
    /// How far the column is past (above 1) or short of (below 1) its threshold, comparable across methods: for
    /// distances statistic / threshold; for tests ln p / ln threshold. Orders the "most drifted" list.
    /// </summary>
    public double Score { get; init; }

    /// <summary>The rule applied, in words ("ks: drift when p &lt; 0.05; reference 455 values &lt;= 1000").</summary>
    public string? Rule { get; init; }

    /// <summary>Non-missing values of the column in the reference dataset (what the sample-size rule looks at).</summary>
    public long ReferenceValues { get; init; }

    /// <summary>Reference values compared: the profile's sample size for numbers, <see cref="ReferenceValues"/> for categories.</summary>
    public long ReferenceCompared { get; init; }

    /// <summary>Non-missing, well-typed values of the column in the window.</summary>
    public long CurrentValues { get; init; }

    /// <summary>Current values compared: at most the sample cap for numbers, all counted values for categories.</summary>
    public long CurrentCompared { get; init; }

    public long CurrentMissing { get; init; }

    public long CurrentTypeErrors { get; init; }

    /// <summary>True when the window's values were sampled down to the cap.</summary>
    public bool CurrentSampled { get; init; }

    /// <summary>A numeric column with so few distinct values that it was compared as categories (as Evidently does).</summary>
    public bool ComparedAsCategories { get; init; }

    /// <summary>Every numeric statistic (KS, PSI, Wasserstein raw and normalised, Jensen-Shannon) when the column is numeric.</summary>
    public NumericDriftStatistics? Numeric { get; init; }

    /// <summary>Every categorical statistic (chi-squared, PSI, Jensen-Shannon) over the categories compared.</summary>
    public CategoricalDriftStatistics? Categorical { get; init; }

    /// <summary>The most frequent current categories outside the reference's top values (counted as "other").</summary>
    public IReadOnlyList<CategoryCount>? CategoriesOutsideReference { get; init; }

    /// <summary>Why the column was not compared (no reference, no values in the window).</summary>
    public string? Skipped { get; init; }
}
