using MlOps.Core.Data.Validation;

namespace MlOps.Core.Registry.Cards;

/// <summary>The data a version learned from: its content hash, source blob, size, split sizes and the personal data found in it.</summary>
public sealed record ModelCardData
{
    /// <summary>The SHA-256 of the dataset content.</summary>
    public string? DatasetVersion { get; init; }

    /// <summary>Where the data was read: <see cref="Container"/>, a slash, then <see cref="Blob"/>.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// The container the dataset was uploaded to, as storage names it (the configured storage prefix runs straight into
    /// "datasets", which is why it is shown apart from the blob); null when only the blob is known.
    /// </summary>
    public string? Container { get; init; }

    /// <summary>The dataset's blob inside <see cref="Container"/>: {model}/{file}.</summary>
    public string? Blob { get; init; }

    public long? Rows { get; init; }

    public long? LabelledRows { get; init; }

    public int? Columns { get; init; }

    public SplitSizes? Splits { get; init; }

    /// <summary>Columns that look personal, with the spec's decision for each (drop, hash, allow).</summary>
    public IReadOnlyList<ModelCardPersonalColumn> PersonalData { get; init; } = [];

    /// <summary>The validation findings (warnings and information; a version exists only when there were no errors).</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; init; } = [];
}
