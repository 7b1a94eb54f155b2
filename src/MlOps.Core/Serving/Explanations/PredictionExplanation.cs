namespace MlOps.Core.Serving.Explanations;

/// <summary>
/// Why a row got its raw score (binary: the margin before the calibrator's sigmoid; regression: the value):
/// <see cref="Bias"/> plus every column's contribution is that score. <see cref="Contributions"/> lists the largest
/// by absolute value, largest first; <see cref="Rest"/> is the sum of the columns not listed.
/// </summary>
/// <param name="Method"><c>treePath</c> (each split's change along the row's path through every tree) or <c>linear</c> (weight × featurized value).</param>
public sealed record PredictionExplanation(string Method, double Bias, IReadOnlyList<FeatureContribution> Contributions, double Rest);
