using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>What the monitor found, for the retrain decision and the run's lineage.</summary>
public sealed record RetrainInput : ITraceCarrier
{
    public required MonitorInput Monitor { get; init; }

    public required string Finding { get; init; }

    string ITraceCarrier.Model => Monitor.Model;

    string? ITraceCarrier.TraceParent => Monitor.TraceParent;
}
