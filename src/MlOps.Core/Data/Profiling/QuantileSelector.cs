namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Exact order statistics in bounded memory. Pass 1 counts values in a histogram keyed by the leading bits of each
/// value's ordered key (no range needed in advance): sign and exponent pick a binade, the next 12 mantissa bits a
/// fine bucket, so a bucket holds 1/4096 of a binade. Then only the buckets that hold a requested rank are
/// collected exactly in the next pass; a bucket with too many distinct values is split by the next 16 key bits
/// and narrowed in another pass, so memory stays bounded whatever the data (typically two passes in all).
/// </summary>
internal sealed class QuantileSelector : IRankedValues
{
    private const int BinadeBits = 12;
    private const int FineBits = 8;
    private const int FineBuckets = 1 << FineBits;
    private const long FineArrayBytes = FineBuckets * sizeof(long);
    private static readonly long[] CoarseOnly = [];

    private readonly KeyHistogramBudget _budget;
    private readonly int _distinctCap;
    private readonly List<KeyRange> _resolved = [];
    private long[]?[]? _fine;
    private long[]? _coarse;
    private List<KeyRange> _pending = [];
    private KeyRange[]?[] _pendingByBinade = [];
    private ulong[] _pendingFine = []; // one bit per fine bucket that holds (part of) a pending range
    private long[] _ranks = [];

    public QuantileSelector(KeyHistogramBudget budget, int distinctCap)
    {
        _budget = budget;
        _distinctCap = distinctCap;
    }

    public long Count { get; private set; }

    public bool HasPendingRanges => _pending.Count > 0;

    /// <summary>Pass 1: counts the value in its fine bucket (or only its binade once the budget is spent).</summary>
    public void AddToHistogram(double value)
    {
        CountInHistogram(_fine ??= new long[]?[1 << BinadeBits], value);
        Count++;
    }

    /// <summary>Pass 1: <see cref="AddToHistogram"/> for each value.</summary>
    public void AddAllToHistogram(ReadOnlySpan<double> values)
    {
        long[]?[] binades = _fine ??= new long[]?[1 << BinadeBits];
        foreach (double value in values)
        {
            CountInHistogram(binades, value);
        }

        Count += values.Length;
    }

    /// <summary>After pass 1: chooses the buckets to collect for the given 0-based ranks and frees the histogram.</summary>
    public void Plan(IEnumerable<long> ranks)
    {
        _ranks = [.. ranks.Where(r => r >= 0 && r < Count).Distinct().Order()];
        long before = 0;
        for (int binade = 0; _fine is not null && binade < _fine.Length; binade++)
        {
            long[]? fine = _fine[binade];
            if (fine is null)
            {
                continue;
            }

            if (fine.Length == 0)
            {
                before = AddPendingIfRanked((ulong)binade, BinadeBits, before, _coarse![binade]);
                continue;
            }

            for (int bucket = 0; bucket < fine.Length; bucket++)
            {
                before = AddPendingIfRanked(((ulong)binade << FineBits) | (uint)bucket, BinadeBits + FineBits, before, fine[bucket]);
            }

            _budget.Return(FineArrayBytes);
        }

        _fine = null;
        _coarse = null;
        IndexPending();
    }

    /// <summary>A collecting pass: keeps the value if it falls in a pending range.</summary>
    public void Collect(double value)
    {
        ulong key = OrderedKey.FromDouble(value);

        // Most values lie in no pending range: one bit says so, before any range is compared.
        int fine = (int)(key >> (64 - BinadeBits - FineBits));
        if ((_pendingFine[fine >> 6] & (1UL << fine)) == 0)
        {
            return;
        }

        KeyRange[] candidates = _pendingByBinade[fine >> FineBits]!;

        for (int i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].Contains(key))
            {
                candidates[i].Add(key, value, _distinctCap);
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
        IndexPending();
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

    private void CountInHistogram(long[]?[] binades, double value)
    {
        ulong key = OrderedKey.FromDouble(value);
        int binade = (int)(key >> (64 - BinadeBits));
        long[] fine = binades[binade] ??= _budget.TryTake(FineArrayBytes) ? new long[FineBuckets] : CoarseOnly;
        if (fine.Length == 0)
        {
            (_coarse ??= new long[1 << BinadeBits])[binade]++;
        }
        else
        {
            fine[(int)(key >> (64 - BinadeBits - FineBits)) & (FineBuckets - 1)]++;
        }
    }

    private void Split(KeyRange range, List<KeyRange> next)
    {
        long[] subCounts = range.SubCounts!;
        long before = range.CountBefore;
        for (int sub = 0; sub < subCounts.Length; sub++)
        {
            long count = subCounts[sub];
            if (count > 0 && HasRankIn(before, count))
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

    private long AddPendingIfRanked(ulong prefix, int bits, long before, long count)
    {
        if (count > 0 && HasRankIn(before, count))
        {
            _pending.Add(new KeyRange(prefix, bits, before, count));
        }

        return before + count;
    }

    private bool HasRankIn(long before, long count)
    {
        int index = Array.BinarySearch(_ranks, before);
        index = index >= 0 ? index : ~index;
        return index < _ranks.Length && _ranks[index] < before + count;
    }

    private void IndexPending()
    {
        _pendingFine = new ulong[(1 << (BinadeBits + FineBits)) / 64];
        foreach (KeyRange range in _pending)
        {
            // A range of a whole binade covers all its fine buckets; a narrower one lies within one.
            int first = range.Bits >= BinadeBits + FineBits
                ? (int)(range.Prefix >> (range.Bits - BinadeBits - FineBits))
                : (int)(range.Prefix << (BinadeBits + FineBits - range.Bits));
            int count = range.Bits >= BinadeBits + FineBits ? 1 : 1 << (BinadeBits + FineBits - range.Bits);
            for (int bucket = first; bucket < first + count; bucket++)
            {
                _pendingFine[bucket >> 6] |= 1UL << bucket;
            }
        }

        _pendingByBinade = new KeyRange[]?[1 << BinadeBits];
        foreach (IGrouping<int, KeyRange> binade in _pending.GroupBy(r => (int)(r.Prefix >> (r.Bits - BinadeBits))))
        {
            _pendingByBinade[binade.Key] = [.. binade];
        }
    }
}
