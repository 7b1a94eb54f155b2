namespace MlOps.Core.Specs;

/// <summary>Quality gates a challenger must pass before it may replace production.</summary>
public sealed record GateSpec
{
    /// <summary>Absolute minimums on test metrics, by metric name (e.g. "auc": 0.9).</summary>
    public Dictionary<string, double> Minimums { get; init; } = [];

    /// <summary>How much the challenger must beat production by on the primary metric, on the same test split.</summary>
    public double MinimumImprovement { get; init; }
}
