using System.Diagnostics.Metrics;

namespace MlOps.Core.Alerts;

/// <summary>
/// The product's metrics on one Meter ("MlOps"), exported by OpenTelemetry to Azure Monitor in Azure: alerts raised,
/// runs ended by status, the drift monitor's figures per model, and prediction log entries dropped in a storage outage.
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
        PredictionLogDropped = _meter.CreateCounter<long>(
            "mlops.predictions.log.dropped", unit: "{request}", description: "Answered requests left out of the prediction log because its buffer for storage outages was full");
    }

    public Counter<long> Alerts { get; }

    public Counter<long> RunsEnded { get; }

    public Histogram<double> DriftedShare { get; }

    public Histogram<double> LiveMetric { get; }

    public Counter<long> PredictionLogDropped { get; }

    public void Dispose() => _meter.Dispose();
}
