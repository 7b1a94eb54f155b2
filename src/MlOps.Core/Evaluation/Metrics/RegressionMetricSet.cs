namespace MlOps.Core.Evaluation.Metrics;

/// <summary>Quality of a regression model's predictions, with scikit-learn's definitions.</summary>
/// <param name="Count">Number of scored rows.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="R2">
/// Coefficient of determination, 1 - SSres / SStot. When the actual values are constant (SStot = 0) it is 1 for a
/// perfect prediction and 0 otherwise, as scikit-learn's r2_score(force_finite=True).
/// </param>
public sealed record RegressionMetricSet(int Count, double Rmse, double Mae, double R2);
