namespace MlOps.Core.Specs;

/// <summary>One stored version of a model's pipeline spec; runs record which version they used.</summary>
public sealed record SpecVersionRecord
{
    public required string Model { get; init; }

    public int Version { get; init; }

    public required PipelineSpec Spec { get; init; }

    /// <summary>SHA-256 of the canonical JSON, so saving an unchanged spec creates no new version.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where it came from: http, or the blob name of a pipeline.json.</summary>
    public string Source { get; init; } = "http";

    public DateTimeOffset CreatedAt { get; init; }
}
