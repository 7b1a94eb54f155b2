namespace MlOps.Core.Telemetry;

/// <summary>
/// The tag (attribute) names on the product's spans and metrics, the same on both so one KQL dimension filters either;
/// the portal workbook queries them by these names.
/// </summary>
public static class MlOpsTags
{
    public const string Model = "model";
    public const string RunId = "run_id";
    public const string Version = "version";
    public const string Stage = "stage";
    public const string Trainer = "trainer";
    public const string Candidate = "candidate";
    public const string MonitorId = "monitor_id";
    public const string Status = "status";
    public const string Outcome = "outcome";
    public const string Activity = "activity";
    public const string Trigger = "trigger";
    public const string Column = "column";
    public const string Method = "method";
    public const string Metric = "metric";
}
