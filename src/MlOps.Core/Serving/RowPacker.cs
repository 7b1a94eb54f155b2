using System.Globalization;
using System.Text.Json;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>Turns JSON rows into the model's packed input, checking every column against the model's layout.</summary>
public sealed class RowPacker
{
    private readonly FeatureLayout _layout;
    private readonly Dictionary<string, int> _numericSlots;
    private readonly Dictionary<string, int> _categoricalSlots;
    private readonly HashSet<string> _known;

    public RowPacker(FeatureLayout layout)
    {
        _layout = layout;
        _numericSlots = layout.NumericFeatures.Select((name, slot) => (name, slot)).ToDictionary(x => x.name, x => x.slot, StringComparer.Ordinal);
        _categoricalSlots = layout.CategoricalFeatures.Select((name, slot) => (name, slot)).ToDictionary(x => x.name, x => x.slot, StringComparer.Ordinal);
        _known = new HashSet<string>(layout.Columns, StringComparer.Ordinal);
    }

    public PackedRow Pack(JsonElement row, int rowIndex)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new PredictionInputException($"Row {rowIndex}: expected a JSON object of column values, got {row.ValueKind}.");
        }

        var packed = new PackedRow
        {
            Numeric = new float[_numericSlots.Count],
            Categorical = new string[_categoricalSlots.Count],
        };
        int numericSeen = 0;
        int categoricalSeen = 0;
        foreach (JsonProperty property in row.EnumerateObject())
        {
            if (_numericSlots.TryGetValue(property.Name, out int slot))
            {
                packed.Numeric[slot] = ReadNumber(property, rowIndex);
                numericSeen++;
            }
            else if (_categoricalSlots.TryGetValue(property.Name, out slot))
            {
                packed.Categorical[slot] = ReadCategory(property);
                categoricalSeen++;
            }
            else if (!_known.Contains(property.Name))
            {
                throw new PredictionInputException($"Row {rowIndex}: unknown column '{property.Name}'; the model expects {string.Join(", ", _layout.AllFeatures)}.");
            }
        }

        if (numericSeen != _numericSlots.Count || categoricalSeen != _categoricalSlots.Count)
        {
            string missing = _layout.AllFeatures.First(f => !row.TryGetProperty(f, out _));
            throw new PredictionInputException($"Row {rowIndex}: missing column '{missing}' (send null for a missing value).");
        }

        return packed;
    }

    private static float ReadNumber(JsonProperty property, int rowIndex) => property.Value.ValueKind switch
    {
        JsonValueKind.Number => property.Value.GetSingle(),
        JsonValueKind.Null => float.NaN,
        JsonValueKind.String when float.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed) => parsed,
        _ => throw new PredictionInputException($"Row {rowIndex}: column '{property.Name}' must be a number or null, got {property.Value.ValueKind} {Truncate(property.Value.GetRawText())}."),
    };

    private static string ReadCategory(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => property.Value.GetString()!,
        _ => property.Value.GetRawText(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
