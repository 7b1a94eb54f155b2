namespace MlOps.Core.Serving;

/// <summary>Predictions for a batch of rows and the version that produced them.</summary>
public sealed record PredictionResult(string Model, int Version, IReadOnlyList<Prediction> Predictions);
