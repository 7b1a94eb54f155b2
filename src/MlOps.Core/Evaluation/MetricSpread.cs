namespace MlOps.Core.Evaluation;

/// <summary>One metric over cross-validation folds: its mean and its standard deviation (numpy's std, ddof = 0, as cross_val_score figures are usually reported).</summary>
public sealed record MetricSpread(double Mean, double StandardDeviation);
