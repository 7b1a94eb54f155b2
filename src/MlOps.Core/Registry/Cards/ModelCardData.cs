using MlOps.Core.Data.Validation;

namespace MlOps.Core.Registry.Cards;

/// <summary>The data a version learned from: its content hash, source blob, size, split sizes and the personal data found in it.</summary>
public sealed record ModelCardData
{
    /// <summary>The SHA-256 of the dataset content.</summary>
    public string? DatasetVersion { get; init; }

    public string? Source { get; init; }

    public long? Rows { get; init; }

    public long? LabelledRows { get; init; }

    public int? Columns { get; init; }

    public SplitSizes? Splits { get; init; }

    /// <summary>Columns that look personal, with the spec's decision for each (drop, hash, allow).</summary>
    public IReadOnlyList<ModelCardPersonalColumn> PersonalData { get; init; } = [];

    /// <summary>The validation findings (warnings and information; a version exists only when there were no errors).</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; init; } = [];
}
