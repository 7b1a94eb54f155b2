namespace MlOps.Pipeline.Contracts;

/// <summary>One cost monitor run: its id and the UTC day (yyyy-MM-dd) it reports.</summary>
public sealed record CostMonitorInput
{
    public required string MonitorId { get; init; }

    public required string Day { get; init; }

    /// <summary><see cref="Day"/> as a date (a method, so it is no part of the payload).</summary>
    public DateOnly ReportedDay() => DateOnly.ParseExact(Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
