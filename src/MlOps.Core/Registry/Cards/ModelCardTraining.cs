using MlOps.Core.Specs;

namespace MlOps.Core.Registry.Cards;

/// <summary>The choices behind a version: the trainer and its parameters, how candidates were compared, threshold rule, class weights, folds.</summary>
public sealed record ModelCardTraining
{
    public required string Trainer { get; init; }

    public Dictionary<string, double> Parameters { get; init; } = [];

    public int? SpecVersion { get; init; }

    public string? SelectionMetric { get; init; }

    /// <summary>The spec's threshold rule ("fixed 0.5", "maxF1", ...); null for other tasks or when the spec is gone.</summary>
    public string? ThresholdRule { get; init; }

    public ClassWeighting? ClassWeights { get; init; }

    public int? Folds { get; init; }

    public int? Seed { get; init; }

    /// <summary>The trainers the search considered.</summary>
    public IReadOnlyList<string> TrainersSearched { get; init; } = [];
}
