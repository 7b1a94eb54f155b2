namespace MlOps.Core.Evaluation.Metrics;

/// <summary>Computes <see cref="RegressionMetricSet"/>, agreeing with scikit-learn 1.2 (mean_squared_error, mean_absolute_error, r2_score).</summary>
public static class RegressionMetrics
{
    /// <summary>Computes RMSE, MAE and R² in two passes (the second for a numerically stable total sum of squares).</summary>
    /// <exception cref="ArgumentException">Empty or mismatched inputs, NaN or infinite values.</exception>
    public static RegressionMetricSet Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        InputGuard.NotEmpty(actual.Length, nameof(actual));
        InputGuard.SameLength(actual.Length, predicted.Length, nameof(actual), nameof(predicted));
        InputGuard.Finite(actual, nameof(actual));
        InputGuard.Finite(predicted, nameof(predicted));

        double sum = 0, squaredErrors = 0, absoluteErrors = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = actual[i] - predicted[i];
            squaredErrors += error * error;
            absoluteErrors += Math.Abs(error);
            sum += actual[i];
        }

        int count = actual.Length;
        double mean = sum / count;
        double totalSquares = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double deviation = actual[i] - mean;
            totalSquares += deviation * deviation;
        }

        double r2 = totalSquares == 0 ? (squaredErrors == 0 ? 1.0 : 0.0) : 1 - (squaredErrors / totalSquares);
        return new RegressionMetricSet(count, Math.Sqrt(squaredErrors / count), absoluteErrors / count, r2);
    }
}
