using Microsoft.ML;

namespace MlOps.Core.Training;

/// <summary>A fitted model (featurization and predictor) with the input schema it expects.</summary>
public sealed record TrainedModel(ITransformer Transformer, DataViewSchema InputSchema, FeatureLayout Layout, string Trainer, IReadOnlyDictionary<string, double> Parameters);
