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

    /// <summary>
    /// Largest tolerated increase of the serving cost per 1,000 predictions over the champion's, as a share (0.1 = 10 %
    /// more), both measured scoring the same test rows; no limit when null.
    /// </summary>
    public double? MaxServingCostIncrease { get; init; }

    /// <summary>
    /// When the challenger costs more to serve: the least primary-metric gain it must bring per extra dollar of serving
    /// per month at the model's observed traffic (its predictions of the last 30 days); no requirement when null.
    /// </summary>
    public double? MinimumGainPerDollar { get; init; }

    /// <summary>What an overfitted model gets: a warning recorded with the run, or a gate failure.</summary>
    public OverfitAction OverfitAction { get; init; } = OverfitAction.Warn;
}
