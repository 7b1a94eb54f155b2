namespace MlOps.Core.Monitoring.Serving;

/// <summary>
/// A model's serving health over a window, per version, with the spec's thresholds it breached. The same shape
/// whether the figures came from Azure Monitor or from the host's own count.
/// </summary>
public sealed record ServingHealthReport
{
    public required string Model { get; init; }

    public required MonitoringWindow Window { get; init; }

    /// <summary>Where the figures came from: "host" (this process's own count) or "azure-monitor" (the Logs query API).</summary>
    public required string Source { get; init; }

    public IReadOnlyList<ServingVersionHealth> Versions { get; init; } = [];

    /// <summary>Each threshold a version crossed, as a sentence naming the version, the figure and the limit.</summary>
    public IReadOnlyList<string> Breaches { get; init; } = [];

    /// <summary>Set when the figures may be incomplete: Log Analytics answered only part of the query (its error is quoted).</summary>
    public string? Warning { get; init; }

    public bool Healthy => Breaches.Count == 0;
}
