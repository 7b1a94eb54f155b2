namespace MlOps.Core.Specs;

/// <summary>When live quality (predictions joined with late labels) counts as decayed versus the version's test metrics.</summary>
public sealed record DecaySpec
{
    /// <summary>The metric to watch; the task's selection metric when empty (an earlier metric name is read as today's).</summary>
    public string? Metric { get; init => field = value is null ? null : Evaluation.Metrics.MetricNames.Canonical(value); }

    /// <summary>Decayed when the live metric is worse than the test metric by more than this.</summary>
    public double MaxDrop { get; init; } = 0.05;

    /// <summary>Fewer labelled predictions in a window than this gives no verdict.</summary>
    public int MinLabels { get; init; } = 50;
}
