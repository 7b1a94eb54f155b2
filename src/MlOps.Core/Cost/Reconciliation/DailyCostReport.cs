namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// The cost monitor's report of one UTC day: every model's (and the platform's) estimated, metered and billed cost,
/// the Azure figures behind them, and the day's anomalies. The same shape with or without Azure: locally only the
/// estimates are filled.
/// </summary>
public sealed record DailyCostReport
{
    /// <summary>yyyy-MM-dd (UTC).</summary>
    public required string Day { get; init; }

    public required string MonitorId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The day had not ended when it was reconciled.</summary>
    public bool Partial { get; init; }

    /// <summary>What the figures come from: "ledger", plus "metrics" and "billing" when Azure answered for the day.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public string Currency { get; init; } = "USD";

    /// <summary>The price sheet versions of the day's ledger entries.</summary>
    public IReadOnlyList<string> PriceSheetVersions { get; init; } = [];

    public IReadOnlyList<ModelDayCost> Models { get; init; } = [];

    /// <summary>Every model together, plus billed resources no model used (logs, telemetry).</summary>
    public CostFigures Totals { get; init; } = new();

    public AzureCostFigures? Azure { get; init; }

    public IReadOnlyList<CostAnomaly> Anomalies { get; init; } = [];

    /// <summary>Why a source is missing (Cost Management not yet refreshed, a permission error), in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Where the full report is, in the reports container.</summary>
    public string? ReportBlob { get; init; }

    /// <summary>The report without stage and run detail (the table row; the blob holds the rest).</summary>
    public DailyCostReport Summary() => this with { Models = [.. Models.Select(m => m with { Stages = [], Runs = [] })] };
}
