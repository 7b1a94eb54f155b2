using MlOps.Core.Evaluation;
using MlOps.Core.Training;

namespace MlOps.Core.Registry;

/// <summary>An immutable registered model version: what it was trained on, with what, how good it is, and its artifact's hash.</summary>
public sealed record ModelVersionRecord
{
    public required string Model { get; init; }

    public int Version { get; init; }

    public required string RunId { get; init; }

    public string? DatasetVersion { get; init; }

    public int? SpecVersion { get; init; }

    public required string ArtifactPath { get; init; }

    public required string Sha256 { get; init; }

    public long SizeBytes { get; init; }

    public required string Trainer { get; init; }

    public Dictionary<string, double> Parameters { get; init; } = [];

    public Dictionary<string, double> Metrics { get; init; } = [];

    public required FeatureLayout Layout { get; init; }

    /// <summary>Permutation importance on the test split, most important first.</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; init; } = [];

    /// <summary>Everything needed to train this version again: packages, resolved trainer options, seed, code version.</summary>
    public TrainingProvenance? Provenance { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Serving cost per 1,000 predictions measured at evaluation, scoring the test rows (in the price sheet's currency).</summary>
    public double? HoldoutServingCostPer1000 { get; init; }
}
