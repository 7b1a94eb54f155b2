using MlOps.Core.Serving.Explanations;

namespace MlOps.Core.Serving;

/// <summary>
/// The model's answer for one row. Binary: the predicted class, the raw score and the positive-class probability.
/// Multiclass: the most probable class, its probability as Score and Probability, and every class's probability
/// in the layout's class order. Regression: the predicted value as Score, no label.
/// </summary>
public sealed record Prediction(string? Label, double Score, double? Probability)
{
    public IReadOnlyDictionary<string, double>? Probabilities { get; init; }

    /// <summary>Why the row got its score, when the request asked for explanations.</summary>
    public PredictionExplanation? Explanation { get; init; }
}
