namespace MlOps.Core.Monitoring.Serving;

/// <summary>
/// Where the serving-health monitor reads its figures (section <c>ServingHealth</c>). With a Log Analytics workspace
/// it queries what every instance exported to Azure Monitor; without one, the figures this host recorded itself.
/// </summary>
public sealed class ServingHealthOptions
{
    public const string SectionName = "ServingHealth";

    /// <summary>The Log Analytics workspace id (its customerId, a GUID) that the app's Application Insights writes to.</summary>
    public string? WorkspaceId { get; set; }

    public bool UsesAzureMonitor => !string.IsNullOrWhiteSpace(WorkspaceId);
}
