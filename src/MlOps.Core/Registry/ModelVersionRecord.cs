using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
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

    /// <summary>Test metrics by name (a version stored under earlier metric names reads under today's).</summary>
    public Dictionary<string, double> Metrics { get; init => field = value is null ? [] : MetricNames.Canonical(value); } = [];

    /// <summary>
    /// Binary: a row is predicted positive when its positive-class probability is at least this; real-time and batch
    /// scoring use it. Null for other tasks and for versions registered before thresholds were stored (0.5 then).
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>Classification: test rows by true class (rows) and predicted class (columns), at <see cref="Threshold"/>.</summary>
    public ConfusionMatrix? ConfusionMatrix { get; init; }

    /// <summary>With training.folds: each metric's mean and standard deviation over the folds, and the rows they cover.</summary>
    public CrossValidationSummary? CrossValidation { get; init; }

    public required FeatureLayout Layout { get; init; }

    /// <summary>Permutation importance on the test split, most important first.</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; init; } = [];

    /// <summary>Everything needed to train this version again: packages, resolved trainer options, seed, code version.</summary>
    public TrainingProvenance? Provenance { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Serving cost per 1,000 predictions measured at evaluation, scoring the test rows (in the price sheet's currency).</summary>
    public double? HoldoutServingCostPer1000 { get; init; }

    /// <summary>Registering until the artifact is stored and verified; readers outside the registry only ever see Ready.</summary>
    public ModelVersionState State { get; init; } = ModelVersionState.Ready;

    /// <summary>The threshold serving applies: the stored one, or 0.5 for a version registered before thresholds were stored.</summary>
    public double DecisionThreshold => Threshold ?? ThresholdSpec.Default.Value;
}
