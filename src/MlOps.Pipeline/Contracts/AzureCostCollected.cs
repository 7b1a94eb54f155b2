namespace MlOps.Pipeline.Contracts;

/// <summary>Where the collection step stored what Azure metered and billed; null when Azure is not configured.</summary>
public sealed record AzureCostCollected
{
    public string? Blob { get; init; }
}
