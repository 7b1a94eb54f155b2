using System.Runtime.InteropServices;
using System.Text;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Exact value frequencies up to a cap on distinct values; past the cap new values are only counted as
/// "uncounted" and the distinct count becomes a lower bound. Can be abandoned to free its memory.
/// </summary>
internal sealed class Utf8ValueCounter
{
    private readonly int _cap;
    private Dictionary<byte[], long>? _counts = new(Utf8KeyComparer.Instance);

    public Utf8ValueCounter(int cap)
    {
        _cap = cap;
    }

    public bool IsAbandoned => _counts is null;

    /// <summary>True when some value was not counted because the cap was reached.</summary>
    public bool IsCapped { get; private set; }

    public int DistinctCount => _counts?.Count ?? 0;

    public void Add(ReadOnlySpan<byte> value)
    {
        if (_counts is null)
        {
            return;
        }

        Dictionary<byte[], long>.AlternateLookup<ReadOnlySpan<byte>> lookup = _counts.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (_counts.Count < _cap)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(lookup, value, out _)++;
        }
        else if (lookup.TryGetValue(value, out long count))
        {
            lookup[value] = count + 1;
        }
        else
        {
            IsCapped = true;
        }
    }

    public void Abandon() => _counts = null;

    /// <summary>The most frequent values, ties broken by ordinal value so that profiles are reproducible.</summary>
    public IReadOnlyList<(string Value, long Count)> Top(int count)
    {
        if (_counts is null)
        {
            return [];
        }

        return [.. _counts
            .Select(pair => (Value: Encoding.UTF8.GetString(pair.Key), Count: pair.Value))
            .OrderByDescending(pair => pair.Count)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Take(count)];
    }
}
