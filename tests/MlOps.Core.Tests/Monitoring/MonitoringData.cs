using System.Globalization;
using System.Text;
using System.Text.Json;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Serialization;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using MlOps.Testing;

namespace MlOps.Core.Tests.Monitoring;

/// <summary>
/// Tables for the monitoring tests as rows of column → value (double, string or null): CSV for the profiler, and
/// prediction log lines written the way <see cref="PredictionLog"/> writes them, parsed back by the reader.
/// </summary>
internal static class MonitoringData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    public sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<Dictionary<string, object?>> Rows)
    {
        public double[] Numbers(string column) => [.. Rows.Select(r => r[column]).OfType<double>()];
    }

    /// <summary>breast_cancer.csv: 30 numeric features and the diagnosis label.</summary>
    public static Table BreastCancer()
    {
        using var reader = new CsvRecordReader(File.OpenRead(TestData.BreastCancerCsv), "breast_cancer.csv");
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (int i = 0; i < reader.Header.Count; i++)
            {
                row[reader.Header[i]] = reader.TryGetDouble(i, out double value) ? value : reader.GetString(i);
            }

            rows.Add(row);
        }

        return new Table([.. reader.Header], rows);
    }

    public static FeatureLayout BreastCancerLayout(Table table) => new()
    {
        Task = ModelTask.Binary,
        Label = "diagnosis",
        Columns = table.Columns,
        NumericFeatures = [.. table.Columns.Where(c => c != "diagnosis")],
        Classes = ["benign", "malignant"],
        PositiveClass = "malignant",
    };

    /// <summary>A seeded shuffle split: the first share of the rows, and the rest.</summary>
    public static (Table First, Table Second) Split(Table table, double share, int seed)
    {
        Dictionary<string, object?>[] shuffled = [.. table.Rows];
        new Random(seed).Shuffle(shuffled);
        int cut = (int)Math.Round(shuffled.Length * share);
        return (table with { Rows = shuffled[..cut] }, table with { Rows = shuffled[cut..] });
    }

    /// <summary>A mixed table: numeric x0..x{numeric-1} (normal, mean 10·i, sd 1+i) and categorical "color" and "size".</summary>
    public static Table Mixed(int rows, int numeric, int seed, string[]? colors = null, double[]? colorWeights = null, double shift = 0)
    {
        var random = new Random(seed);
        colors ??= ["red", "green", "blue", "yellow"];
        colorWeights ??= [0.4, 0.3, 0.2, 0.1];
        string[] columns = [.. Enumerable.Range(0, numeric).Select(i => $"x{i}"), "color", "size", "y"];
        var table = new List<Dictionary<string, object?>>(rows);
        for (int r = 0; r < rows; r++)
        {
            var row = new Dictionary<string, object?>();
            for (int i = 0; i < numeric; i++)
            {
                row[$"x{i}"] = (10.0 * i) + ((1 + i) * (Normal(random) + shift));
            }

            row["color"] = Pick(random, colors, colorWeights);
            row["size"] = random.NextDouble() < 0.5 ? "S" : "L";
            row["y"] = random.NextDouble() < 0.5 ? "no" : "yes";
            table.Add(row);
        }

        return new Table(columns, table);
    }

    public static FeatureLayout MixedLayout(Table table, int numeric) => new()
    {
        Task = ModelTask.Binary,
        Label = "y",
        Columns = table.Columns,
        NumericFeatures = [.. Enumerable.Range(0, numeric).Select(i => $"x{i}")],
        CategoricalFeatures = ["color", "size"],
        Classes = ["no", "yes"],
        PositiveClass = "yes",
    };

    public static Task<DatasetProfile> ProfileAsync(Table table, int sampleSize = 10_000)
    {
        byte[] csv = Csv(table);
        var options = new DatasetProfilerOptions { SampleSize = sampleSize, SpillDirectory = null };
        return new DatasetProfiler(options).ProfileAsync(new CsvDatasetSource(() => new MemoryStream(csv), "reference.csv"));
    }

    public static byte[] Csv(Table table)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', table.Columns));
        foreach (Dictionary<string, object?> row in table.Rows)
        {
            text.AppendLine(string.Join(',', table.Columns.Select(c => row[c] switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                string s => CsvFieldEscaper.Escape(s),
                _ => string.Empty,
            })));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>One prediction log line for a row, as <see cref="PredictionLog"/> writes it (label column left out of the inputs).</summary>
    public static string Line(
        IReadOnlyDictionary<string, object?> inputs, string requestId, int row, DateTimeOffset at, Prediction prediction, int version = 1, string? label = null)
    {
        var line = new Dictionary<string, object?>
        {
            ["requestId"] = requestId,
            ["row"] = row,
            ["at"] = at,
            ["model"] = "m",
            ["version"] = version,
            ["alias"] = "production",
            ["latencyMs"] = 1.5,
            ["inputs"] = inputs.Where(p => p.Key != label).ToDictionary(p => p.Key, p => p.Value),
            ["prediction"] = prediction,
        };
        return JsonSerializer.Serialize(line, JsonDefaults.Options);
    }

    public static LoggedPrediction Logged(string line) =>
        PredictionLogReader.TryParse(Encoding.UTF8.GetBytes(line), out string? problem) ?? throw new InvalidOperationException(problem);

    /// <summary>The table's rows as logged predictions (a fixed answer; request ids r0, r1, …), one minute apart from <see cref="Start"/>.</summary>
    public static List<LoggedPrediction> Logged(Table table, string label, Func<Dictionary<string, object?>, Prediction>? answer = null, int version = 1) =>
        [.. table.Rows.Select((row, i) => Logged(Line(row, $"r{i}", 0, Start.AddMinutes(i), answer?.Invoke(row) ?? new Prediction("no", 0.0, 0.5), version, label)))];

    public static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Pick(Random random, string[] values, double[] weights)
    {
        double u = random.NextDouble() * weights.Sum();
        for (int i = 0; i < values.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }
}
