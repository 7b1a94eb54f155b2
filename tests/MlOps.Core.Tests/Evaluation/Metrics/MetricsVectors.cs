using System.Text.Json;
using MlOps.Testing;

namespace MlOps.Core.Tests.Evaluation.Metrics;

/// <summary>
/// The scikit-learn 1.2.1 golden values in tests/data/metrics_vectors.json (the shared vectors rounded to 6 decimals,
/// the values data-fixtures/extend_metrics_vectors.py added at full precision).
/// </summary>
internal static class MetricsVectors
{
    /// <summary>The file's values are rounded to 6 decimals, so agreement is to within half of that plus rounding.</summary>
    public const double Tolerance = 1e-6;

    private static readonly Lazy<JsonElement> Cases = new(() =>
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("metrics_vectors.json")));
        return document.RootElement.GetProperty("cases").Clone();
    });

    public static JsonElement Case(string name) =>
        Cases.Value.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>Every (case, metric) pair for the cases of one kind.</summary>
    public static TheoryData<string, string> CasesAndMetrics(string kind, params string[] metrics)
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in Cases.Value.EnumerateArray().Where(c => c.GetProperty("kind").GetString() == kind))
        {
            foreach (string metric in metrics)
            {
                data.Add(c.GetProperty("name").GetString()!, metric);
            }
        }

        return data;
    }

    public static double[] Doubles(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
