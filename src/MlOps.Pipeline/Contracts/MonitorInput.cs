using MlOps.Core.Monitoring;
using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>One monitor run: which model, which window of logged predictions.</summary>
public sealed record MonitorInput : ITraceCarrier
{
    public required string MonitorId { get; init; }

    public required string Model { get; init; }

    public required MonitoringWindow Window { get; init; }

    /// <summary>The W3C traceparent of the monitor run's root span, so its activities join its trace.</summary>
    public string? TraceParent { get; init; }
}
