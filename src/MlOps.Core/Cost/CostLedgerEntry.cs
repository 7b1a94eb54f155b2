namespace MlOps.Core.Cost;

/// <summary>
/// One row of the cost ledger: a unit of work, what it measurably used, and what that cost with the price sheet
/// named by <see cref="PriceSheetVersion"/>. Keyed by <see cref="Id"/>, so writing the same unit again replaces it.
/// </summary>
public sealed record CostLedgerEntry
{
    /// <summary>Stable for the unit of work (run and step, candidate, monitor and activity, version and hour and instance).</summary>
    public required string Id { get; init; }

    /// <summary>The model the work was for; <see cref="CostStages.PlatformModel"/> for instance overhead.</summary>
    public required string Model { get; init; }

    public CostKind Kind { get; init; }

    /// <summary>The stage it is reported under (<see cref="CostStages"/>).</summary>
    public required string Stage { get; init; }

    /// <summary>What ran: the activity's name, the candidate's id, "requests".</summary>
    public required string Unit { get; init; }

    public string? RunId { get; init; }

    public int? CandidateIndex { get; init; }

    public string? MonitorId { get; init; }

    public int? ModelVersion { get; init; }

    /// <summary>Serving and overhead entries: the hour they cover.</summary>
    public DateTimeOffset? Hour { get; init; }

    /// <summary>Serving and overhead entries: the instance that measured them.</summary>
    public string? Instance { get; init; }

    /// <summary>The UTC day the cost falls on (yyyy-MM-dd): the day the work ended, or the hour's day.</summary>
    public required string Day { get; init; }

    /// <summary>When the entry was written.</summary>
    public DateTimeOffset At { get; init; }

    public required ResourceUsage Usage { get; init; }

    public ServingCounts? Serving { get; init; }

    public required CostBreakdown Cost { get; init; }

    public required string Currency { get; init; }

    public required string PriceSheetVersion { get; init; }

    /// <summary>Prices <paramref name="usage"/> with <paramref name="sheet"/>; the day is the hour's for hourly entries, else <paramref name="at"/>'s.</summary>
    public static CostLedgerEntry For(CostAttribution attribution, ResourceUsage usage, PriceSheet sheet, DateTimeOffset at, ServingCounts? serving = null)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(sheet);
        return new CostLedgerEntry
        {
            Id = attribution.Id, Model = attribution.Model, Kind = attribution.Kind, Stage = attribution.Stage, Unit = attribution.Unit,
            RunId = attribution.RunId, CandidateIndex = attribution.CandidateIndex, MonitorId = attribution.MonitorId,
            ModelVersion = attribution.ModelVersion, Hour = attribution.Hour, Instance = attribution.Instance,
            Day = DayOf(attribution.Hour ?? at), At = at, Usage = usage, Serving = serving, Cost = CostBreakdown.Of(usage, sheet),
            Currency = sheet.Currency, PriceSheetVersion = sheet.Version,
        };
    }

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
