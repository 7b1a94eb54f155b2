using Azure;

namespace MlOps.Core.Storage;

/// <summary>A stored value with the ETag it was read at, for conditional writes.</summary>
public sealed record Versioned<T>(T Value, ETag ETag, string PartitionKey, string RowKey);
