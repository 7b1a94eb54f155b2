using MlOps.Core.Data.Privacy;
using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Data.Validation;

/// <summary>
/// Everything validation found about one dataset version under one spec version: the findings, the profile of every
/// column and the split sizes; stored with the run and readable over HTTP.
/// </summary>
public sealed record ValidationReport
{
    public required string Source { get; init; }

    public string? DatasetVersion { get; init; }

    public int SpecVersion { get; init; }

    public long Rows { get; init; }

    public long LabelledRows { get; init; }

    public int Columns { get; init; }

    public IReadOnlyList<ValidationFinding> Findings { get; init; } = [];

    /// <summary>Columns that look like personal data, with the pattern and the share of the values examined that match it.</summary>
    public IReadOnlyList<PiiColumn> PersonalData { get; init; } = [];

    /// <summary>Rows per split; null when the data was rejected before it was split.</summary>
    public SplitSizes? Splits { get; init; }

    /// <summary>
    /// Every column: its kind and why, counts, missing values, type errors, and a numeric summary (quantiles,
    /// histogram) or its most frequent values; without the reservoir samples that only drift monitoring needs (those
    /// stay in the dataset version's profile). Null when the file could not be read.
    /// </summary>
    public DatasetProfile? Profile { get; init; }

    public int Errors => Findings.Count(f => f.Severity == ValidationSeverity.Error);

    public int Warnings => Findings.Count(f => f.Severity == ValidationSeverity.Warning);

    public bool Passed => Errors == 0;

    /// <summary>"Rejected: data validation: first error (and N more)", for the run's reason.</summary>
    public string Summary()
    {
        ValidationFinding? first = Findings.FirstOrDefault(f => f.Severity == ValidationSeverity.Error);
        if (first is null)
        {
            return Warnings == 0 ? "passed" : $"passed with {Warnings} warning(s)";
        }

        return Errors == 1 ? $"Rejected: data validation: {Source}: {first.Message}" : $"Rejected: data validation: {Source}: {first.Message} (and {Errors - 1} more error(s))";
    }
}
