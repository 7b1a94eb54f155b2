namespace MlOps.Core.Data.Validation;

/// <summary>
/// Counts rows whose 64-bit hash repeats an earlier row's. The hashes are appended to flat arrays and counted once,
/// by sorting, at the end: a hash set costs a random memory access (and rehashing as it grows) per row, which made
/// duplicate detection a large share of the split pass; the arrays are also 8 bytes per row instead of about 20.
/// Each hash goes to one of 256 arrays by its top byte (equal hashes meet in the same one), so the count at the end
/// sorts 256 small arrays that stay in cache instead of one large one; the split pass's writer, which mostly waits
/// for its parser, pays for that spreading.
/// </summary>
internal sealed class DuplicateRowCounter
{
    private const int BucketBits = 8;

    private readonly ulong[][] _buckets = new ulong[1 << BucketBits][];
    private readonly int[] _counts = new int[1 << BucketBits];
    private long? _duplicates;

    public DuplicateRowCounter(int expectedRows)
    {
        // Room for the expected rows with a little slack, as hashes spread evenly over the buckets.
        int capacity = Math.Max(16, (expectedRows >> BucketBits) + (expectedRows >> (BucketBits + 4)));
        for (int b = 0; b < _buckets.Length; b++)
        {
            _buckets[b] = new ulong[capacity];
        }
    }

    public int Count { get; private set; }

    public void Add(ulong hash)
    {
        int bucket = (int)(hash >> (64 - BucketBits));
        ref ulong[] hashes = ref _buckets[bucket];
        if (_counts[bucket] == hashes.Length)
        {
            Array.Resize(ref hashes, checked(hashes.Length * 2));
        }

        hashes[_counts[bucket]++] = hash;
        Count++;
        _duplicates = null;
    }

    /// <summary>Rows added whose hash equals an earlier row's: the rows added minus the distinct hashes.</summary>
    public long Duplicates()
    {
        if (_duplicates is long known)
        {
            return known;
        }

        long repeats = 0;
        for (int b = 0; b < _buckets.Length; b++)
        {
            Span<ulong> hashes = _buckets[b].AsSpan(0, _counts[b]);
            hashes.Sort();
            for (int i = 1; i < hashes.Length; i++)
            {
                repeats += hashes[i] == hashes[i - 1] ? 1 : 0;
            }
        }

        _duplicates = repeats;
        return repeats;
    }
}
