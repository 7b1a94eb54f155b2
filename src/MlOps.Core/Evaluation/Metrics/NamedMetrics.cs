namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// The names metric sets are stored under: test metrics of a version, live metrics of a monitor window, gates and
/// decay thresholds all compare name by name, so every producer names them here (see <see cref="MetricNames"/>).
/// </summary>
public static class NamedMetrics
{
    /// <summary>The row count stored beside the metrics (summed, not averaged, over folds).</summary>
    public const string Rows = "rows";

    public static Dictionary<string, double> Named(this BinaryMetrics binary)
    {
        ArgumentNullException.ThrowIfNull(binary);
        var metrics = new Dictionary<string, double>
        {
            ["logLoss"] = binary.LogLoss,
            ["accuracy"] = binary.Accuracy,
            ["precision"] = binary.Precision,
            ["recall"] = binary.Recall,
            ["f1"] = binary.F1,
            ["balancedAccuracy"] = binary.BalancedAccuracy,
            ["brier"] = binary.Brier,
            [MetricNames.Threshold] = binary.Threshold,
            [Rows] = binary.Count,
        };
        if (binary.Auc is double auc)
        {
            metrics["auc"] = auc; // undefined with one class present
        }

        if (binary.AveragePrecision is double averagePrecision)
        {
            metrics["averagePrecision"] = averagePrecision; // undefined without positives
        }

        return metrics;
    }

    public static Dictionary<string, double> Named(this MulticlassMetrics multiclass)
    {
        ArgumentNullException.ThrowIfNull(multiclass);
        return new Dictionary<string, double>
        {
            ["accuracy"] = multiclass.Accuracy,
            ["balancedAccuracy"] = multiclass.BalancedAccuracy,
            ["logLoss"] = multiclass.LogLoss,
            ["macroF1"] = multiclass.MacroF1,
            [Rows] = multiclass.Count,
        };
    }

    public static Dictionary<string, double> Named(this RegressionMetricSet regression)
    {
        ArgumentNullException.ThrowIfNull(regression);
        return new Dictionary<string, double>
        {
            ["rmse"] = regression.Rmse,
            ["mae"] = regression.Mae,
            ["r2"] = regression.R2,
            [Rows] = regression.Count,
        };
    }
}
