using System.Runtime.InteropServices;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// The values whose ordered keys share a prefix. While collecting it keeps exact (value, count) pairs; when
/// there are too many distinct values it switches to counting the next 16 key bits, which a further pass
/// narrows down. Repeated values cost one entry, so a column of a million zeros still resolves in one pass.
/// </summary>
internal sealed class KeyRange
{
    private const int RefinementBits = 16;

    private Dictionary<double, long>? _values = [];
    private long[]? _subCounts;

    public KeyRange(ulong prefix, int bits, long countBefore, long count)
    {
        Prefix = prefix;
        Bits = bits;
        CountBefore = countBefore;
        Count = count;
    }

    public ulong Prefix { get; }

    public int Bits { get; }

    /// <summary>How many values have a smaller key: the rank of this range's first value.</summary>
    public long CountBefore { get; }

    public long Count { get; }

    /// <summary>The distinct values in ascending order with their counts, once resolved.</summary>
    public (double Value, long Count)[]? Resolved { get; private set; }

    public long[]? SubCounts => _subCounts;

    public int SubBits => Math.Min(RefinementBits, 64 - Bits);

    public bool Contains(ulong key) => (key >> (64 - Bits)) == Prefix;

    public bool ContainsRank(long rank) => rank >= CountBefore && rank < CountBefore + Count;

    public static KeyRange SingleValue(ulong key, long countBefore, long count) =>
        new(key, 64, countBefore, count) { Resolved = [(OrderedKey.ToDouble(key), count)], _values = null };

    public void Add(ulong key, double value, int distinctCap)
    {
        if (_subCounts is not null)
        {
            _subCounts[SubBucket(key)]++;
            return;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_values!, value, out _)++;
        if (_values!.Count > distinctCap)
        {
            _subCounts = new long[1 << SubBits];
            foreach ((double v, long c) in _values)
            {
                _subCounts[SubBucket(OrderedKey.FromDouble(v))] += c;
            }

            _values = null;
        }
    }

    /// <summary>Sorts the collected values; false when the range switched to sub-bucket counts instead.</summary>
    public bool TryResolve()
    {
        if (_values is null)
        {
            return false;
        }

        Resolved = [.. _values.OrderBy(pair => pair.Key).Select(pair => (pair.Key, pair.Value))];
        _values = null;
        long total = Resolved.Sum(pair => pair.Count);
        return total == Count
            ? true
            : throw new InvalidOperationException("The data changed between profiling passes (a range's count differs).");
    }

    private int SubBucket(ulong key) => (int)((key >> (64 - Bits - SubBits)) & ((1UL << SubBits) - 1));
}
