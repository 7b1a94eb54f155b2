namespace MlOps.Pipeline.Contracts;

/// <summary>What the monitor found, for the retrain decision and the run's lineage.</summary>
public sealed record RetrainInput
{
    public required MonitorInput Monitor { get; init; }

    public required string Finding { get; init; }
}
