using MlOps.Core.Monitoring.Reports;

namespace MlOps.Core.Monitoring;

/// <summary>What a drift check of one window found: the stored report's summary, or why no report was made.</summary>
public sealed record DriftCheck(string Model, int? Version, DriftReportSummary? Report, string? SkippedBecause)
{
    public bool Drifted => Report?.DatasetDrifted == true;
}
