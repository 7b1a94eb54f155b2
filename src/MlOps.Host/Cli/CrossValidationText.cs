using System.Globalization;
using System.Text.Json;

namespace MlOps.Host.Cli;

/// <summary>A version's cross-validated figures as one line a person reads: "v2: 5-fold cross-validation over 455 rows (…): auc 0.9912 ± 0.0041, …".</summary>
public static class CrossValidationText
{
    /// <summary>One line per version (of a model's answer) that has cross-validated figures, newest first as the API lists them.</summary>
    public static IEnumerable<string> Lines(JsonElement model)
    {
        if (model.ValueKind != JsonValueKind.Object || !model.TryGetProperty("versions", out JsonElement versions) || versions.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (JsonElement version in versions.EnumerateArray())
        {
            if (version.TryGetProperty("crossValidation", out JsonElement folds) && folds.ValueKind == JsonValueKind.Object)
            {
                yield return Line(version.GetProperty("version").GetInt32(), folds);
            }
        }
    }

    private static string Line(int version, JsonElement folds)
    {
        IEnumerable<string> metrics = folds.GetProperty("metrics").EnumerateObject().Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Name} {m.Value.GetProperty("mean").GetDouble():F4} ± {m.Value.GetProperty("standardDeviation").GetDouble():F4}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"v{version}: {folds.GetProperty("folds").GetInt32()}-fold cross-validation over {folds.GetProperty("rows").GetInt64()} rows ({folds.GetProperty("covers").GetString()}): {string.Join(", ", metrics)}");
    }
}
