using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>Turns JSON rows into the model's packed input, checking every column against the model's layout.</summary>
public sealed class RowPacker
{
    // Column names longer than this (in UTF-8 bytes) are looked up by their allocated string instead of a stack copy.
    private const int MaxStackName = 256;

    private readonly FeatureLayout _layout;
    private readonly Dictionary<string, SlotName> _slots;
    private readonly Dictionary<string, SlotName>.AlternateLookup<ReadOnlySpan<char>> _slotsBySpan;

    // The slot each property position held in a recent request: clients send their columns in the same order every
    // time, so a byte comparison with that slot's name usually replaces decoding the name and hashing it. Shared by
    // the threads packing at once; a stale entry only fails the comparison.
    private readonly SlotName?[] _recentOrder;
    private readonly HashSet<string> _known;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _knownBySpan;

    public RowPacker(FeatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _slots = new Dictionary<string, SlotName>(StringComparer.Ordinal);
        AddSlots(PackedRow.NumericColumn, layout.NumericFeatures);
        AddSlots(PackedRow.CategoricalColumn, layout.CategoricalFeatures);
        AddSlots(PackedRow.TextColumn, layout.TextFeatures);
        _known = new HashSet<string>(layout.Columns, StringComparer.Ordinal);
        _slotsBySpan = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _knownBySpan = _known.GetAlternateLookup<ReadOnlySpan<char>>();
        _recentOrder = new SlotName?[_known.Count];
    }

    /// <exception cref="PredictionInputException">Not an object, an unknown or missing column, or a wrong type; the message names the row and column.</exception>
    public PackedRow Pack(JsonElement row, int rowIndex)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new PredictionInputException($"Row {rowIndex}: expected a JSON object of column values, got {row.ValueKind}.");
        }

        var packed = new PackedRow
        {
            Numeric = new float[_layout.NumericFeatures.Count],
            Categorical = new string[_layout.CategoricalFeatures.Count],
            Text = new string[_layout.TextFeatures.Count],
        };
        int seen = 0;
        int position = -1;
        Span<char> name = stackalloc char[MaxStackName];
        foreach (JsonProperty property in row.EnumerateObject())
        {
            position++;
            // The name is looked up from the request's own bytes: a string per column was the packer's largest cost.
            ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(property);
            SlotName? target = position < _recentOrder.Length ? _recentOrder[position] : null;
            bool onStack = true;
            int length = 0;
            if (target?.Utf8 is not { } recent || !raw.SequenceEqual(recent))
            {
                onStack = raw.Length <= MaxStackName && raw.IndexOf((byte)'\\') < 0;
                length = onStack ? Encoding.UTF8.GetChars(raw, name) : 0;
                if (!(onStack ? _slotsBySpan.TryGetValue(name[..length], out target) : _slots.TryGetValue(property.Name, out target)))
                {
                    target = null;
                }
                else if (position < _recentOrder.Length)
                {
                    _recentOrder[position] = target;
                }
            }

            if (target is not null)
            {
                switch (target.Vector)
                {
                    case PackedRow.NumericColumn:
                        packed.Numeric[target.Slot] = ReadNumber(property, rowIndex);
                        break;
                    case PackedRow.CategoricalColumn:
                        packed.Categorical[target.Slot] = ReadText(property);
                        break;
                    default:
                        packed.Text[target.Slot] = ReadText(property);
                        break;
                }

                seen++;
            }
            else if (onStack ? !_knownBySpan.Contains(name[..length]) : !_known.Contains(property.Name))
            {
                throw new PredictionInputException($"Row {rowIndex}: unknown column '{property.Name}'; the model expects {string.Join(", ", _layout.AllFeatures)}.");
            }
        }

        if (seen != _slots.Count)
        {
            string missing = _layout.AllFeatures.First(f => !row.TryGetProperty(f, out _));
            throw new PredictionInputException($"Row {rowIndex}: missing column '{missing}' (send null for a missing value).");
        }

        return packed;
    }

    private void AddSlots(string vector, IReadOnlyList<string> features)
    {
        for (int slot = 0; slot < features.Count; slot++)
        {
            // A name JSON must escape could not be compared byte for byte with the request's raw (escaped) name.
            string feature = features[slot];
            bool plain = !feature.Any(c => c is '\\' or '"' || char.IsControl(c));
            _slots[feature] = new SlotName(plain ? Encoding.UTF8.GetBytes(feature) : null, vector, slot);
        }
    }

    /// <summary>A feature's place in the packed row, with its name in UTF-8 when JSON writes it as it is.</summary>
    private sealed record SlotName(byte[]? Utf8, string Vector, int Slot);

    private static float ReadNumber(JsonProperty property, int rowIndex) => property.Value.ValueKind switch
    {
        JsonValueKind.Number => property.Value.GetSingle(),
        JsonValueKind.Null => float.NaN,
        JsonValueKind.String when float.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed) => parsed,
        _ => throw new PredictionInputException($"Row {rowIndex}: column '{property.Name}' must be a number or null, got {property.Value.ValueKind} {Truncate(property.Value.GetRawText())}."),
    };

    /// <summary>Categorical and text values: strings as they are, null as empty (as a missing CSV field loads), anything else as its JSON text.</summary>
    private static string ReadText(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => property.Value.GetString()!,
        _ => property.Value.GetRawText(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
