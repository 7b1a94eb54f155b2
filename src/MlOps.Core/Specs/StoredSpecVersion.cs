namespace MlOps.Core.Specs;

/// <summary>
/// A spec version as its table row holds it: the spec inline when it fits a table property, else the name of the
/// blob (models container) that holds its JSON.
/// </summary>
internal sealed record StoredSpecVersion
{
    public required string Model { get; init; }

    public int Version { get; init; }

    public PipelineSpec? Spec { get; init; }

    /// <summary>Set when the spec is too large for a table property.</summary>
    public string? SpecBlob { get; init; }

    public required string Sha256 { get; init; }

    public string Source { get; init; } = "http";

    public DateTimeOffset CreatedAt { get; init; }
}
