namespace MlOps.Core.Evaluation;

/// <summary>Which way is better for a metric: losses and errors go down, everything else goes up.</summary>
public static class MetricDirection
{
    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase) { "logLoss", "rmse", "mae", "brier" };

    public static bool IsLowerBetter(string metric) => LowerIsBetter.Contains(metric);

    /// <summary>How much better <paramref name="value"/> is than <paramref name="reference"/>: positive when better, in the metric's units.</summary>
    public static double Improvement(string metric, double value, double reference) =>
        IsLowerBetter(metric) ? reference - value : value - reference;
}
