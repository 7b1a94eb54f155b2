namespace MlOps.Core.Cost;

/// <summary>Storage requests of one service and class: how many, and the bytes sent and received with them.</summary>
public sealed record StorageOperations
{
    public StorageService Service { get; init; }

    public StorageOperationClass Class { get; init; }

    public long Count { get; init; }

    public long Bytes { get; init; }
}
