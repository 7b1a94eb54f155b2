namespace MlOps.Pipeline.Contracts;

/// <summary>What a cost monitor run did: the day's report, where its figures came from, the anomalies and alerts.</summary>
public sealed record CostMonitorOutcome
{
    public required string MonitorId { get; init; }

    public required string Day { get; init; }

    public string? ReportBlob { get; init; }

    public IReadOnlyList<string> Sources { get; init; } = [];

    public double Estimated { get; init; }

    public double? Billed { get; init; }

    public int Anomalies { get; init; }

    public int Alerts { get; init; }

    /// <summary>The version of the list prices refreshed from the Retail Prices API by this run, if it refreshed them.</summary>
    public string? PriceListRefreshed { get; init; }
}
