using MlOps.Core.Evaluation;

namespace MlOps.Pipeline.Contracts;

/// <summary>Holdout metrics of the candidate and the gate decision against production.</summary>
public sealed record EvaluationResult
{
    public Dictionary<string, double> Metrics { get; init; } = [];

    public required GateDecision Decision { get; init; }

    /// <summary>The features whose shuffling hurts the primary metric most, on the test split.</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; init; } = [];

    /// <summary>Classification only: rows are true classes, columns predicted ones, on the test split.</summary>
    public ConfusionMatrix? ConfusionMatrix { get; init; }

    /// <summary>Binary only: the decision threshold the metrics were computed at, which serving will use.</summary>
    public double? Threshold { get; init; }

    /// <summary>With training.folds: the chosen candidate's cross-validated metrics (mean and spread over the folds).</summary>
    public CrossValidationSummary? CrossValidation { get; init; }

    /// <summary>The version production pointed at when the gate decided; promotion succeeds only if it still does.</summary>
    public int? ProductionVersion { get; init; }
}
