namespace MlOps.Core.Serving;

/// <summary>The model's answer for one row.</summary>
public sealed record Prediction(string Label, double Score, double? Probability);
