using MlOps.Core.Monitoring;

namespace MlOps.Pipeline.Contracts;

/// <summary>One monitor run: which model, which window of logged predictions.</summary>
public sealed record MonitorInput
{
    public required string MonitorId { get; init; }

    public required string Model { get; init; }

    public required MonitoringWindow Window { get; init; }
}
