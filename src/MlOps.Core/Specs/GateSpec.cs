namespace MlOps.Core.Specs;

/// <summary>Quality gates a challenger must pass before it may replace production.</summary>
public sealed record GateSpec
{
    /// <summary>Absolute bounds on test metrics, by metric name (e.g. "auc": 0.9; for lower-is-better metrics such as rmse or logLoss, a maximum); earlier metric names are read as today's.</summary>
    public Dictionary<string, double> Minimums { get; init => field = value is null ? [] : Evaluation.Metrics.MetricNames.Canonical(value); } = [];

    /// <summary>How much the challenger must beat production by on the primary metric, on the same test split; negative tolerates a regression that small (fresher data).</summary>
    public double MinimumImprovement { get; init; }

    /// <summary>Largest tolerated train-minus-test gap on the primary metric before the model counts as overfitted.</summary>
    public double MaxOverfitGap { get; init; } = 0.1;

    /// <summary>What an overfitted model gets: a warning recorded with the run, or a gate failure.</summary>
    public OverfitAction OverfitAction { get; init; } = OverfitAction.Warn;
}
