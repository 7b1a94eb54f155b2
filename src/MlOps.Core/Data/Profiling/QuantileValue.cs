namespace MlOps.Core.Data.Profiling;

public sealed record QuantileValue(double Probability, double Value);
