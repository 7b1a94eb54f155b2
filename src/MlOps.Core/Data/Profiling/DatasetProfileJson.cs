using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Core.Data.Profiling;

/// <summary>The JSON form of a <see cref="DatasetProfile"/> as stored next to a dataset version (camelCase, kinds as names).</summary>
public static class DatasetProfileJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static string Serialize(DatasetProfile profile) => JsonSerializer.Serialize(profile, Options);

    public static DatasetProfile Deserialize(string json) =>
        JsonSerializer.Deserialize<DatasetProfile>(json, Options) ?? throw new JsonException("The profile JSON is null.");
}
