using MlOps.Core.Evaluation;

namespace MlOps.Core.Registry.Cards;

/// <summary>How good a version is: test metrics, their spread over cross-validation folds, the threshold, the confusion matrix, importance.</summary>
public sealed record ModelCardEvaluation
{
    public Dictionary<string, double> Metrics { get; init; } = [];

    public CrossValidationSummary? CrossValidation { get; init; }

    public double? Threshold { get; init; }

    public ConfusionMatrix? ConfusionMatrix { get; init; }

    /// <summary>Permutation importance on the test split, most important first.</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; init; } = [];

    /// <summary>The train-versus-test gap check, when it was run.</summary>
    public OverfitAssessment? Overfit { get; init; }
}
