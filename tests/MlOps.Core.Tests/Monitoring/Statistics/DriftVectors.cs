using System.Text.Json;
using MlOps.Testing;

namespace MlOps.Core.Tests.Monitoring.Statistics;

/// <summary>The scipy 1.10.1 golden values in tests/data/drift_vectors.json.</summary>
internal static class DriftVectors
{
    /// <summary>Statistics are rounded to 6 decimals in the file; p-values are stored in full.</summary>
    public const double StatisticTolerance = 1e-6;

    public const double PValueRelativeTolerance = 1e-6;

    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("drift_vectors.json")));
        return document.RootElement.Clone();
    });

    public static JsonElement Case(string group, string name) =>
        Root.Value.GetProperty(group).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string, string> CasesAndStatistics(string group, params string[] statistics)
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in Root.Value.GetProperty(group).EnumerateArray())
        {
            foreach (string statistic in statistics)
            {
                data.Add(c.GetProperty("name").GetString()!, statistic);
            }
        }

        return data;
    }

    public static TheoryData<string> CaseNames(string group)
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Root.Value.GetProperty(group).EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static T[] Array<T>(this JsonElement element, string property, Func<JsonElement, T> read) =>
        element.GetProperty(property).EnumerateArray().Select(read).ToArray();

    public static void AssertRelative(double expected, double actual, double relativeTolerance = PValueRelativeTolerance)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(
            error <= relativeTolerance * Math.Abs(expected),
            FormattableString.Invariant($"expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2})"));
    }
}
