using System.Diagnostics.Metrics;

namespace MlOps.Core.Alerts;

/// <summary>
/// The product's metrics on one Meter ("MlOps"): predictions and their latency, runs and stages by outcome and
/// duration, monitor runs, drift and decay figures, alerts, and prediction log entries dropped in a storage outage. A
/// host exports them only when it has an exporter configured (see the README's observability section); without a
/// listener every Add and Record is a no-op.
/// </summary>
public sealed class MlOpsMetrics : IDisposable
{
    public const string MeterName = "MlOps";

    private readonly Meter _meter;

    public MlOpsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        Alerts = _meter.CreateCounter<long>("mlops.alerts", description: "Alerts raised");
        RunsEnded = _meter.CreateCounter<long>("mlops.runs.ended", description: "Pipeline runs ended, by status");
        DriftedShare = _meter.CreateHistogram<double>("mlops.drift.drifted_share", description: "Share of a model's columns that drifted in a monitor window");
        LiveMetric = _meter.CreateHistogram<double>("mlops.decay.live_metric", description: "A model's live quality metric in a monitor window");
        Predictions = _meter.CreateCounter<long>(PredictionsName, unit: "{request}", description: "Prediction requests, by model, version and outcome");
        PredictionDuration = _meter.CreateHistogram<double>(PredictionDurationName, unit: "ms", description: "Time to answer a prediction request, by model, version and outcome");
        RunDuration = _meter.CreateHistogram<double>("mlops.run.duration", unit: "s", description: "Pipeline runs' wall time from start to end, by model and status");
        StageDuration = _meter.CreateHistogram<double>("mlops.stage.duration", unit: "ms", description: "Pipeline stages' wall time, by model, stage and status");
        DriftScore = _meter.CreateHistogram<double>("mlops.drift.score", description: "A column's drift statistic in a monitor window , tagged with its method");
        MonitorRuns = _meter.CreateCounter<long>("mlops.monitor.runs", description: "Monitor runs ended, by model and outcome");
        PredictionLogDropped = _meter.CreateCounter<long>(
            "mlops.predictions.log.dropped", unit: "{request}", description: "Answered requests left out of the prediction log because its buffer for storage outages was full");
    }

    /// <summary>The counter's name, which the serving-health monitor and the workbook query.</summary>
    public const string PredictionsName = "mlops.predictions";

    public const string PredictionDurationName = "mlops.prediction.duration";

    public Counter<long> Predictions { get; }

    public Histogram<double> PredictionDuration { get; }

    public Histogram<double> RunDuration { get; }

    public Histogram<double> StageDuration { get; }

    public Histogram<double> DriftScore { get; }

    public Counter<long> MonitorRuns { get; }

    public Counter<long> Alerts { get; }

    public Counter<long> RunsEnded { get; }

    public Histogram<double> DriftedShare { get; }

    public Histogram<double> LiveMetric { get; }

    public Counter<long> PredictionLogDropped { get; }

    public void Dispose() => _meter.Dispose();
}
