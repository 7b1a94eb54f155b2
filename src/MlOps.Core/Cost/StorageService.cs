using System.Text.Json.Serialization;

namespace MlOps.Core.Cost;

/// <summary>The storage service an operation went to; each is priced separately.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorageService>))]
public enum StorageService
{
    Blob,
    Queue,
    Table,
}
