namespace MlOps.Core.Evaluation;

/// <summary>
/// How much a raw feature column matters: the loss in the metric when its values are shuffled across rows
/// (positive = the model relies on it; about zero = unused; negative = noise that happened to help).
/// </summary>
public sealed record FeatureImportance(string Feature, double Importance);
