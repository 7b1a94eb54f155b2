using System.Text.Json;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data.Profiling;

/// <summary>The values pandas computes for the test datasets (tests/data/data-fixtures/make_pandas_profiles.py).</summary>
internal static class PandasGolden
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestData.PathOf(Path.Combine("data-fixtures", "pandas_profiles.json")))).RootElement);

    public static JsonElement Dataset(string name) => Root.Value.GetProperty("datasets").GetProperty(name);

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];
}
