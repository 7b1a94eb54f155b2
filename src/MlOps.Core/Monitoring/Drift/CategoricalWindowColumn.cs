using System.Runtime.InteropServices;
using System.Text.Json;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// The current window's side of one categorical column: exact counts per category up to
/// <see cref="DistinctCap"/> distinct categories; values of categories first seen after that are counted in
/// <see cref="Overflow"/> (the analysis folds them into "other", where categories outside the reference go anyway).
/// </summary>
public sealed class CategoricalWindowColumn
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    internal CategoricalWindowColumn(string name, int distinctCap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(distinctCap);
        Name = name;
        DistinctCap = distinctCap;
    }

    public string Name { get; }

    public int DistinctCap { get; }

    /// <summary>Non-missing values seen (counted or overflowed).</summary>
    public long Count { get; private set; }

    /// <summary>Absent, null or empty values (the profiler counts empty fields as missing too).</summary>
    public long Missing { get; private set; }

    /// <summary>Values of categories that arrived after <see cref="DistinctCap"/> distinct ones were being counted.</summary>
    public long Overflow { get; private set; }

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Missing++;
            return;
        }

        Count++;
        ref long count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, value);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count))
        {
            count++;
        }
        else if (_counts.Count < DistinctCap)
        {
            _counts.Add(value, 1);
        }
        else
        {
            Overflow++;
        }
    }

    public void AddMissing() => Missing++;

    /// <summary>A logged JSON value: text as is, numbers and booleans by their JSON text (as serving packs them).</summary>
    internal void Add(JsonElement value) => Add(value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    });
}
