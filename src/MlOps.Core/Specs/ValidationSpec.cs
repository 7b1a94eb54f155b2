namespace MlOps.Core.Specs;

/// <summary>The data contract's thresholds. Findings over an error threshold reject the dataset before training.</summary>
public sealed record ValidationSpec
{
    /// <summary>Fewer labelled rows than this is an error.</summary>
    public int MinRows { get; init; } = 20;

    /// <summary>A label class with fewer rows than this is an error (it cannot be split and evaluated).</summary>
    public int MinRowsPerClass { get; init; } = 5;

    /// <summary>A feature column with a larger share of missing values is a warning (and is dropped when every value is missing).</summary>
    public double MaxMissingRate { get; init; } = 0.5;

    /// <summary>A numeric column with a larger share of values that are not numbers is an error.</summary>
    public double MaxTypeErrorRate { get; init; } = 0.01;

    /// <summary>A larger share of exact duplicate rows is an error; any duplicates are a warning.</summary>
    public double MaxDuplicateRate { get; init; } = 0.5;

    /// <summary>A minority class share below this is a warning (imbalance).</summary>
    public double MinClassShare { get; init; } = 0.05;

    /// <summary>A feature that predicts the label perfectly (a leaked copy) is an error, or only a warning when false.</summary>
    public bool FailOnLeakage { get; init; } = true;

    /// <summary>Columns in the data that the spec's columns section does not name are a warning, or an error when false.</summary>
    public bool AllowUnknownColumns { get; init; } = true;
}
