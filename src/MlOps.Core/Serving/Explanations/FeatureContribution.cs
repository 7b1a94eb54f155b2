namespace MlOps.Core.Serving.Explanations;

/// <summary>How much one input column moved a row's raw score, in the raw score's units.</summary>
public sealed record FeatureContribution(string Column, double Contribution);
