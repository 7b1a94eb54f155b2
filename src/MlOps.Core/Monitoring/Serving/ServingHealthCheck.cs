namespace MlOps.Core.Monitoring.Serving;

/// <summary>What a monitor run's serving-health check found: the report, or why none was made.</summary>
public sealed record ServingHealthCheck(string Model, ServingHealthReport? Report, string? SkippedBecause)
{
    public bool Breached => Report is { Healthy: false };
}
