using System.Text.Json.Serialization;

namespace MlOps.Core.Cost;

/// <summary>How storage prices an operation: writes (puts, appends, inserts), reads (downloads, queries, dequeues), lists (and container creation), and everything else (properties, deletes).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorageOperationClass>))]
public enum StorageOperationClass
{
    Write,
    Read,
    List,
    Other,
}
