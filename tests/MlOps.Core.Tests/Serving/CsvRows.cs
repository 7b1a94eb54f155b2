using System.Globalization;
using System.Text.Json;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Serving;

/// <summary>A numeric split file's rows as the JSON a prediction request carries (every column but the label).</summary>
internal static class CsvRows
{
    public static JsonElement AsJson(string csv, FeatureLayout layout)
    {
        IEnumerable<Dictionary<string, double>> rows = File.ReadLines(csv).Skip(1).Select(line => line.Split(',')
            .Select((value, i) => (Column: layout.Columns[i], value))
            .Where(x => x.Column != layout.Label)
            .ToDictionary(x => x.Column, x => double.Parse(x.value, CultureInfo.InvariantCulture)));
        return JsonSerializer.SerializeToElement(rows);
    }
}
