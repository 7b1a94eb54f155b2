namespace MlOps.Pipeline.Contracts;

/// <summary>One cost monitor run: its id and the UTC day (yyyy-MM-dd) it reports.</summary>
public sealed record CostMonitorInput
{
    public required string MonitorId { get; init; }

    public required string Day { get; init; }

    /// <summary><see cref="Day"/> as a date.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly Date => DateOnly.ParseExact(Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
