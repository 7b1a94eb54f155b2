using MlOps.Core.Specs;

namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// The metric names of each task (one name per metric, the same in every task that has it, as scikit-learn names
/// them), the metric candidates are ranked by unless the spec says otherwise, the metric that breaks a tie, and the
/// names earlier versions stored, which are read as today's.
/// </summary>
public static class MetricNames
{
    /// <summary>The decision threshold a binary classifier's threshold metrics were computed at; reported with them, not a metric.</summary>
    public const string Threshold = "threshold";

    public const string LogLoss = "logLoss";

    // Multiclass metrics were stored under ML.NET's names before they took scikit-learn's.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["microAccuracy"] = "accuracy",
        ["macroAccuracy"] = "balancedAccuracy",
    };

    /// <summary>The metrics the evaluator computes for a task (what specs may name for selection, gates and decay).</summary>
    public static IReadOnlyList<string> For(ModelTask task) => task switch
    {
        ModelTask.Binary => ["auc", "averagePrecision", LogLoss, "accuracy", "balancedAccuracy", "precision", "recall", "f1", "brier"],
        ModelTask.Multiclass => ["accuracy", "balancedAccuracy", LogLoss, "macroF1"],
        _ => ["r2", "rmse", "mae"],
    };

    /// <summary>
    /// The metric candidates are ranked by and the gate compares with production when the spec names none: AUC for
    /// binary (threshold-free, so the threshold can be chosen afterwards), balanced accuracy for multiclass (a rare
    /// class counts as much as a common one), R² for regression.
    /// </summary>
    public static string DefaultSelection(ModelTask task) => task switch
    {
        ModelTask.Binary => "auc",
        ModelTask.Multiclass => "balancedAccuracy",
        _ => "r2",
    };

    /// <summary>
    /// The metric that decides between candidates equal on <paramref name="selection"/>: log loss for a classifier
    /// (of two equally accurate models, the better calibrated), else the task's default selection metric; for
    /// regression MAE (R² and RMSE rank alike on the same rows), or RMSE when MAE selects.
    /// </summary>
    public static string TieBreakerFor(ModelTask task, string selection) => task switch
    {
        ModelTask.Regression => selection == "mae" ? "rmse" : "mae",
        _ => selection == LogLoss ? DefaultSelection(task) : LogLoss,
    };

    /// <summary>Today's name of a metric that may have been stored under an earlier one.</summary>
    public static string Canonical(string name) => Renamed.GetValueOrDefault(name, name);

    /// <summary>A stored metric set under today's names; the same instance when it has no earlier name.</summary>
    public static Dictionary<string, double> Canonical(Dictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!metrics.Keys.Any(Renamed.ContainsKey))
        {
            return metrics;
        }

        var renamed = new Dictionary<string, double>(metrics.Count);
        foreach ((string name, double value) in metrics)
        {
            renamed[Canonical(name)] = value;
        }

        return renamed;
    }
}
