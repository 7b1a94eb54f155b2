namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Exact order statistics in bounded memory. Pass 1 counts values in a histogram keyed by the leading bits of
/// each value's ordered key (no range needed in advance). Then only the buckets that hold a requested rank are
/// collected exactly in the next pass; a bucket with too many distinct values is split by the next 16 key bits
/// and narrowed in another pass, so memory stays bounded whatever the data (typically two passes in all).
/// </summary>
internal sealed class QuantileSelector : IRankedValues
{
    private readonly int _rootBits;
    private readonly int _distinctCap;
    private readonly List<KeyRange> _resolved = [];
    private long[]? _rootCounts;
    private List<KeyRange> _pending = [];
    private ulong[] _pendingRoots = [];
    private long[] _ranks = [];

    public QuantileSelector(int rootBits, int distinctCap)
    {
        _rootBits = rootBits;
        _distinctCap = distinctCap;
    }

    public long Count { get; private set; }

    public bool HasPendingRanges => _pending.Count > 0;

    /// <summary>Pass 1: counts the value in its root bucket.</summary>
    public void AddToHistogram(double value)
    {
        _rootCounts ??= new long[1 << _rootBits];
        _rootCounts[OrderedKey.FromDouble(value) >> (64 - _rootBits)]++;
        Count++;
    }

    /// <summary>After pass 1: chooses the root buckets to collect for the given 0-based ranks.</summary>
    public void Plan(IEnumerable<long> ranks)
    {
        _ranks = [.. ranks.Where(r => r >= 0 && r < Count).Distinct().Order()];
        long before = 0;
        int rank = 0;
        for (int bucket = 0; _rootCounts is not null && bucket < _rootCounts.Length && rank < _ranks.Length; bucket++)
        {
            long count = _rootCounts[bucket];
            if (count > 0 && _ranks[rank] < before + count)
            {
                _pending.Add(new KeyRange((ulong)bucket, _rootBits, before, count));
                while (rank < _ranks.Length && _ranks[rank] < before + count)
                {
                    rank++;
                }
            }

            before += count;
        }

        _rootCounts = null;
        IndexPendingRoots();
    }

    /// <summary>A collecting pass: keeps the value if it falls in a pending range.</summary>
    public void Collect(double value)
    {
        ulong key = OrderedKey.FromDouble(value);
        ulong root = key >> (64 - _rootBits);
        if ((_pendingRoots[root >> 6] & (1UL << (int)(root & 63))) == 0)
        {
            return;
        }

        foreach (KeyRange range in _pending)
        {
            if (range.Contains(key))
            {
                range.Add(key, value, _distinctCap);
                return;
            }
        }
    }

    /// <summary>Ends a collecting pass: resolves ranges, splits the others; true when another pass is needed.</summary>
    public bool FinishPass()
    {
        var next = new List<KeyRange>();
        foreach (KeyRange range in _pending)
        {
            if (range.TryResolve())
            {
                _resolved.Add(range);
            }
            else
            {
                Split(range, next);
            }
        }

        _pending = next;
        IndexPendingRoots();
        return _pending.Count > 0;
    }

    public double ValueAt(long rank)
    {
        KeyRange range = _resolved.Find(r => r.ContainsRank(rank))
            ?? throw new InvalidOperationException($"Rank {rank} was not planned.");
        long at = range.CountBefore;
        foreach ((double value, long count) in range.Resolved!)
        {
            at += count;
            if (rank < at)
            {
                return value;
            }
        }

        throw new InvalidOperationException($"Rank {rank} is outside its range.");
    }

    public (long First, long Last) RanksOf(double value)
    {
        ulong key = OrderedKey.FromDouble(value);
        KeyRange range = _resolved.Find(r => r.Contains(key))
            ?? throw new InvalidOperationException($"Value {value} is not at a planned rank.");
        long first = range.CountBefore;
        foreach ((double v, long count) in range.Resolved!)
        {
            if (v == value)
            {
                return (first, first + count - 1);
            }

            first += count;
        }

        throw new InvalidOperationException($"Value {value} is not in its range.");
    }

    private void Split(KeyRange range, List<KeyRange> next)
    {
        long[] subCounts = range.SubCounts!;
        long before = range.CountBefore;
        for (int sub = 0; sub < subCounts.Length; sub++)
        {
            long count = subCounts[sub];
            if (count > 0 && _ranks.Any(r => r >= before && r < before + count))
            {
                ulong prefix = (range.Prefix << range.SubBits) | (uint)sub;
                int bits = range.Bits + range.SubBits;
                if (bits == 64)
                {
                    _resolved.Add(KeyRange.SingleValue(prefix, before, count));
                }
                else
                {
                    next.Add(new KeyRange(prefix, bits, before, count));
                }
            }

            before += count;
        }
    }

    private void IndexPendingRoots()
    {
        _pendingRoots = new ulong[Math.Max(1, (1 << _rootBits) / 64)];
        foreach (KeyRange range in _pending)
        {
            ulong root = range.Prefix >> (range.Bits - _rootBits);
            _pendingRoots[root >> 6] |= 1UL << (int)(root & 63);
        }
    }
}
