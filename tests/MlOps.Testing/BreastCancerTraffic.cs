using System.Globalization;

namespace MlOps.Testing;

/// <summary>The breast cancer dataset as rows of text, and the traffic tests send a model trained on it.</summary>
public static class BreastCancerTraffic
{
    public const string Label = "diagnosis";

    // Twenty features that, moved together, make any drift test fire on a window of a hundred rows.
    private static readonly string[] ShiftedColumns = ["mean_radius", "mean_texture", "mean_perimeter", "mean_area", "mean_smoothness", "mean_compactness",
        "mean_concavity", "mean_concave_points", "mean_symmetry", "radius_error", "texture_error", "perimeter_error", "area_error", "smoothness_error",
        "worst_radius", "worst_texture", "worst_perimeter", "worst_area", "worst_smoothness", "worst_compactness"];

    public static async Task<(string[] Header, string[][] Rows)> ReadAsync()
    {
        string[] lines = await File.ReadAllLinesAsync(TestData.BreastCancerCsv);
        return (lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    public static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        return string.Join(',', header) + "\n" + string.Join('\n', rows.Select(r => string.Join(',', r))) + "\n";
    }

    /// <summary><paramref name="rows"/> with twenty features moved by three standard deviations (of <paramref name="all"/>).</summary>
    public static string[][] Shift(string[] header, string[][] all, string[][] rows)
    {
        ArgumentNullException.ThrowIfNull(all);
        Dictionary<string, double> std = ShiftedColumns.ToDictionary(c => c, c =>
        {
            double[] values = [.. all.Select(r => double.Parse(r[Array.IndexOf(header, c)], CultureInfo.InvariantCulture))];
            double mean = values.Average();
            return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        });
        return [.. rows.Select(r => r.Select((v, i) => std.TryGetValue(header[i], out double s)
            ? (double.Parse(v, CultureInfo.InvariantCulture) + (3 * s)).ToString(CultureInfo.InvariantCulture) : v).ToArray())];
    }

    /// <summary>The rows as a prediction request's body: feature name to value, without the label.</summary>
    public static List<Dictionary<string, double>> Features(string[] header, IEnumerable<string[]> rows) =>
        [.. rows.Select(row => header.Zip(row).Where(p => p.First != Label).ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture)))];
}
