using MlOps.Core.Monitoring.Drift;

namespace MlOps.Core.Monitoring.Reports;

/// <summary>
/// The table row of a drift report: the verdicts and where the full report and its plot are (the full report can
/// outgrow a table property, so it lives in the reports container).
/// </summary>
public sealed record DriftReportSummary
{
    /// <summary>How many drifted column names a summary lists.</summary>
    public const int ListedColumns = 10;

    public required string Id { get; init; }

    public required string Model { get; init; }

    public int? Version { get; init; }

    public required MonitoringWindow Window { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Rows { get; init; }

    public int ColumnsCompared { get; init; }

    public int ColumnsDrifted { get; init; }

    public double DriftedShare { get; init; }

    public bool DatasetDrifted { get; init; }

    /// <summary>Null when prediction drift was not measured.</summary>
    public bool? PredictionDrifted { get; init; }

    /// <summary>The most drifted columns, most drifted first (at most <see cref="ListedColumns"/>).</summary>
    public IReadOnlyList<string> MostDrifted { get; init; } = [];

    /// <summary>The full report's blob in the reports container.</summary>
    public required string ReportBlob { get; init; }

    /// <summary>The plot's blob in the reports container, when one was stored.</summary>
    public string? PlotBlob { get; init; }

    public static DriftReportSummary From(DriftReport report, string reportBlob, string? plotBlob)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new DriftReportSummary
        {
            Id = report.Id,
            Model = report.Model,
            Version = report.Version,
            Window = report.Window,
            CreatedAt = report.CreatedAt,
            Rows = report.Rows,
            ColumnsCompared = report.ColumnsCompared,
            ColumnsDrifted = report.ColumnsDrifted,
            DriftedShare = report.DriftedShare,
            DatasetDrifted = report.DatasetDrifted,
            PredictionDrifted = report.PredictionDrift.Skipped is null ? report.PredictionDrift.Drifted : null,
            MostDrifted = [.. report.MostDrifted.Take(ListedColumns)],
            ReportBlob = reportBlob,
            PlotBlob = plotBlob,
        };
    }
}
