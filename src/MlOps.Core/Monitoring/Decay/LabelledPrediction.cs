using MlOps.Core.Monitoring.Log;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>A logged prediction joined with the ground-truth label that arrived for it later.</summary>
public sealed record LabelledPrediction(LoggedPrediction Prediction, string Label);
