namespace MlOps.Core.Serving;

/// <summary>Predictions for a batch of rows, the version that produced them, and the request id that late labels (feedback) refer to.</summary>
public sealed record PredictionResult(string Model, int Version, string RequestId, IReadOnlyList<Prediction> Predictions);
