namespace MlOps.Pipeline.Contracts;

/// <summary>The reconciliation step's input: the run, and where the Azure figures were stored (null when Azure is not configured).</summary>
public sealed record CostReconcileInput
{
    public required CostMonitorInput Monitor { get; init; }

    public string? AzureBlob { get; init; }
}
